// Dashboards' counts of organisations: one field a panel, one statement a field, and every count equal to the
// `totalCount` of the list it summarises.
import { queryRows } from '@cq/db';
import { todayInChina } from '@cq/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

const COUNTS = `query ($groupBy: [OrganisationDimension!]!, $asOf: Date, $filter: OrganisationFilter) {
  organisationCounts(groupBy: $groupBy, asOf: $asOf, filter: $filter) { district { code } kind level status count } }`;
const TOTAL = `query ($filter: OrganisationFilter, $asOf: Date) { organisations(filter: $filter, asOf: $asOf, first: 0) { totalCount } }`;

describe('organisationCounts', () => {
  it('counts by district and kind in one field, each cell equal to the list it summarises, today and on an earlier day', async () => {
    for (const asOf of [todayInChina(), '2023-06-30']) {
      const cells = expectData(await t.query(COUNTS, { groupBy: ['DISTRICT', 'KIND'], asOf })).organisationCounts as any[];
      expect(cells.length).toBeGreaterThan(41);
      for (const c of cells) expect(c).toMatchObject({ level: null, status: null });
      const all = expectData(await t.query(TOTAL, { asOf })).organisations.totalCount;
      expect(cells.reduce((n, c) => n + c.count, 0)).toBe(all);
      // A sample of cells, each against the list with the same filter on the same day.
      for (const c of cells.filter((_, i) => i % Math.ceil(cells.length / 8) === 0)) {
        const filter = { kinds: [c.kind], districtCodes: c.district ? [c.district.code] : undefined };
        if (!c.district) continue;
        expect(expectData(await t.query(TOTAL, { filter, asOf })).organisations.totalCount, JSON.stringify(c)).toBe(c.count);
      }
    }
  });

  it('applies the same filter as the list, and gives one total without groupBy', async () => {
    const filter = { kinds: ['ENTERPRISE_ASSOCIATION'], statuses: ['ACTIVE'] };
    const [total] = expectData(await t.query(COUNTS, { groupBy: [], filter })).organisationCounts;
    expect(total).toMatchObject({ district: null, kind: null, status: null });
    expect(total.count).toBe(expectData(await t.query(TOTAL, { filter })).organisations.totalCount);
    const byStatus = expectData(await t.query(COUNTS, { groupBy: ['STATUS'] })).organisationCounts as any[];
    expect(byStatus.map((r) => r.status).sort()).toEqual([...new Set(byStatus.map((r) => r.status))].sort());
  });

  it('runs the same number of SQL statements whatever the number of groups', async () => {
    const one = await t.countStatements(() => t.query(COUNTS, { groupBy: [] }));
    const many = await t.countStatements(() => t.query(COUNTS, { groupBy: ['DISTRICT', 'KIND', 'LEVEL', 'STATUS'] }));
    expect(one.result.errors).toBeUndefined();
    expect(many.result.errors).toBeUndefined();
    expect(many.result.data.organisationCounts.length).toBeGreaterThan(50);
    // One statement for the counts, one batched district lookup when districts are asked for.
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(2);
  });
});

