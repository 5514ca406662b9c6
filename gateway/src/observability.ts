// What the gateway adds to every service's metrics and traces (docs/operations.md): each call to a subgraph counted
// and timed by subgraph, and the trace carried to the subgraph in the W3C traceparent header.
import { LATENCY_BUCKETS, type Observability } from '@cq/service-kit';
import { context, propagation } from '@opentelemetry/api';
import { Counter, Histogram, Registry } from 'prom-client';

export interface SubgraphMetrics {
  /** The gateway's registry, to be served with the common metrics; undefined when metrics are off. */
  registry: Registry | undefined;
  /** `fetcher`, counted and timed as calls to `subgraph`. */
  instrument(subgraph: string, fetcher: typeof fetch): typeof fetch;
  /** Counts a query answered by an identical one already in flight (dedupe.ts). */
  sharedExecution(): void;
}

export function subgraphMetrics(observability: Partial<Observability> = {}): SubgraphMetrics {
  if (observability.metrics === false) return { registry: undefined, instrument: (_subgraph, fetcher) => fetcher, sharedExecution: () => undefined };
  const registry = new Registry();
  const registers = [registry];
  const labelNames = ['subgraph'] as const;
  const requests = new Counter({ name: 'gateway_subgraph_requests_total', help: 'Calls from the gateway to a subgraph', labelNames, registers });
  const errors = new Counter({
    name: 'gateway_subgraph_errors_total',
    help: 'Calls to a subgraph that failed: unreachable, timed out, or answered with an HTTP error status',
    labelNames,
    registers,
  });
  const duration = new Histogram({
    name: 'gateway_subgraph_request_duration_seconds',
    help: 'Time until a subgraph answers a call (its response headers)',
    labelNames,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const shared = new Counter({
    name: 'gateway_shared_executions_total',
    help: 'Queries answered by an identical query of the same scope already being executed, without executing them again',
    registers,
  });
  return {
    registry,
    sharedExecution: () => shared.inc(),
    instrument: (subgraph, fetcher) => async (input, init) => {
      const labels = { subgraph };
      requests.inc(labels);
      const end = duration.startTimer(labels);
      try {
        const response = await fetcher(input, init);
        // GraphQL errors inside a 200 answer are the subgraph's to count (its graphql_request_errors_total).
        if (!response.ok) errors.inc(labels);
        return response;
      } catch (error) {
        errors.inc(labels);
        throw error;
      } finally {
        end();
      }
    },
  };
}

/**
 * Puts the active trace (the gateway's span for this subgraph call) into the request's headers. The gateway calls
 * subgraphs with the global fetch, which no instrumentation watches, so the header is set here. Without tracing no
 * propagator is registered and nothing is added.
 */
export function injectTraceContext(headers: { set(name: string, value: string): void } | undefined): void {
  if (headers) propagation.inject(context.active(), headers, { set: (carrier, key, value) => carrier.set(key, value) });
}
