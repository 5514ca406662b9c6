// Prometheus metrics of one service (docs/operations.md), served at /metrics. Each service has a registry of its
// own, never prom-client's global one: under `npm start` and in the tests several services share one process, and
// each must report only its own requests.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';
import { getOperationAST } from 'graphql';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds, up to the gateway's default request timeout of 30 s. */
export const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

/**
 * Distinct operation names a service keeps as label values; any further name is counted as `other`, so that callers
 * sending ever new names cannot grow the number of series without bound.
 */
export const MAX_OPERATION_NAMES = 200;

/** A database pool at one moment, as the database package reads it. */
export interface PoolUsage {
  /** Connections the pool may open. */
  maxConnections: number;
  /** Statements and transactions sent and not yet answered: each holds a connection, or waits for one. */
  inFlight: number;
}

export interface ServiceMetrics {
  registry: Registry;
  /** Counts, errors and latency per GraphQL operation. */
  plugin: ApolloServerPlugin<BaseContext>;
  /** Counts the answers of /graphql by HTTP status, those refused before GraphQL runs (401, 413, 429) included. */
  countResponses: RequestHandler;
  /** GET /metrics in Prometheus' text format. */
  handler: RequestHandler;
}

export function serviceMetrics(service: string, { registry = new Registry(), pool }: { registry?: Registry | undefined; pool?: (() => PoolUsage) | undefined } = {}): ServiceMetrics {
  registry.setDefaultLabels({ service });
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const labelNames = ['operation', 'type'] as const;
  const requests = new Counter({ name: 'graphql_requests_total', help: 'GraphQL operations answered', labelNames, registers });
  const errors = new Counter({ name: 'graphql_request_errors_total', help: 'GraphQL operations answered with at least one error', labelNames, registers });
  const duration = new Histogram({ name: 'graphql_request_duration_seconds', help: 'Time to answer a GraphQL operation', labelNames, buckets: LATENCY_BUCKETS, registers });
  const responses = new Counter({ name: 'graphql_http_responses_total', help: 'Answers of /graphql by HTTP status', labelNames: ['status'], registers });
  if (pool) {
    // Read at each scrape, not kept up to date on every query.
    new Gauge({ name: 'db_pool_max_connections', help: 'Connections the database pool may open', registers, collect() { this.set(pool().maxConnections); } });
    new Gauge({ name: 'db_queries_in_flight', help: 'Statements and transactions sent to the database and not yet answered', registers, collect() { this.set(pool().inFlight); } });
  }
  const operationLabel = boundedNames(MAX_OPERATION_NAMES);

  return {
    registry,
    plugin: {
      async requestDidStart() {
        const started = performance.now();
        return {
          async willSendResponse({ operation, document, request, errors: failures }) {
            // A refused operation (too deep, too costly) has no resolved operation, but its parsed document names it.
            const op = operation ?? (document && getOperationAST(document, request.operationName)) ?? undefined;
            const labels = { operation: operationLabel(op?.name?.value), type: op?.operation ?? 'unknown' };
            requests.inc(labels);
            if (failures?.length) errors.inc(labels);
            duration.observe(labels, (performance.now() - started) / 1000);
          },
        };
      },
    },
    countResponses: (_req, res, next) => {
      res.once('finish', () => responses.inc({ status: res.statusCode }));
      next();
    },
    handler: async (_req, res) => {
      res.type(registry.contentType).send(await registry.metrics());
    },
  };
}

/** Unnamed operations as `anonymous`; the first `max` names as they are; any later one as `other`. */
function boundedNames(max: number): (name: string | undefined) => string {
  const kept = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    if (kept.has(name)) return name;
    if (kept.size >= max) return 'other';
    kept.add(name);
    return name;
  };
}
