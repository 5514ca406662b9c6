// The dashboards' lists counted per district and kind (`countsBy` on each list's connection, docs/dashboards.md): over
// the very rows of the list with the same arguments, so the counts add up to its totalCount and a district's count is
// the totalCount of the list filtered by that district; one SQL statement per list whatever the number of groups.
import { todayInChina } from '@cq/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { manifest } from '../helpers/operations.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

const today = todayInChina();
const MEMBER = ['ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM'];
const GROUPINGS: readonly (readonly string[])[] = [['DISTRICT'], ['KIND'], ['DISTRICT', 'KIND']];

interface Cell {
  district: { id: string; nameZh: string } | null;
  kind: string | null;
  count: number;
}

interface List {
  field: string;
  /** The variables and arguments of the list, first and groupBy aside. */
  declared: string;
  passed: string;
  /** Variables of the unfiltered list */
  all: Record<string, unknown>;
  /** Variables that keep the rows below these district associations (unevaluatedAssociations: one). */
  district: (ids: string[]) => Record<string, unknown>;
}

const lists: List[] = [
  ...(['overdueCongresses', 'overdueAssociations', 'lateCongressReports', 'overdueRectifications'] as const).map((field) => ({
    field,
    declared: '$asOf: Date, $districtIds: [ID!], $kinds: [OrganisationKind!]',
    passed: 'asOf: $asOf, districtIds: $districtIds, kinds: $kinds',
    all: { asOf: today },
    district: (ids: string[]) => ({ asOf: today, districtIds: ids }),
  })),
  {
    // The whole network's below the municipal association; one district's below its district association.
    field: 'unevaluatedAssociations',
    declared: '$year: Int!, $districtId: ID!, $kinds: [OrganisationKind!]',
    passed: 'year: $year, districtId: $districtId, kinds: $kinds',
    all: { year: 2021, districtId: '1' },
    district: (ids: string[]) => ({ year: 2021, districtId: ids[0] }),
  },
];

const COUNTED = (list: List) => `query (${list.declared}, $groupBy: [ListDimension!]!) {
  ${list.field}(${list.passed}, first: 0) { totalCount countsBy(groupBy: $groupBy) { district { id nameZh } kind count } } }`;

async function counted(list: List, variables: Record<string, unknown>, groupBy: readonly string[]): Promise<{ totalCount: number; countsBy: Cell[] }> {
  return expectData(await t.query(COUNTED(list), { ...variables, groupBy }))[list.field];
}

const total = async (list: List, variables: Record<string, unknown>) =>
  expectData(await t.query(`query (${list.declared}) { ${list.field}(${list.passed}, first: 0) { totalCount } }`, variables))[list.field].totalCount as number;

const sum = (cells: Cell[]) => cells.reduce((n, c) => n + c.count, 0);

/** The shape every countsBy answer has, whatever the list: the dimensions asked for, distinct groups, largest first. */
function expectWellFormed(cells: Cell[], groupBy: readonly string[]) {
  for (const c of cells) {
    expect(c.count).toBeGreaterThan(0);
    if (!groupBy.includes('DISTRICT')) expect(c.district ?? null).toBeNull();
    if (!groupBy.includes('KIND')) expect(c.kind ?? null).toBeNull();
    if (groupBy.includes('KIND')) expect(c.kind).not.toBeNull();
    if (c.district) expect(c.district.nameZh).toMatch(/[\u4e00-\u9fff]/);
  }
  const keys = cells.map((c) => `${c.district?.id ?? '-'}/${c.kind ?? '-'}`);
  expect(new Set(keys).size).toBe(keys.length);
  expect(cells.map((c) => c.count)).toEqual(cells.map((c) => c.count).sort((a, b) => b - a));
}

