// Operators can see the system (docs/operations.md): Prometheus metrics at /metrics on every service, and
// OpenTelemetry traces across the gateway and the subgraphs, sent only to an endpoint the operator names. The
// collector here is a loopback OTLP/HTTP receiver that keeps the JSON it is sent.
import http from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { INTERNAL_HEADER, loadConfig, signInternalIdentity, signUserToken } from '@cq/service-kit';
import { startGraph } from '@cq/launcher';
import { propagation, trace } from '@opentelemetry/api';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, MUNICIPAL_STAFF, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { metricsAt, sample } from '../helpers/metrics.ts';
import { freePort, processes, waitUntilReady } from '../helpers/processes.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

const ACROSS_SUBGRAPHS = `query ObservedDirectory {
  organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 2) { totalCount edges { node { id memberCount activities(first: 1) { totalCount } } } }
}`;

describe('Metrics', () => {
  it('count a named query at the gateway, and each subgraph call by subgraph', async () => {
    const before = await metricsAt(t.url);
    expectData(await t.query(ACROSS_SUBGRAPHS));
    const after = await metricsAt(t.url);

    const op = { operation: 'ObservedDirectory', type: 'query', service: 'gateway' };
    expect(sample(after, 'graphql_requests_total', op) - sample(before, 'graphql_requests_total', op)).toBe(1);
    expect(sample(after, 'graphql_request_duration_seconds_count', op) - sample(before, 'graphql_request_duration_seconds_count', op)).toBe(1);
    expect(sample(after, 'graphql_request_errors_total', op)).toBe(0);
    expect(sample(after, 'graphql_http_responses_total', { status: '200' })).toBeGreaterThan(sample(before, 'graphql_http_responses_total', { status: '200' }));
    for (const subgraph of ['organisations', 'people', 'activities']) {
      const calls = (text: string) => sample(text, 'gateway_subgraph_requests_total', { subgraph });
      expect(calls(after) - calls(before), subgraph).toBeGreaterThanOrEqual(1);
      expect(sample(after, 'gateway_subgraph_errors_total', { subgraph })).toBe(0);
    }
    // prom-client's process metrics, in the service's own registry.
    expect(after).toMatch(/^process_cpu_user_seconds_total\{service="gateway"\} /m);
  });

  it('count a refused query and a refused token as errors', async () => {
    const op = { operation: 'TooCostly', type: 'query' };
    const before = await metricsAt(t.url);
    const refused = await t.query(`query TooCostly { organisations(first: 100) { edges { node { children(first: 100) { edges { node { members(first: 100) { edges { node { id } } } } } } } } } }`);
    expect(refused.errors?.[0]?.extensions?.limit).toBe('cost');
    const badToken = await t.post({ query: '{ districts { code } }' }, { authorization: 'Bearer not-a-token' });
    expect(badToken.status).toBe(401);
    const after = await metricsAt(t.url);

    expect(sample(after, 'graphql_requests_total', op) - sample(before, 'graphql_requests_total', op)).toBe(1);
    expect(sample(after, 'graphql_request_errors_total', op) - sample(before, 'graphql_request_errors_total', op)).toBe(1);
    expect(sample(after, 'graphql_http_responses_total', { status: '401' }) - sample(before, 'graphql_http_responses_total', { status: '401' })).toBe(1);
    // Refused before any subgraph was called.
    const calls = (text: string) => sample(text, 'gateway_subgraph_requests_total', { subgraph: 'organisations' });
    expect(calls(after)).toBe(calls(before));
  });

  it('show on each subgraph the operations the gateway sent it', async () => {
    expectData(await t.query(ACROSS_SUBGRAPHS));
    for (const [name, subgraph] of Object.entries(t.graph.subgraphs)) {
      const text = await metricsAt(subgraph.url);
      // @apollo/gateway names each subgraph call after the client's operation.
      const line = new RegExp(`^graphql_requests_total\\{operation="ObservedDirectory__${name}__\\d+",type="query",service="${name}"\\} [1-9]`, 'm');
      expect(text, name).toMatch(line);
      expect(text).not.toMatch(/^gateway_subgraph_requests_total/m);
    }
  });

  it('show the database pool: its size, and statements in flight while they run', async () => {
    const organisations = t.graph.subgraphs.organisations.url;
    expect(sample(await metricsAt(organisations), 'db_pool_max_connections', { service: 'organisations' })).toBe(t.database.url ? 10 : 1);

    // A transaction holding its connection while the scrape comes in (PGlite runs each statement without yielding,
    // so a lone statement is never seen in flight there). The subgraphs share this test's database and report it.
    let release = () => {};
    const held = t.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`);
      await new Promise<void>((r) => (release = r));
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(sample(await metricsAt(organisations), 'db_queries_in_flight', { service: 'organisations' })).toBeGreaterThanOrEqual(1);
    release();
    await held;
    expect(sample(await metricsAt(organisations), 'db_queries_in_flight', { service: 'organisations' })).toBe(0);
  });

  it('keep the number of operation names bounded: unnamed as anonymous', async () => {
    expectData(await t.query('{ districts { code } }'));
    expect(sample(await metricsAt(t.url), 'graphql_requests_total', { operation: 'anonymous', type: 'query' })).toBeGreaterThanOrEqual(1);
  });
});

interface ReceivedSpan {
  service: string;
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes: { key: string; value: Record<string, unknown> }[];
}

/** A loopback OTLP/HTTP collector: keeps every span POSTed to /v1/traces (the exporter sends JSON). */
async function otlpReceiver() {
  const spans: ReceivedSpan[] = [];
  const bodies: string[] = [];
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      bodies.push(body);
      if (req.url === '/v1/traces') {
        const payload = JSON.parse(body) as { resourceSpans: { resource: { attributes: { key: string; value: { stringValue?: string } }[] }; scopeSpans: { spans: Omit<ReceivedSpan, 'service'>[] }[] }[] };
        for (const { resource, scopeSpans } of payload.resourceSpans) {
          const service = resource.attributes.find((a) => a.key === 'service.name')?.value.stringValue ?? '?';
          for (const scope of scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
        }
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    spans,
    bodies,
    close: () => new Promise((r) => server.close(r)),
  };
}

describe('Tracing', () => {
  it('is off without an endpoint: no tracer provider, no propagator, nothing exported', () => {
    // The graph above has answered queries; it registered nothing with OpenTelemetry's global API.
    const span = trace.getTracer('probe').startSpan('probe');
    expect(span.isRecording()).toBe(false);
    span.end();
    expect(propagation.fields()).toEqual([]);
  });

  it('follows a query through the gateway into the subgraphs as one trace', async () => {
    const receiver = await otlpReceiver();
    const { auth, limits, production } = loadConfig();
    const traced = await startGraph({
      host: '127.0.0.1',
      ports: { gateway: 0, organisations: 0, people: 0, activities: 0 },
      databases: { organisations: t.database, people: t.database, activities: t.database },
      auth,
      limits,
      production,
      observability: { metrics: false, tracesEndpoint: `${receiver.base}/v1/traces` },
    });
    try {
      const token = await signUserToken(MUNICIPAL_STAFF, auth.secret);
      const res = await fetch(traced.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query: ACROSS_SUBGRAPHS.replace('ObservedDirectory', 'TracedDirectory') }) });
      expect(((await res.json()) as { errors?: unknown }).errors).toBeUndefined();
      // Switched off, metrics are not served.
      expect((await fetch(new URL('/metrics', traced.url))).status).toBe(404);
    } finally {
      await traced.close(); // sends the spans still buffered
      await receiver.close();
    }

    const root = receiver.spans.find((s) => s.service === 'gateway' && s.name === 'query TracedDirectory');
    expect(root, JSON.stringify(receiver.spans.map((s) => [s.service, s.name]))).toBeDefined();
    expect(root!.parentSpanId || undefined).toBeUndefined();
    const trip = receiver.spans.filter((s) => s.traceId === root!.traceId);
    // @apollo/gateway's own spans, through the global provider.
    expect(trip.filter((s) => s.service === 'gateway').map((s) => s.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.plan', 'gateway.execute', 'gateway.fetch']));
    for (const name of ['organisations', 'people', 'activities']) {
      const span = trip.find((s) => s.service === name);
      expect(span, name).toBeDefined();
      expect(span!.name).toMatch(new RegExp(`^query TracedDirectory__${name}__\\d+$`));
      // Its parent is the gateway's span for that very call, received in the traceparent header.
      const parent = trip.find((s) => s.spanId === span!.parentSpanId);
      expect(parent).toMatchObject({ service: 'gateway', name: 'gateway.fetch', attributes: [{ key: 'service', value: { stringValue: name } }] });
    }
    // Names and codes only: the document never leaves.
    expect(receiver.bodies.join('')).not.toContain('memberCount');
  });

  it('starts from the environment in a service run alone, and exports only to the endpoint named', async () => {
    const receiver = await otlpReceiver();
    const services = processes();
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const parent = '00f067aa0ba902b7';
    try {
      const port = await freePort();
      services.start('subgraphs/organisations/src/index.ts', {
        ORGANISATIONS_PORT: String(port),
        PGLITE_DIR: join(services.scratch, 'db'),
        // On PostgreSQL, this test's database (already migrated) rather than the one the environment names.
        ...(t.database.url ? { DATABASE_URL: t.database.url, ORGANISATIONS_DATABASE_URL: t.database.url } : {}),
        OTEL_EXPORTER_OTLP_ENDPOINT: receiver.base,
      });
      const url = `http://127.0.0.1:${port}/graphql`;
      await waitUntilReady(url);
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          traceparent: `00-${traceId}-${parent}-01`,
          [INTERNAL_HEADER]: await signInternalIdentity({ subject: 'test', role: 'MUNICIPAL_STAFF', organisationId: null }, loadConfig().auth.internalSecret, 'organisations'),
        },
        body: JSON.stringify({ query: 'query AloneDistricts { districts { code } }' }),
      });
      expect(res.status).toBe(200);
      const metrics = await metricsAt(url);
      expect(sample(metrics, 'graphql_requests_total', { operation: 'AloneDistricts', service: 'organisations' })).toBe(1);
      expect(sample(metrics, 'db_pool_max_connections', { service: 'organisations' })).toBe(t.database.url ? 10 : 1);
      expect(await services.stop()).toEqual([0]); // a graceful stop sends the buffered spans
      expect(services.outboundAttempts()).toEqual([]);
    } finally {
      await services.stop();
      await receiver.close();
    }
    expect(receiver.spans).toContainEqual(expect.objectContaining({ service: 'organisations', name: 'query AloneDistricts', traceId, parentSpanId: parent }));
  });
});
