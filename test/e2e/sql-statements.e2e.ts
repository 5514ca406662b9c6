// The cost model of ARCHITECTURE.md: the number of SQL statements a request causes depends on the shape of the
// query plan, never on the number of rows returned.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { metricsAt, sample } from '../helpers/metrics.ts';
import { manifest } from '../helpers/operations.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

/** districts → their first N associations → member count, first M members (with persons) and first activity. */
const nested = (districts: number, associations: number, members: number) => `{
  organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: ${districts}) {
    totalCount
    edges { node { id nameZh
      children(first: ${associations}, asOf: "2026-01-01") { totalCount edges { node { id nameZh enterprise { nameZh district { nameZh } }
        memberCount(asOf: "2026-01-01")
        members(first: ${members}, asOf: "2026-01-01") { totalCount edges { node { status person { nameZh } } } }
        activities(first: 1) { edges { node { title organisers { nameZh } } } } } } }
    } }
  }
}`;

async function measure(query: string) {
  const { result, statements } = await t.countStatements(() => t.query(query));
  const data = expectData(result);
  const rows = JSON.stringify(data).split('"nameZh"').length - 1;
  return { statements, rows };
}

describe('SQL statements per request', () => {
  it('stay the same when the nested query returns many times more rows', async () => {
    const small = await measure(nested(1, 1, 1));
    const large = await measure(nested(30, 10, 5));
    expect(large.rows).toBeGreaterThan(small.rows * 20);
    expect(large.statements).toBe(small.statements);
    // One statement per batch: the district list and its count, children and their count, enterprises, districts,
    // member counts, members, persons, activities, organisers' names.
    expect(large.statements).toBeLessThanOrEqual(12);
  });

  it('fetch a page of any size of one list in two statements (page and total count)', async () => {
    const q = (n: number) => `{ persons(first: ${n}) { totalCount edges { node { nameZh } } } }`;
    expect((await measure(q(1))).statements).toBe(2);
    expect((await measure(q(100))).statements).toBe(2);
  });

  it.each([
    ['overdueCongresses', 'districtIds: $districtIds, kinds: $kinds', 'id heldOn organisation { id }'],
    ['lateCongressReports', 'districtIds: $districtIds, kinds: $kinds', 'id heldOn organisation { id }'],
    ['overdueAssociations', 'districtIds: $districtIds, kinds: $kinds', 'dueOn organisation { id }'],
    ['overdueRectifications', 'districtIds: $districtIds, kinds: $kinds', 'id deadline organisation { id }'],
    ['unevaluatedAssociations', 'year: 2021, districtId: "1", kinds: $kinds', 'id'],
  ])('fetch a page of any size of the dashboard list %s, filtered or not, in the same statements', async (field, args, node) => {
    const uses = (v: string) => args.includes(`$${v}`);
    const q = (n: number) => `query (${uses('districtIds') ? '$districtIds: [ID!], ' : ''}$kinds: [OrganisationKind!]) {
      ${field}(${args}, first: ${n}) { totalCount pageInfo { hasNextPage } edges { cursor node { ${node} } } } }`;
    const member = ['ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM'];
    for (const variables of [{}, { kinds: member }, ...(uses('districtIds') ? [{ districtIds: ['7', '8', '9'], kinds: member }] : [])]) {
      const one = await t.countStatements(() => t.query(q(1), variables));
      const many = await t.countStatements(() => t.query(q(100), variables));
      const [small, large] = [expectData(one.result)[field], expectData(many.result)[field]];
      expect(large.edges.length).toBe(Math.min(large.totalCount, 100));
      if (!Object.keys(variables).length) expect(large.edges.length, `${field} has more than one row to page through`).toBeGreaterThan(1);
      expect(small.totalCount).toBe(large.totalCount);
      expect(many.statements, JSON.stringify(variables)).toBe(one.statements);
    }
  });

  it('count the five dashboard lists per district (DistrictListCounts) in the same statements, however many rows and districts', async () => {
    const body = manifest.operations.find((o) => o.name === 'DistrictListCounts')!.body;
    const run = async (variables: Record<string, unknown>) => {
      const { result, statements } = await t.countStatements(() => t.query(body, variables));
      const lists = Object.values(expectData(result)) as { totalCount: number; countsBy: { district: { id: string } | null; count: number }[] }[];
      // Every list has rows on both days, so each batched lookup of district names runs on both.
      for (const list of lists) expect(list.totalCount).toBeGreaterThan(0);
      return {
        statements,
        rows: lists.reduce((n, l) => n + l.totalCount, 0),
        districts: lists.reduce((n, l) => n + l.countsBy.filter((c) => c.district).length, 0),
      };
    };
    const few = await run({ asOf: '2026-01-31', year: 2025 });
    const many = await run({ year: 2021 });
    expect(many.rows).toBeGreaterThan(few.rows * 2);
    expect(many.districts).toBeGreaterThan(few.districts + 40);
    expect(many.statements).toBe(few.statements);
    // Per list: its page, its total and its countsBy (the evaluation list: its ids, which give the total, and two
    // checks of districtId), and one batched lookup of its district associations (the gateway's plan fetches each
    // list's apart): 5 × 4 + 1.
    expect(many.statements).toBeLessThanOrEqual(21);
  });

  it('answer a whole district dashboard (DistrictDashboard) in one statement per panel, whatever the year or number of rows', async () => {
    const body = manifest.operations.find((o) => o.name === 'DistrictDashboard')!.body;
    const run = async (year: number) => {
      // Twice: the first read of the day may build the member roll-up (docs/read-model.md); the second is the steady state.
      await t.query(body, { from: `${year}-01-01`, to: `${year}-12-31`, year });
      const { result, statements } = await t.countStatements(() => t.query(body, { from: `${year}-01-01`, to: `${year}-12-31`, year }));
      const data = expectData(result);
      const rows = (data.activityCounts as unknown[]).length + (data.awardCounts as unknown[]).length + (data.evaluationCounts as unknown[]).length;
      return { statements, rows };
    };
    const busy = await run(2025);
    const quiet = await run(2012);
    expect(busy.rows).toBeGreaterThan(quiet.rows + 40);
    expect(busy.statements).toBe(quiet.statements);
    // Eight panels in at most two statements each (a list reads its page, total and counts apart; the member panel
    // checks its roll-up's day in its statement).
    expect(busy.statements).toBeLessThanOrEqual(16);
  });

  it('count members with descendants of 1 district or 30 in the same statements, from the roll-up or while rebuilding it', async () => {
    const q = (n: number) => `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: ${n}) { edges { node { id memberCount(includeDescendants: true) } } } }`;
    /** Statements of the query for `n` districts; `stale`: after setting the roll-up's day back, so that the read rebuilds it. */
    const statements = async (n: number, stale: boolean) => {
      if (stale) await t.database.db.execute(sql`update people.member_counts_state set day = day - 1`);
      const { result, statements } = await t.countStatements(() => t.query(q(n)));
      expect(expectData(result).organisations.edges).toHaveLength(n);
      return statements;
    };
    await statements(1, false); // the first read of the day builds the roll-up
    const [fresh, stale] = [await statements(1, false), await statements(1, true)];
    expect(await statements(30, false)).toBe(fresh);
    expect(await statements(30, true)).toBe(stale);
    // The district list, then one statement for every district's count; a rebuild adds its own few.
    expect(fresh).toBe(2);
    expect(stale).toBeGreaterThan(fresh);
  });

  it('resolve a batch of entity representations in one statement', async () => {
    const ids = Array.from({ length: 50 }, (_, i) => String(i + 1));
    const { result, statements } = await t.countStatements(() =>
      t.query(
        `query ($r: [_Any!]!) { _entities(representations: $r) { ... on Organisation { id nameZh } } }`,
        { r: [...ids, '99999', 'junk'].map((id) => ({ __typename: 'Organisation', id })) },
        t.graph.subgraphs.organisations.url,
      ),
    );
    const data = expectData(result);
    expect(statements).toBe(1);
    expect(data._entities).toHaveLength(52);
    expect(data._entities.slice(0, 50).map((e: any) => e.id)).toEqual(ids);
    // Unknown and malformed ids resolve to null rather than failing the batch.
    expect(data._entities.slice(50)).toEqual([null, null]);
  });
});