describe('organisationChanges', () => {
  const CHANGES = `query ($from: Date!, $to: Date!, $period: Period, $changes: [OrganisationChange!], $groupBy: [OrganisationDimension!]!) {
    organisationChanges(from: $from, to: $to, period: $period, changes: $changes, groupBy: $groupBy) { period change district { code } kind count } }`;

  it('counts foundings by year as the event history holds them, and a revocation in the month it took effect', async () => {
    const rows = expectData(await t.query(CHANGES, { from: '2018-01-01', to: '2025-12-31', changes: ['FOUNDED'], groupBy: [] })).organisationChanges as any[];
    const expected = await queryRows<{ period: string; n: number }>(
      t.database.db,
      sql`select to_char(effective_on, 'YYYY') as period, count(*)::int as n from org.events
          where kind in ('APPROVED', 'FILED') and effective_on between '2018-01-01' and '2025-12-31' group by 1 order by 1`,
    );
    expect(rows.map((r) => [r.period, r.count])).toEqual(expected.map((e) => [e.period, e.n]));
    expect(rows.every((r) => r.change === 'FOUNDED' && r.district === null)).toBe(true);

    const today = todayInChina();
    const month = today.slice(0, 7);
    const revokedThisMonth = async () =>
      (expectData(await t.query(CHANGES, { from: `${month}-01`, to: today, period: 'MONTH', changes: ['REVOKED'], groupBy: ['DISTRICT'] })).organisationChanges as any[])
        .filter((r) => r.district?.code === '500106')
        .reduce((n, r) => n + r.count, 0);
    const before = await revokedThisMonth();
    const [victim] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select o.id from org.organisations o join org.relationships r on r.from_id = o.id and r.kind = 'APPROVAL' and r.valid_to is null and r.to_id = 7
          where o.status = 'ACTIVE' and not exists (select 1 from org.relationships x where (x.from_id = o.id or x.to_id = o.id) and x.valid_from > ${today}::date)
          order by o.id limit 1`,
    );
    expectData(await t.query(`mutation { revokeAssociation(input: {organisationId: "${victim!.id}", by: "7", on: "${today}", reason: "统计测试"}) { status } }`));
    expect(await revokedThisMonth()).toBe(before + 1);
  });

  it('refuses a period that ends before it starts', async () => {
    const res = await t.query(CHANGES, { from: '2025-01-01', to: '2024-01-01', groupBy: [] });
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'to' });
  });
});

describe('activityCounts', () => {
  const COUNTS = `query ($from: Date!, $to: Date!, $period: Period, $kinds: [ActivityKind!], $districtIds: [ID!], $groupBy: [ActivityDimension!]!) {
    activityCounts(from: $from, to: $to, period: $period, kinds: $kinds, districtIds: $districtIds, groupBy: $groupBy) { period kind district { id nameZh } count } }`;

  it('counts activities by month as the activity list does, and by kind and district in one field', async () => {
    const months = expectData(await t.query(COUNTS, { from: '2024-01-01', to: '2024-12-31', groupBy: [] })).activityCounts as any[];
    expect(months.every((m) => /^2024-\d\d$/.test(m.period) && m.kind === null && m.district === null)).toBe(true);
    // Counted by the day they started (the list's from/to filter is by overlap instead).
    const [{ total }] = (await queryRows<{ total: number }>(t.database.db, sql`select count(*)::int as total from activities.activities where starts_on between '2024-01-01' and '2024-12-31'`)) as [{ total: number }];
    expect(total).toBeGreaterThan(0);
    expect(months.reduce((n, m) => n + m.count, 0)).toBe(total);

    const grid = expectData(await t.query(COUNTS, { from: '2024-01-01', to: '2024-12-31', period: 'QUARTER', groupBy: ['DISTRICT', 'KIND'] })).activityCounts as any[];
    expect(grid.some((g) => g.district?.nameZh?.endsWith('科学技术协会'))).toBe(true);
    // An activity co-organised in two districts counts in each: the grid is at least the total.
    expect(grid.reduce((n, g) => n + g.count, 0)).toBeGreaterThanOrEqual(total);
    const kinds = [...new Set(grid.map((g) => g.kind))];
    for (const kind of kinds.slice(0, 2)) {
      const [{ ofKind }] = (await queryRows<{ ofKind: number }>(
        t.database.db,
        sql`select count(*)::int as "ofKind" from activities.activities where starts_on between '2024-01-01' and '2024-12-31' and kind::text = ${kind}`,
      )) as [{ ofKind: number }];
      const byQuarter = expectData(await t.query(COUNTS, { from: '2024-01-01', to: '2024-12-31', period: 'QUARTER', kinds: [kind], groupBy: ['KIND'] })).activityCounts as any[];
      expect(byQuarter.reduce((n, g) => n + g.count, 0)).toBe(ofKind);
    }
  });

  it("keeps one district's activities with districtIds, and runs one statement (plus the gateway's name lookup) whatever the groups", async () => {
    const all = expectData(await t.query(COUNTS, { from: '2020-01-01', to: '2026-12-31', period: 'YEAR', groupBy: ['DISTRICT'] })).activityCounts as any[];
    const own = expectData(await t.query(COUNTS, { from: '2020-01-01', to: '2026-12-31', period: 'YEAR', districtIds: ['7'], groupBy: ['DISTRICT'] })).activityCounts as any[];
    expect(own.every((r) => r.district?.id === '7')).toBe(true);
    expect(own.map((r) => [r.period, r.count])).toEqual(all.filter((r) => r.district?.id === '7').map((r) => [r.period, r.count]));
    const one = await t.countStatements(() => t.query(COUNTS, { from: '2020-01-01', to: '2026-12-31', period: 'YEAR', groupBy: [] }));
    const many = await t.countStatements(() => t.query(COUNTS, { from: '2020-01-01', to: '2026-12-31', period: 'DAY', groupBy: ['DISTRICT', 'KIND'] }));
    expect(many.result.data.activityCounts.length).toBeGreaterThan(100);
    expect(one.statements).toBe(1);
    expect(many.statements).toBe(2);
  });

  it("counts the participations of one district's activities of a year as the records hold them, once per group, with count unchanged and in the same statement", async () => {
    const PARTICIPANTS = `query ($from: Date!, $to: Date!, $districtIds: [ID!], $groupBy: [ActivityDimension!]!) {
      activityCounts(from: $from, to: $to, period: YEAR, districtIds: $districtIds, groupBy: $groupBy) { period kind district { id } count participants } }`;
    const args = { from: '2024-01-01', to: '2024-12-31' };
    // The raw tables: activities of 2024 with an organiser below the district association on the start day, and
    // their participations, each activity once however many of its organisers lie there; the district with the most.
    const [db] = await queryRows<{ district: number; activities: number; participants: number }>(
      t.database.db,
      sql`with own as (
            select distinct h.district_id, x.id from activities.activities x
            join activities.activity_organisers ao on ao.activity_id = x.id
            join hierarchy.paths h on h.organisation_id = ao.organisation_id and h.valid_from <= x.starts_on and (h.valid_to is null or h.valid_to > x.starts_on)
            where x.starts_on between '2024-01-01' and '2024-12-31' and h.district_id is not null)
          select o.district_id as district, count(distinct o.id)::int as activities, count(p.activity_id)::int as participants
          from own o left join activities.participations p on p.activity_id = o.id
          group by 1 order by 3 desc, 1 limit 1`,
    );
    expect(db!.participants).toBeGreaterThan(0);
    const districtIds = [String(db!.district)];
    for (const groupBy of [[], ['DISTRICT'], ['KIND'], ['DISTRICT', 'KIND']]) {
      const { result, statements } = await t.countStatements(() => t.query(PARTICIPANTS, { ...args, districtIds, groupBy }));
      const rows = expectData(result).activityCounts as any[];
      expect(statements).toBe(1); // count and participants together; the district's id comes with them
      expect(rows.reduce((n, r) => n + r.participants, 0), JSON.stringify(groupBy)).toBe(db!.participants);
      expect(rows.reduce((n, r) => n + r.count, 0), JSON.stringify(groupBy)).toBe(db!.activities);
    }
    // The whole network: every participation of the year's activities once, without DISTRICT; by district, an
    // activity's participations in each district that organised it, exactly as its count.
    const [all] = await queryRows<{ participants: number }>(
      t.database.db,
      sql`select count(*)::int as participants from activities.participations p join activities.activities x on x.id = p.activity_id where x.starts_on between '2024-01-01' and '2024-12-31'`,
    );
    const [total] = expectData(await t.query(PARTICIPANTS, { ...args, groupBy: [] })).activityCounts;
    expect(total.participants).toBe(all!.participants);
    const byDistrict = expectData(await t.query(PARTICIPANTS, { ...args, groupBy: ['DISTRICT'] })).activityCounts as any[];
    const [perDistrict] = await queryRows<{ participants: number }>(
      t.database.db,
      sql`select count(*)::int as participants from (
            select distinct x.id, (select h.district_id from hierarchy.paths h where h.organisation_id = ao.organisation_id and h.valid_from <= x.starts_on and (h.valid_to is null or h.valid_to > x.starts_on)) as district
            from activities.activities x join activities.activity_organisers ao on ao.activity_id = x.id
            where x.starts_on between '2024-01-01' and '2024-12-31') d
          join activities.participations p on p.activity_id = d.id`,
    );
    expect(byDistrict.reduce((n, r) => n + r.participants, 0)).toBe(perDistrict!.participants);
    expect(byDistrict.find((r) => r.district?.id === districtIds[0])?.participants).toBe(db!.participants);
  });
});

describe('scienceWorkerCounts', () => {
  const analyst = { subject: 'test.analyst', role: 'ANALYST' as const, organisationId: null };
  const WORKERS = `query ($asOf: Date, $districtIds: [ID!], $groupBy: [ScienceWorkerDimension!]!) {
    scienceWorkerCounts(asOf: $asOf, districtIds: $districtIds, groupBy: $groupBy) { district { id nameZh kind } kind workers associations } }`;
  const sum = (rows: any[], key: 'workers' | 'associations') => rows.reduce((n, r) => n + r[key], 0);

  it("gives today's total over every group as the organisations' own records hold it, in one statement, to analysts too", async () => {
    const { result, statements } = await t.countStatements(() => t.queryAs(analyst, WORKERS, { groupBy: ['DISTRICT', 'KIND'] }));
    const grid = expectData(result).scienceWorkerCounts as any[];
    expect(statements).toBe(2); // the counts, then the district associations' names in one batch
    expect(grid.filter((r) => r.district).length).toBeGreaterThan(5);
    expect(grid.every((r) => ['ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM'].includes(r.kind))).toBe(true);
    expect(grid.every((r) => r.district === null || r.district.kind === 'DISTRICT_ASSOCIATION')).toBe(true);
    // The raw tables, not the read model: today's active associations of those kinds, each enterprise behind one
    // (its own or a park's or consortium's) with its latest count in force today, or the count it was registered with.
    const today = todayInChina();
    const [db] = await queryRows<{ workers: number; associations: number }>(
      t.database.db,
      sql`with assoc as (
            select o.id from org.organisations o where o.status = 'ACTIVE' and o.kind in ('ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM')),
          behind as (
            select o.id, o.enterprise_id from org.organisations o join assoc a on a.id = o.id where o.enterprise_id is not null
            union select oe.organisation_id, oe.enterprise_id from org.organisation_enterprises oe join assoc a on a.id = oe.organisation_id)
          select (select count(*)::int from assoc) as associations,
                 coalesce((select sum(coalesce(
                   (select c.count from org.science_worker_counts c where c.enterprise_id = b.enterprise_id and (c.valid_from is null or c.valid_from <= ${today}::date)
                    order by c.valid_from desc nulls last, c.id desc limit 1),
                   (select e.science_worker_count from org.enterprises e where e.id = b.enterprise_id and not exists (select 1 from org.science_worker_counts c where c.enterprise_id = e.id))))
                  from behind b), 0)::int as workers`,
    );
    expect(db!.workers).toBeGreaterThan(0);
    expect(sum(grid, 'workers')).toBe(db!.workers);
    expect(sum(grid, 'associations')).toBe(db!.associations);
    const [total] = expectData(await t.queryAs(analyst, WORKERS, { groupBy: [] })).scienceWorkerCounts;
    expect(total).toMatchObject({ district: null, kind: null, workers: db!.workers, associations: db!.associations });
  });

  it("keeps one district's groups with districtIds, takes each day's count in force, and refuses the anonymous caller", async () => {
    const asOf = '2024-06-30';
    const grid = expectData(await t.queryAs(analyst, WORKERS, { asOf, groupBy: ['DISTRICT', 'KIND'] })).scienceWorkerCounts as any[];
    const [db] = await queryRows<{ workers: number }>(
      t.database.db,
      sql`select coalesce(sum(w.count), 0)::int as workers
          from hierarchy.organisations o
          join hierarchy.statuses s on s.organisation_id = o.id and s.status = 'ACTIVE' and s.valid_from <= ${asOf}::date and (s.valid_to is null or s.valid_to > ${asOf}::date)
          join hierarchy.organisation_enterprises oe on oe.organisation_id = o.id
          join hierarchy.science_workers w on w.enterprise_id = oe.enterprise_id and w.valid_from <= ${asOf}::date and (w.valid_to is null or w.valid_to > ${asOf}::date)
          where o.kind in ('ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM')`,
    );
    expect(sum(grid, 'workers')).toBe(db!.workers);
    const district = grid.filter((r) => r.district).sort((a, b) => b.workers - a.workers)[0].district.id as string;
    const own = expectData(await t.queryAs(analyst, WORKERS, { asOf, districtIds: [district], groupBy: ['DISTRICT', 'KIND'] })).scienceWorkerCounts as any[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((r) => r.district?.id === district)).toBe(true);
    const key = (r: any) => `${r.kind}:${r.workers}:${r.associations}`;
    expect(own.map(key).sort()).toEqual(grid.filter((r) => r.district?.id === district).map(key).sort());
    const [only] = expectData(await t.queryAs(analyst, WORKERS, { asOf, districtIds: [district], groupBy: [] })).scienceWorkerCounts;
    expect(only.workers).toBe(sum(own, 'workers'));

    // Counts recorded from 2025-01-01 and from 2025-07-01 on: each day takes the count in force then, once per
    // association of the district the enterprise stands behind.
    const [behind] = await queryRows<{ enterprise: number; associations: number }>(
      t.database.db,
      sql`select oe.enterprise_id as enterprise, count(*)::int as associations
          from hierarchy.organisation_enterprises oe join hierarchy.organisations o on o.id = oe.organisation_id
          join hierarchy.statuses s on s.organisation_id = o.id and s.status = 'ACTIVE' and s.valid_from <= '2025-03-31' and s.valid_to is null
          join hierarchy.paths h on h.organisation_id = o.id and h.valid_from <= '2025-03-31' and h.valid_to is null
          where o.kind in ('ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM') and h.district_id = ${Number(district)}
          group by 1 order by 2 desc, 1 limit 1`,
    );
    const districtTotal = async (on: string) => expectData(await t.queryAs(analyst, WORKERS, { asOf: on, districtIds: [district], groupBy: [] })).scienceWorkerCounts[0].workers as number;
    const days = ['2025-03-31', todayInChina()];
    const before = [await districtTotal(days[0]!), await districtTotal(days[1]!)];
    const id = String(behind!.enterprise);
    const was = expectData(await t.query(`query ($id: ID!) { enterprise(id: $id) { scienceWorkerCount } }`, { id })).enterprise.scienceWorkerCount as number;
    const RECORD = `mutation ($input: ScienceWorkerCountInput!) { recordScienceWorkerCount(input: $input) { scienceWorkerCount } }`;
    expectData(await t.query(RECORD, { input: { enterpriseId: id, count: was + 1000, on: '2025-01-01' } }));
    expectData(await t.query(RECORD, { input: { enterpriseId: id, count: was + 3000, on: '2025-07-01' } }));
    expect(await districtTotal(days[0]!)).toBe(before[0]! + 1000 * behind!.associations);
    expect(await districtTotal(days[1]!)).toBe(before[1]! + 3000 * behind!.associations);

    const anonymous = await t.queryAs(null, WORKERS, { groupBy: [] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.scienceWorkerCounts).toBeNull();
  });
});

describe('memberCounts and membershipChanges', () => {
  const MEMBERS = `query ($asOf: Date, $districtIds: [ID!], $groupBy: [MemberDimension!]!) {
    memberCounts(asOf: $asOf, districtIds: $districtIds, groupBy: $groupBy) { district { id nameZh } category count } }`;
  const ROLL_UP = `query ($id: ID!, $asOf: Date) { organisation(id: $id) { memberCount(asOf: $asOf, includeDescendants: true) } }`;
  const analyst = { subject: 'test.analyst', role: 'ANALYST' as const, organisationId: null };

  it("gives each district the total its memberCount(includeDescendants) gives, today and on an earlier day, to analysts too", async () => {
    for (const asOf of [todayInChina(), '2024-06-30']) {
      const rows = expectData(await t.queryAs(analyst, MEMBERS, { asOf, groupBy: ['DISTRICT'] })).memberCounts as any[];
      const withDistrict = rows.filter((r) => r.district);
      expect(withDistrict.length).toBeGreaterThan(5);
      for (const r of withDistrict.slice(0, 6)) {
        expect(expectData(await t.queryAs(analyst, ROLL_UP, { id: r.district.id, asOf })).organisation.memberCount, r.district.nameZh).toBe(r.count);
        const [only] = expectData(await t.queryAs(analyst, MEMBERS, { asOf, districtIds: [r.district.id], groupBy: [] })).memberCounts;
        expect(only.count).toBe(r.count);
      }
    }
    const byCategory = expectData(await t.queryAs(analyst, MEMBERS, { groupBy: ['CATEGORY'] })).memberCounts as any[];
    const [total] = expectData(await t.queryAs(analyst, MEMBERS, { groupBy: [] })).memberCounts;
    expect(byCategory.reduce((n, r) => n + r.count, 0)).toBe(total.count);
    expect((await t.queryAs(null, MEMBERS, { groupBy: [] })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('counts memberships that started and ended in each period as the records hold them, in one statement', async () => {
    const CHANGES = `query ($from: Date!, $to: Date!) { membershipChanges(from: $from, to: $to, period: YEAR, groupBy: [DISTRICT, CATEGORY]) { period change district { id } category count } }`;
    const { result, statements } = await t.countStatements(() => t.queryAs(analyst, CHANGES, { from: '2020-01-01', to: '2026-12-31' }));
    const rows = expectData(result).membershipChanges as any[];
    const sum = (change: string) => rows.filter((r) => r.change === change).reduce((n, r) => n + r.count, 0);
    const [db] = await queryRows<{ joined: number; left: number }>(
      t.database.db,
      sql`select count(*) filter (where valid_from between '2020-01-01' and '2026-12-31')::int as joined,
                 count(*) filter (where valid_to between '2020-01-01' and '2026-12-31')::int as left from people.memberships`,
    );
    expect(sum('JOINED')).toBe(db!.joined);
    expect(sum('LEFT')).toBe(db!.left);
    expect(statements).toBe(1); // the district associations' ids come with the counts; no other subgraph is asked
  });
});

describe('Lists dashboards show, by district', () => {
  it('keeps the associations overdue for a congress below one district, as many as the whole list holds for it', async () => {
    const OVERDUE = `query ($districtIds: [ID!]) { overdueAssociations(districtIds: $districtIds, first: 100) { totalCount edges { node { organisation { id } } } } }`;
    const analyst = { subject: 'test.analyst', role: 'ANALYST' as const, organisationId: null };
    const all = expectData(await t.queryAs(analyst, OVERDUE, {})).overdueAssociations;
    expect(all.totalCount).toBeGreaterThan(0);
    const below7 = await queryRows<{ id: number }>(
      t.database.db,
      sql`select h.organisation_id as id from hierarchy.paths h where 7 = any(h.path) and h.valid_from <= ${todayInChina()}::date and (h.valid_to is null or h.valid_to > ${todayInChina()}::date)`,
    );
    const ids = new Set(below7.map((r) => String(r.id)));
    const own = expectData(await t.queryAs(analyst, OVERDUE, { districtIds: ['7'] })).overdueAssociations;
    expect(own.edges.every((e: any) => ids.has(e.node.organisation.id))).toBe(true);
    // All of the full list's associations below district 7 (the full list fits one page at the tiny scale).
    expect(all.totalCount).toBeLessThanOrEqual(100);
    const expected = all.edges.filter((e: any) => ids.has(e.node.organisation.id)).length;
    expect(expected).toBeGreaterThan(0);
    expect(own.totalCount).toBe(expected);
  });
});

describe('evaluationCounts and awardCounts', () => {
  const analyst = { subject: 'test.analyst', role: 'ANALYST' as const, organisationId: null };

  it('counts evaluations by year and grade as the records hold them, and per district as the district evaluated them', async () => {
    const EVAL = `query ($districtIds: [ID!], $groupBy: [EvaluationDimension!]!) { evaluationCounts(years: [2023, 2024], districtIds: $districtIds, groupBy: $groupBy) { year grade district { id } count } }`;
    const rows = expectData(await t.queryAs(analyst, EVAL, { groupBy: ['GRADE'] })).evaluationCounts as any[];
    const db = await queryRows<{ year: number; grade: string; n: number }>(
      t.database.db,
      sql`select year, grade::text as grade, count(*)::int as n from activities.evaluations where year in (2023, 2024) group by 1, 2 order by 1, 2`,
    );
    expect(rows.map((r) => [r.year, r.grade, r.count]).sort()).toEqual(db.map((d) => [d.year, d.grade, d.n]).sort());
    // The demo's evaluations are by the approving district: district 7's count is what it evaluated.
    const own = expectData(await t.queryAs(analyst, EVAL, { districtIds: ['7'], groupBy: ['DISTRICT'] })).evaluationCounts as any[];
    const [{ n }] = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from activities.evaluations where year in (2023, 2024) and evaluator_id = 7`)) as [{ n: number }];
    expect(own.reduce((sum, r) => sum + r.count, 0)).toBe(n);
    expect((await t.queryAs(null, EVAL, { groupBy: [] })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('counts awards by year, kind and outcome as the records hold them, in one statement', async () => {
    const AWARDS = `{ awardCounts(from: "2022-01-01", to: "2026-12-31", groupBy: [KIND, OUTCOME]) { period kind outcome count } }`;
    const { result, statements } = await t.countStatements(() => t.queryAs(analyst, AWARDS));
    const rows = expectData(result).awardCounts as any[];
    const [{ n }] = (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from activities.awards where decided_on between '2022-01-01' and '2026-12-31'`)) as [{ n: number }];
    expect(rows.reduce((sum, r) => sum + r.count, 0)).toBe(n);
    expect(rows.filter((r) => r.outcome !== null).every((r) => r.kind.endsWith('RECOMMENDATION'))).toBe(true);
    expect(statements).toBe(1);
  });
});


describe('fundingIncome', () => {
  const analyst = { subject: 'test.analyst', role: 'ANALYST' as const, organisationId: null };
  const INCOME = `query ($from: Date!, $to: Date!, $period: Period, $districtIds: [ID!], $sources: [FundingSource!], $groupBy: [FundingDimension!]!) {
    fundingIncome(from: $from, to: $to, period: $period, districtIds: $districtIds, sources: $sources, groupBy: $groupBy) { period district { id } source amount amountFen records } }`;
  const TOTALS = `query ($id: ID!, $year: Int!) { organisation(id: $id) { fundingTotals(year: $year, includeDescendants: true) { source amount amountFen } } }`;
  const fen = (rows: { amountFen: string }[]) => rows.reduce((n, r) => n + BigInt(r.amountFen), 0n);

  it("gives one district's year the sum of its fundingTotals(year, includeDescendants), source by source, to analysts too", async () => {
    // Income counts for the district its association was below on the day received; the roll-up for the district
    // below it today. They agree for a district whose associations stayed the same all year (none founded, moved
    // in or out), as the API tells: the same descendants at the start, in the middle and at the end of the year and today.
    const year = 2024;
    const DESCENDANTS = `query ($id: ID!, $asOf: Date) { organisation(id: $id) { descendants(asOf: $asOf, first: 100) { totalCount edges { node { id } } } } }`;
    const below = async (id: string, asOf: string) => {
      const d = expectData(await t.queryAs(analyst, DESCENDANTS, { id, asOf })).organisation.descendants;
      expect(d.totalCount).toBeLessThanOrEqual(100);
      return JSON.stringify(d.edges.map((e: any) => e.node.id).sort());
    };
    const byDistrict = expectData(await t.queryAs(analyst, INCOME, { from: `${year}-01-01`, to: `${year}-12-31`, groupBy: ['DISTRICT'] })).fundingIncome as any[];
    const districts = byDistrict.filter((r) => r.district).sort((a, b) => Number(BigInt(b.amountFen) - BigInt(a.amountFen)));
    const steady: string[] = [];
    for (const { district } of districts) {
      const days = [`${year}-01-01`, `${year}-06-30`, `${year}-12-31`, todayInChina()];
      const sets = await Promise.all(days.map((day) => below(district.id, day)));
      if (sets.every((set) => set === sets[0])) steady.push(district.id);
      if (steady.length === 3) break;
    }
    expect(steady.length, 'districts whose associations stayed the same all year').toBe(3);
    for (const id of steady) {
      const rows = expectData(await t.queryAs(analyst, INCOME, { from: `${year}-01-01`, to: `${year}-12-31`, districtIds: [id], groupBy: ['SOURCE'] })).fundingIncome as any[];
      const totals = expectData(await t.queryAs(analyst, TOTALS, { id, year })).organisation.fundingTotals as any[];
      expect(totals.length).toBeGreaterThan(0);
      expect(fen(rows), `district ${id}`).toBe(fen(totals));
      expect(rows.map((r) => [r.period, r.source, r.amount]).sort()).toEqual(totals.map((r) => [String(year), r.source, r.amount]).sort());
      expect(rows.every((r) => r.district === null && /^\d+\.\d\d$/.test(r.amount))).toBe(true);
      const [one] = expectData(await t.queryAs(analyst, INCOME, { from: `${year}-01-01`, to: `${year}-12-31`, districtIds: [id], groupBy: ['DISTRICT'] })).fundingIncome;
      expect(one).toMatchObject({ period: String(year), district: { id }, amountFen: String(fen(totals)) });
      expect(one.records).toBe(rows.reduce((n, r) => n + r.records, 0));
    }
  });

  it('sums exactly what the records hold, by period, district and source, in one statement', async () => {
    const { result, statements } = await t.countStatements(() => t.queryAs(analyst, INCOME, { from: '2023-01-01', to: '2025-12-31', period: 'QUARTER', groupBy: ['DISTRICT', 'SOURCE'] }));
    const grid = expectData(result).fundingIncome as any[];
    expect(statements).toBe(1); // the district associations' ids come with the sums
    expect(grid.every((r) => /^\d{4}-Q[1-4]$/.test(r.period))).toBe(true);
    const [db] = await queryRows<{ fen: string; n: number }>(
      t.database.db,
      sql`select sum(amount_fen)::text as fen, count(*)::int as n from activities.funding_records where received_on between '2023-01-01' and '2025-12-31'`,
    );
    expect(fen(grid)).toBe(BigInt(db!.fen));
    expect(grid.reduce((n, r) => n + r.records, 0)).toBe(db!.n);
    const [total] = expectData(await t.queryAs(analyst, INCOME, { from: '2023-01-01', to: '2025-12-31', period: 'YEAR', sources: ['GRANT'], groupBy: [] })).fundingIncome.filter((r: any) => r.period === '2024');
    const [grants] = await queryRows<{ fen: string }>(t.database.db, sql`select sum(amount_fen)::text as fen from activities.funding_records where source = 'GRANT' and received_on between '2024-01-01' and '2024-12-31'`);
    expect(total).toMatchObject({ district: null, source: null, amountFen: grants!.fen });
  });

  it('refuses the anonymous caller as the sibling aggregates do, and a period that ends before it starts', async () => {
    const anonymous = await t.queryAs(null, INCOME, { from: '2024-01-01', to: '2024-12-31', groupBy: [] });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(anonymous.data?.fundingIncome).toBeNull();
    const backwards = await t.queryAs(analyst, INCOME, { from: '2025-01-01', to: '2024-01-01', groupBy: [] });
    expect(backwards.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'to' });
  });
});

describe('Lists dashboards show, filtered by district and kind', () => {
  const today = todayInChina();
  /** The organisation of a row, with its kind and its ancestors on the list's day (municipal association first). */
  const ORG = `id kind ancestors(asOf: $asOf) { id kind }`;
  const PAGE = 'totalCount pageInfo { hasNextPage endCursor }';
  interface List {
    field: string;
    query: string;
    /** Variables of the unfiltered list */
    all: Record<string, unknown>;
    /** Variables that keep one district's rows */
    district: (id: string) => Record<string, unknown>;
    organisationOf: (node: any) => { id: string; kind: string; ancestors: { id: string; kind: string }[] };
  }
  const lists: List[] = [
    ...(['overdueCongresses', 'lateCongressReports', 'overdueAssociations', 'overdueRectifications'] as const).map((field) => ({
      field,
      query: `query ($asOf: Date, $districtIds: [ID!], $kinds: [OrganisationKind!], $first: Int, $after: String) {
        ${field}(asOf: $asOf, districtIds: $districtIds, kinds: $kinds, first: $first, after: $after) { ${PAGE} edges { node { organisation { ${ORG} } } } } }`,
      all: { asOf: today },
      district: (id: string) => ({ asOf: today, districtIds: [id] }),
      organisationOf: (node: any) => node.organisation,
    })),
    {
      // Below the municipal association: the whole network's; below a district association: that district's.
      field: 'unevaluatedAssociations',
      query: `query ($asOf: Date, $year: Int!, $districtId: ID!, $kinds: [OrganisationKind!], $first: Int, $after: String) {
        unevaluatedAssociations(year: $year, districtId: $districtId, kinds: $kinds, first: $first, after: $after) { ${PAGE} edges { node { ${ORG} } } } }`,
      all: { asOf: '2021-12-31', year: 2021, districtId: '1' },
      district: (id: string) => ({ asOf: '2021-12-31', year: 2021, districtId: id }),
      organisationOf: (node: any) => node,
    },
  ];

  /** Every row of a list, page after page, with its totalCount. */
  async function everyRow(list: List, variables: Record<string, unknown>) {
    const rows: ReturnType<List['organisationOf']>[] = [];
    let after: string | null = null;
    let totalCount = 0;
    for (let i = 0; i < 100; i++) {
      const page: any = expectData(await t.query(list.query, { ...variables, first: 100, after }))[list.field];
      totalCount = page.totalCount;
      rows.push(...page.edges.map((e: any) => list.organisationOf(e.node)));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(rows.length).toBe(totalCount);
    return { rows, totalCount };
  }

  /** The district association above an organisation (or being it), from its ancestors through the API. */
  const districtOf = (o: ReturnType<List['organisationOf']>) => (o.kind === 'DISTRICT_ASSOCIATION' ? o.id : o.ancestors.find((a) => a.kind === 'DISTRICT_ASSOCIATION')?.id);
  const mostCommon = (values: (string | undefined)[]) => {
    const n = new Map<string, number>();
    for (const v of values) if (v) n.set(v, (n.get(v) ?? 0) + 1);
    return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0];
  };

  it.each(lists.map((l) => [l.field, l] as const))('%s: districtIds keeps the rows below that district association on its day, kinds the rows of that kind', async (_, list) => {
    const all = await everyRow(list, list.all);
    expect(all.totalCount, 'the demo data has rows in the unfiltered list').toBeGreaterThan(0);
    const district = mostCommon(all.rows.map(districtOf));
    expect(district, 'some row lies below a district association').toBeDefined();

    const own = await everyRow(list, list.district(district!));
    const below = all.rows.filter((o) => o.ancestors.some((a) => a.id === district) || o.id === district);
    expect(own.totalCount).toBe(below.length);
    expect(own.rows.map((o) => o.id).sort()).toEqual(below.map((o) => o.id).sort());

    const kind = mostCommon(all.rows.map((o) => o.kind))!;
    const ofKind = await everyRow(list, { ...list.all, kinds: [kind] });
    expect(ofKind.totalCount).toBe(all.rows.filter((o) => o.kind === kind).length);
    expect(ofKind.rows.every((o) => o.kind === kind)).toBe(true);
    const none = await everyRow(list, { ...list.all, kinds: ['LEARNED_SOCIETY'] });
    expect(none.totalCount).toBe(all.rows.filter((o) => o.kind === 'LEARNED_SOCIETY').length);

    const both = await everyRow(list, { ...list.district(district!), kinds: [kind] });
    expect(both.totalCount).toBe(below.filter((o) => o.kind === kind).length);
  });

  it('overdueRectifications: district staff may filter by their own district association only', async () => {
    const staff = { subject: 'test.district', role: 'DISTRICT_STAFF' as const, organisationId: 7 };
    const Q = `query ($districtIds: [ID!]) { overdueRectifications(districtIds: $districtIds, first: 0) { totalCount } }`;
    expectData(await t.queryAs(staff, Q, { districtIds: ['7'] }));
    const other = await t.queryAs(staff, Q, { districtIds: ['8'] });
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.queryAs(null, Q, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
