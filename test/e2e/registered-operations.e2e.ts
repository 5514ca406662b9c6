// The registered operations (gateway/operations: what the dashboards and the explorer send) are the yardstick for
// the operation limits: each answers through the gateway under the default limits, at its largest page sizes, with
// no error at all. A default tightened below what a real screen needs fails here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { CHANGES_DATA, manifest, sampleVariables as variables } from '../helpers/operations.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

describe('Registered operations under the default limits', () => {
  it('has sample variables for every registered operation', () => {
    expect(manifest.operations.map((o) => o.name).sort()).toEqual([...Object.keys(variables), ...CHANGES_DATA].sort());
  });

  it.each(manifest.operations.filter((o) => !CHANGES_DATA.has(o.name)).map((o) => [o.name, o.body] as const))('%s answers at its largest with no error', async (name, body) => {
    const res = await t.query(body, variables[name]);
    expect(res.errors ?? []).toEqual([]);
    expect(res.data).toBeTruthy();
  });
});