describe('Identical reads in flight at once (gateway/src/dedupe.ts)', () => {
  const SHARED = 'gateway_shared_executions_total';
  const COUNTS = '{ organisationCounts(groupBy: [DISTRICT, KIND]) { district { code } kind count } }';
  const analyst = { subject: 'test.analyst', role: 'ANALYST' as const, organisationId: null };
  const otherAnalyst = { subject: 'test.analyst.2', role: 'ANALYST' as const, organisationId: null };
  const districtStaff = { subject: 'test.district', role: 'DISTRICT_STAFF' as const, organisationId: 7 };

  it('are sent to the subgraph once for callers of one scope, each caller getting the whole answer', async () => {
    const one = await t.countStatements(() => t.queryAs(analyst, COUNTS));
    const five = await t.countStatements(() => Promise.all([analyst, otherAnalyst, analyst, otherAnalyst, analyst].map((who) => t.queryAs(who, COUNTS))));
    for (const answer of five.result) expect(expectData(answer)).toEqual(expectData(one.result));
    expect(one.statements).toBeGreaterThan(0);
    expect(five.statements).toBeLessThan(5 * one.statements);
  });

  it('are executed once for callers of one scope: the others wait for the first answer instead of planning and executing it again', async () => {
    const before = sample(await metricsAt(t.url), SHARED);
    const answers = await Promise.all([analyst, otherAnalyst, analyst, otherAnalyst, analyst].map((who) => t.queryAs(who, COUNTS)));
    const shared = sample(await metricsAt(t.url), SHARED) - before;
    expect(shared).toBeGreaterThan(0);
    expect(shared).toBeLessThanOrEqual(4);
    for (const answer of answers) expect(answer).toEqual(answers[0]);
  });

  it('are not shared across scopes, nor with other variables', async () => {
    const one = await t.countStatements(() => t.queryAs(analyst, COUNTS));
    const before = sample(await metricsAt(t.url), SHARED);
    const two = await t.countStatements(() => Promise.all([t.queryAs(analyst, COUNTS), t.queryAs(districtStaff, COUNTS)]));
    expect(two.statements).toBe(2 * one.statements);
    const byKind = 'query Counts($groupBy: [OrganisationDimension!]!) { organisationCounts(groupBy: $groupBy) { kind count } }';
    const [kinds, statuses] = await Promise.all([t.queryAs(analyst, byKind, { groupBy: ['KIND'] }), t.queryAs(analyst, byKind, { groupBy: ['STATUS'] })]);
    expect(sample(await metricsAt(t.url), SHARED)).toBe(before);
    expect(expectData(kinds)).not.toEqual(expectData(statuses));
  });

  it('never include mutations: two identical mutations at once both reach the subgraph', async () => {
    // A credit code that fails its check character: the subgraph refuses it and changes nothing.
    const mutation = 'mutation { registerEnterprise(input: {nameZh: "测试", creditCode: "91500000000000000X", districtCode: "500103", hasPartyOrganisation: false, scienceWorkerCount: 1}) { id } }';
    const organisations = { subgraph: 'organisations' };
    const before = await metricsAt(t.url);
    const answers = await Promise.all([t.query(mutation), t.query(mutation)]);
    for (const answer of answers) expect(answer.errors?.[0]?.extensions?.code).toBe('INVALID_CREDIT_CODE');
    const after = await metricsAt(t.url);
    expect(sample(after, SHARED)).toBe(sample(before, SHARED));
    expect(sample(after, 'gateway_subgraph_requests_total', organisations) - sample(before, 'gateway_subgraph_requests_total', organisations)).toBe(2);
  });
});
