// The gateway against the GraphQL over HTTP specification, with graphql-http's own audit suite: every MUST and
// SHOULD passes, no warnings (a request that fails before execution answers 400 under
// application/graphql-response+json and 200 under application/json). Only the optional GET forms (MAY) are not
// offered: queries come by POST.
import { auditServer } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

describe('GraphQL over HTTP', () => {
  it('passes graphql-http\'s audit of the gateway with no error and no warning', async () => {
    const results = await auditServer({ url: t.url });
    const notOk = results.filter((r) => r.status !== 'ok' && !r.name.startsWith('MAY ')).map((r) => `${r.status}: ${r.name}${'reason' in r ? ` (${r.reason})` : ''}`);
    expect(results.length).toBeGreaterThan(30);
    expect(notOk).toEqual([]);
  });
});