describe('countsBy on the dashboards\' lists', () => {
  it.each(lists.map((l) => [l.field, l] as const))('%s: the counts add up to totalCount by [DISTRICT], [KIND] and [DISTRICT, KIND], filtered or not', async (_, list) => {
    const byDistrict = await counted(list, list.all, ['DISTRICT']);
    expect(byDistrict.totalCount, 'the demo data has rows in the unfiltered list').toBeGreaterThan(0);
    const districts = byDistrict.countsBy.filter((c) => c.district).map((c) => c.district!.id);
    expect(districts.length, 'some rows lie below a district association').toBeGreaterThan(0);
    const kind = (await counted(list, list.all, ['KIND'])).countsBy[0]!.kind!;

    const filters: Record<string, unknown>[] = [
      list.all,
      list.district(districts.slice(0, 2)),
      { ...list.all, kinds: [kind] },
      { ...list.district(districts.slice(0, 2)), kinds: MEMBER },
      { ...list.all, kinds: ['LEARNED_SOCIETY'] },
    ];
    for (const variables of filters) {
      const keptDistricts = (variables.districtIds as string[] | undefined) ?? (variables.districtId && variables.districtId !== '1' ? [variables.districtId as string] : null);
      const keptKinds = variables.kinds as string[] | undefined;
      for (const groupBy of GROUPINGS) {
        const { totalCount, countsBy } = await counted(list, variables, groupBy);
        const what = JSON.stringify({ variables, groupBy });
        expect(sum(countsBy), what).toBe(totalCount);
        expectWellFormed(countsBy, groupBy);
        if (keptDistricts && groupBy.includes('DISTRICT')) expect(countsBy.every((c) => keptDistricts.includes(c.district!.id)), what).toBe(true);
        if (keptKinds && groupBy.includes('KIND')) expect(countsBy.every((c) => keptKinds.includes(c.kind!)), what).toBe(true);
      }
      // Without a dimension: one total, even of an empty list.
      const { totalCount, countsBy } = await counted(list, variables, []);
      expect(countsBy).toEqual([{ district: null, kind: null, count: totalCount }]);
    }
  });

  it.each(lists.map((l) => [l.field, l] as const))("%s: a district's count is the totalCount of the list filtered by that district, a kind's by that kind", async (_, list) => {
    const { totalCount, countsBy } = await counted(list, list.all, ['DISTRICT']);
    const own = countsBy.filter((c) => c.district);
    // The largest districts and the smallest, each against the list filtered by it.
    for (const cell of [...own.slice(0, 3), ...own.slice(3).slice(-2)]) {
      expect(await total(list, list.district([cell.district!.id])), JSON.stringify(cell)).toBe(cell.count);
    }
    // The rest are municipal-level associations' rows, below no district association.
    const municipal = countsBy.find((c) => !c.district)?.count ?? 0;
    expect(sum(own) + municipal).toBe(totalCount);

    for (const cell of (await counted(list, list.all, ['KIND'])).countsBy) {
      expect(await total(list, { ...list.all, kinds: [cell.kind] }), JSON.stringify(cell)).toBe(cell.count);
    }
    const grid = (await counted(list, list.all, ['DISTRICT', 'KIND'])).countsBy.filter((c) => c.district);
    for (const cell of grid.filter((_, i) => i % Math.ceil(grid.length / 4) === 0)) {
      expect(await total(list, { ...list.district([cell.district!.id]), kinds: [cell.kind] }), JSON.stringify(cell)).toBe(cell.count);
    }
  });

  it.each(lists.map((l) => [l.field, l] as const))('%s: countsBy costs one SQL statement whatever the groups, and one batched lookup for the districts', async (_, list) => {
    const q = (selection: string) => `query (${list.declared}) { ${list.field}(${list.passed}, first: 0) { totalCount ${selection} } }`;
    const bare = await t.countStatements(() => t.query(q(''), list.all));
    const one = await t.countStatements(() => t.query(q('countsBy { count }'), list.all));
    const grid = await t.countStatements(() => t.query(q('countsBy(groupBy: [DISTRICT, KIND]) { kind count }'), list.all));
    const named = await t.countStatements(() => t.query(q('countsBy(groupBy: [DISTRICT, KIND]) { district { id nameZh } kind count }'), list.all));
    for (const r of [bare, one, grid, named]) expectData(r.result);
    expect(expectData(grid.result)[list.field].countsBy.length).toBeGreaterThan(1);
    expect(one.statements).toBe(bare.statements + 1);
    expect(grid.statements).toBe(bare.statements + 1);
    expect(named.statements).toBe(bare.statements + 2);
  });

  it('gives what the list gives: the anonymous caller gets null and UNAUTHENTICATED, district staff the counts of their own list', async () => {
    for (const list of lists) {
      const answer = await t.queryAs(null, COUNTED(list), { ...list.all, groupBy: ['DISTRICT'] });
      expect(answer.data?.[list.field] ?? null).toBeNull();
      expect(answer.errors?.[0]?.extensions?.code, list.field).toBe('UNAUTHENTICATED');
    }
    const staff = { subject: 'test.district', role: 'DISTRICT_STAFF' as const, organisationId: 7 };
    const rectifications = lists.find((l) => l.field === 'overdueRectifications')!;
    const own = expectData(await t.queryAs(staff, COUNTED(rectifications), { ...rectifications.all, groupBy: ['DISTRICT', 'KIND'] })).overdueRectifications;
    expect(sum(own.countsBy)).toBe(own.totalCount);
    const other = await t.queryAs(staff, COUNTED(rectifications), { ...rectifications.district(['8']), groupBy: ['DISTRICT'] });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('DistrictListCounts (registered)', () => {
  const body = manifest.operations.find((o) => o.name === 'DistrictListCounts')!.body;

  it('gives every list its total and its rows per district, today and on an earlier day', async () => {
    for (const variables of [{ year: 2024 }, { asOf: '2022-06-30', year: 2021 }]) {
      const data = expectData(await t.query(body, variables));
      const fields = Object.keys(data);
      expect(fields.sort()).toEqual(lists.map((l) => l.field).sort());
      for (const field of fields) {
        const { totalCount, countsBy } = data[field] as { totalCount: number; countsBy: Cell[] };
        expect(sum(countsBy), `${field} ${JSON.stringify(variables)}`).toBe(totalCount);
        expectWellFormed(countsBy, ['DISTRICT']);
        expect(countsBy.filter((c) => c.district).length).toBeLessThanOrEqual(41);
      }
    }
  });
});
