// A subgraph that is down fails only its part of an answer, with a code and a message that name it, and never the
// internal address it was called at.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
  await t.graph.subgraphs.people.close();
});
afterAll(() => t?.close().catch(() => undefined));

describe('A subgraph outage', () => {
  it('answers what the other subgraphs own, and names the subgraph that failed with SUBGRAPH_UNAVAILABLE', async () => {
    expectData(await t.query(`{ organisation(id: "1") { nameZh } }`));
    const res = await t.query(`{ persons(first: 1) { totalCount } }`);
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'people' });
    expect(res.errors![0]!.message).toMatch(/The people subgraph cannot be reached/);
    expect(JSON.stringify(res)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED/);
  });
});
