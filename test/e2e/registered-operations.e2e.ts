// The registered operations (gateway/operations: what the dashboards and the explorer send) are the yardstick for
// the operation limits: each answers through the gateway under the default limits, at its largest page sizes, with
// no error at all. A default tightened below what a real screen needs fails here.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

const manifest = JSON.parse(readFileSync(new URL('../../gateway/operations/manifest.json', import.meta.url), 'utf8')) as { operations: { name: string; body: string }[] };

/** Variables for each operation at the most it may ask for: every page at 100 rows, three hops, districts' ids. */
const variables: Record<string, Record<string, unknown>> = {
  DistrictOverview: { first: 41, children: 100 },
  MemberRollUp: { id: '1' },
  ActivityRollUp: { id: '1' },
  OverdueCongresses: { first: 100 },
  OverdueAssociations: { first: 100, districtIds: ['7'], kinds: ['ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM'] },
  LateCongressReports: { first: 100 },
  OverdueRectifications: { first: 100 },
  UnevaluatedAssociations: { year: 2024, districtId: '1', first: 100 },
  FundingIncome: { from: '2020-01-01', to: '2026-12-31', period: 'MONTH' },
  FindOrganisations: { first: 100, filter: { kinds: ['ENTERPRISE_ASSOCIATION'] } },
  OrganisationProfile: { id: '7' },
  Neighbourhood: { id: '7', hops: 3 },
  PathsBetween: { fromId: '7', toId: '8' },
  PersonMemberships: { id: '1' },
  AuditTrail: { first: 100 },
  AssociationsByDistrictAndKind: {},
  FoundingsAndClosures: { from: '2015-01-01', to: '2026-12-31', period: 'DAY' },
  ActivitiesByMonth: { from: '2020-01-01', to: '2026-12-31' },
  MembersByDistrictAndCategory: {},
};

describe('Registered operations under the default limits', () => {
  it('has sample variables for every registered operation', () => {
    expect(manifest.operations.map((o) => o.name).sort()).toEqual(Object.keys(variables).sort());
  });

  it.each(manifest.operations.map((o) => [o.name, o.body] as const))('%s answers at its largest with no error', async (name, body) => {
    const res = await t.query(body, variables[name]);
    expect(res.errors ?? []).toEqual([]);
    expect(res.data).toBeTruthy();
  });
});
