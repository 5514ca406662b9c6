// The roll-ups the subgraphs keep beside their own tables (docs/read-model.md, "Roll-ups"): member counts of today
// (people.member_counts_today) and activity counts per organiser, year and kind (activities.activity_counts, with
// activities.co_organisers). After real commands through the gateway, every roll-up answer equals the same count taken
// straight from the raw tables, and the roll-up tables equal a recount; a roll-up of another day is rebuilt on the
// first read of today.
import { queryRows } from '@cq/db';
import { todayInChina } from '@cq/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
let district: number; // a district association
let first: number; // two active enterprise associations it approved
let second: number;
let society: number; // a learned society, below the municipal association but no district
const today = todayInChina();
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  t = await startTestGraph();
  // Two active enterprise associations approved by the same district association before every day these tests write.
  const associations = await queryRows<{ id: number; district: number }>(
    t.database.db,
    sql`with approved as (
          select r.from_id as id, r.to_id as district from org.relationships r
          join org.organisations o on o.id = r.from_id and o.kind = 'ENTERPRISE_ASSOCIATION' and o.status = 'ACTIVE'
          join org.organisations d on d.id = r.to_id and d.kind = 'DISTRICT_ASSOCIATION'
          where r.kind = 'APPROVAL' and r.valid_to is null and r.valid_from <= '2025-01-01'
        )
        select id, district from approved where district = (select district from approved group by 1 order by count(*) desc, 1 limit 1)
        order by id limit 2`,
  );
  [{ id: first, district }, { id: second }] = associations as [{ id: number; district: number }, { id: number; district: number }];
  [{ id: society }] = (await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'LEARNED_SOCIETY' order by id limit 1`)) as [{ id: number }];
});
afterAll(() => t?.close());

/** Memberships in force on `day` in `root` and every organisation below it on that day, counted from the raw tables. */
async function membersFromTables(root: number, day = today): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    t.database.db,
    sql`select count(*)::int as n from people.memberships m
        where m.valid_from <= ${day}::date and (m.valid_to is null or m.valid_to > ${day}::date)
          and (m.organisation_id = ${root} or m.organisation_id in (
            select h.organisation_id from hierarchy.paths h where ${root} = any(h.path) and h.valid_from <= ${day}::date and (h.valid_to is null or h.valid_to > ${day}::date)))`,
  );
  return row!.n;
}

/** The member roll-up rows that differ from a recount of the memberships in force on the roll-up's day (none, if kept right). */
async function memberRollUpDrift(): Promise<unknown[]> {
  return queryRows(
    t.database.db,
    sql`with recount as (
          select m.organisation_id, count(*)::int as members from people.memberships m, people.member_counts_state s
          where m.valid_from <= s.day and (m.valid_to is null or m.valid_to > s.day) group by 1
        ),
        kept as (select organisation_id, members from people.member_counts_today where members <> 0)
        (select 'kept' as side, * from kept except select 'kept', * from recount)
        union all
        (select 'recount', * from recount except select 'recount', * from kept)`,
  );
}

const MEMBER_COUNTS = `query ($d: ID!, $a: ID!) {
  municipal: organisation(id: "1") { memberCount(includeDescendants: true) }
  district: organisation(id: $d) { memberCount(includeDescendants: true) }
  association: organisation(id: $a) { memberCount(includeDescendants: true) } }`;

/** Member counts with descendants of the municipal association, the district and the first association, through the gateway. */
async function memberCounts(): Promise<{ municipal: number; district: number; association: number }> {
  const d = expectData(await t.query(MEMBER_COUNTS, { d: String(district), a: String(first) }));
  return { municipal: d.municipal.memberCount, district: d.district.memberCount, association: d.association.memberCount };
}

/** The gateway's counts equal the raw tables' and the roll-up equals a recount for today; returns the counts. */
async function expectMemberCountsRight(): Promise<{ municipal: number; district: number; association: number }> {
  const counts = await memberCounts();
  expect(counts).toEqual({ municipal: await membersFromTables(1), district: await membersFromTables(district), association: await membersFromTables(first) });
  expect(await memberRollUpDrift()).toEqual([]);
  const [state] = await queryRows<{ day: string }>(t.database.db, sql`select day::text from people.member_counts_state`);
  expect(state?.day).toBe(today);
  return counts;
}

let serial = 0;
async function person(): Promise<string> {
  serial += 1;
  return expectData(await t.query(`mutation ($n: String!) { registerPerson(input: {nameZh: $n, category: MANAGER}) { id } }`, { n: `汇总测试${serial}` })).registerPerson.id;
}

const APPLY = `mutation ($p: ID!, $o: ID!, $on: Date!) { applyForMembership(input: {personId: $p, organisationId: $o, on: $on}) { id } }`;
const ADMIT = `mutation ($id: ID!, $on: Date!) { admitMember(input: {membershipId: $id, on: $on}) { status } }`;
const APPLY_TO_WITHDRAW = `mutation ($id: ID!, $on: Date!) { applyToWithdraw(input: {membershipId: $id, on: $on}) { status } }`;
const CONFIRM_WITHDRAWAL = `mutation ($id: ID!, $on: Date!) { confirmWithdrawal(input: {membershipId: $id, on: $on}) { status } }`;
const REVOKE = `mutation ($id: ID!, $r: ID!, $on: Date!) { revokeMembership(input: {membershipId: $id, on: $on, ground: SERIOUS_VIOLATION_OF_CHARTER, resolutionId: $r}) { status } }`;

async function apply(organisationId: number, on = '2025-01-02'): Promise<string> {
  return expectData(await t.query(APPLY, { p: await person(), o: String(organisationId), on })).applyForMembership.id;
}

async function admit(membershipId: string, on: string): Promise<void> {
  expect(expectData(await t.query(ADMIT, { id: membershipId, on })).admitMember.status).toBe('ACTIVE');
}

/** R23.revoke: a passed resolution of the association's committee (kind COMMITTEE) naming the memberships. */
async function revocationResolution(organisationId: number, membershipIds: string[]): Promise<string> {
  const o = String(organisationId);
  const congress = expectData(await t.query(`mutation ($o: ID!) { recordCongress(input: {organisationId: $o, kind: REPRESENTATIVE_CONGRESS, heldOn: "2025-01-01", termYears: 5}) { id } }`, { o })).recordCongress.id;
  const committee = expectData(
    await t.query(`mutation ($o: ID!, $c: ID!) { createCommittee(input: {organisationId: $o, kind: COMMITTEE, name: "第一届委员会", termStart: "2025-01-01", congressId: $c}) { id } }`, { o, c: congress }),
  ).createCommittee.id;
  const members: string[] = [];
  for (let i = 0; i < 3; i++) {
    const p = await person();
    expectData(await t.query(`mutation ($o: ID!, $k: ID!, $p: ID!) { appointToPost(input: {organisationId: $o, committeeId: $k, personId: $p, role: COMMITTEE_MEMBER, validFrom: "2025-01-01"}) { id } }`, { o, k: committee, p }));
    members.push(p);
  }
  const meeting = expectData(await t.query(`mutation ($k: ID!, $a: [ID!]!) { recordMeeting(input: {committeeId: $k, heldOn: "2025-03-01", attendeeIds: $a}) { id } }`, { k: committee, a: members })).recordMeeting.id;
  const resolution = expectData(
    await t.query(`mutation ($m: ID!, $ms: [ID!]) { recordResolution(input: {meetingId: $m, title: "撤销会员资格的决定", votesFor: 3, votesAgainst: 0, votesAbstaining: 0, membershipIds: $ms}) { id outcome } }`, { m: meeting, ms: membershipIds }),
  ).recordResolution;
  expect(resolution.outcome).toBe('PASSED');
  return resolution.id;
}

describe('Member counts with descendants (people.member_counts_today)', () => {
  it('builds the roll-up on the first read of the day (the seed left none) and answers as the raw tables', async () => {
    expect(await queryRows(t.database.db, sql`select * from people.member_counts_state`)).toEqual([]);
    const counts = await expectMemberCountsRight();
    expect(counts.municipal).toBeGreaterThan(counts.district);
    expect(counts.district).toBeGreaterThan(counts.association);
  });

  it('follows applications, admissions, withdrawals and revocations, each by its delta, as the raw tables count them', async () => {
    const start = await expectMemberCountsRight();
    const step = async (change: () => Promise<unknown>, delta: number) => {
      const before = await memberCounts();
      await change();
      const after = await expectMemberCountsRight();
      // Both associations lie below the district and the municipal association: every change shows at all three levels.
      expect({ municipal: after.municipal - before.municipal, district: after.district - before.district }).toEqual({ municipal: delta, district: delta });
    };

    const applied = await apply(first);
    await step(async () => undefined, 0); // an application is not a membership yet
    await step(() => admit(applied, today), 1); // in force from today
    const earlier = await apply(second);
    await step(() => admit(earlier, '2025-01-10'), 1);
    const later = await apply(first);
    await step(() => admit(later, addDays(today, 30)), 0); // not yet in force
    await step(async () => expectData(await t.query(APPLY_TO_WITHDRAW, { id: earlier, on: today })), 0); // still a member until confirmed
    await step(async () => expectData(await t.query(CONFIRM_WITHDRAWAL, { id: earlier, on: today })), -1); // ends today: valid_to is exclusive

    const revokedToday = await apply(first);
    await step(() => admit(revokedToday, '2025-01-10'), 1);
    const revokedEarlier = await apply(first);
    await step(() => admit(revokedEarlier, '2025-01-10'), 1);
    const resolution = await revocationResolution(first, [revokedToday, revokedEarlier]);
    await step(async () => expectData(await t.query(REVOKE, { id: revokedToday, r: resolution, on: today })), -1);
    await step(async () => expectData(await t.query(REVOKE, { id: revokedEarlier, r: resolution, on: '2025-04-01' })), -1);

    const end = await memberCounts();
    expect(end.association - start.association).toBe(1); // `applied`, admitted today
  });

  it('adds up the deltas of concurrent admissions to one association', async () => {
    const before = await expectMemberCountsRight();
    const applications = await Promise.all(Array.from({ length: 8 }, () => apply(second)));
    await Promise.all(applications.map((id) => admit(id, '2025-02-01')));
    const after = await expectMemberCountsRight();
    expect(after.district - before.district).toBe(8);
  });

  it('rebuilds a roll-up of an earlier day on the first read of today, and answers right', async () => {
    // Counts of yesterday, and wrong: the read must not trust them.
    await t.database.db.execute(sql`update people.member_counts_state set day = day - 1`);
    await t.database.db.execute(sql`update people.member_counts_today set members = members + 1000 where organisation_id = ${first}`);
    const counts = await expectMemberCountsRight();
    expect(counts.association).toBe(await membersFromTables(first));
  });

  it('rebuilds after writes made while the roll-up counted another day, and without a state at all', async () => {
    await t.database.db.execute(sql`update people.member_counts_state set day = day - 1`);
    // Admitted while the roll-up counts yesterday: the delta is yesterday's (none, for a membership from today).
    await admit(await apply(first), today);
    await admit(await apply(first), '2025-03-01');
    await expectMemberCountsRight();

    await t.database.db.execute(sql`delete from people.member_counts_state`);
    await admit(await apply(second), today); // no state: no delta, the next read counts it
    await expectMemberCountsRight();
  });

  it('rebuilds once when reads and writes of a new day come together', async () => {
    await t.database.db.execute(sql`update people.member_counts_state set day = day - 1`);
    const applications = await Promise.all(Array.from({ length: 4 }, () => apply(first)));
    await Promise.all([...applications.map((id) => admit(id, '2025-05-01')), memberCounts(), memberCounts()]);
    await expectMemberCountsRight();
  });

  it('counts any other day from the memberships themselves, as before', async () => {
    for (const day of ['2024-06-30', addDays(today, -1), addDays(today, 30)]) {
      const d = expectData(await t.query(`query ($d: ID!, $on: Date!) { organisation(id: $d) { memberCount(asOf: $on, includeDescendants: true) } }`, { d: String(district), on: day }));
      expect(d.organisation.memberCount, day).toBe(await membersFromTables(district, day));
    }
  });
});

describe('Activity counts with descendants (activities.activity_counts, activities.co_organisers)', () => {
  const KINDS = ['POLITICAL_GUIDANCE', 'ACADEMIC_EXCHANGE', 'TECHNICAL_PROBLEM_SOLVING', 'TRAINING', 'SCIENCE_POPULARISATION', 'THINK_TANK', 'CULTURE_AND_INTEGRITY', 'OTHER'];
  const RECORD = `mutation ($input: ActivityInput!) { recordActivity(input: $input) { id } }`;
  const STATS = `query ($d: ID!, $a: ID!, $year: Int) {
    municipal: organisation(id: "1") { year: activityStats(year: $year, includeDescendants: true) { kind year count } all: activityStats(includeDescendants: true) { kind year count } }
    district: organisation(id: $d) { year: activityStats(year: $year, includeDescendants: true) { kind year count } all: activityStats(includeDescendants: true) { kind year count } own: activityStats { kind year count } }
    association: organisation(id: $a) { year: activityStats(year: $year, includeDescendants: true) { kind year count } own: activityStats(year: $year) { kind year count } } }`;
  type Stat = { kind: string; year: number; count: number };

  /** Activities per kind and start year of `root` (and everything below it today), each activity once, from the raw tables. */
  async function statsFromTables(root: number, year: number | null, includeDescendants: boolean): Promise<Stat[]> {
    const rows = await queryRows<Stat>(
      t.database.db,
      sql`select a.kind::text as kind, extract(year from a.starts_on)::int as year, count(distinct a.id)::int as count
          from activities.activities a join activities.activity_organisers ao on ao.activity_id = a.id
          where (${year}::int is null or extract(year from a.starts_on) = ${year}::int)
            and (ao.organisation_id = ${root} or (${includeDescendants} and ao.organisation_id in (
              select h.organisation_id from hierarchy.paths h where ${root} = any(h.path) and h.valid_from <= ${today}::date and (h.valid_to is null or h.valid_to > ${today}::date))))
          group by 1, 2`,
    );
    return rows.sort((a, b) => b.year - a.year || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));
  }

  /** The roll-up rows that differ from a recount of the activities and their organisers (none, if kept right). */
  async function activityRollUpDrift(): Promise<unknown[]> {
    return queryRows(
      t.database.db,
      sql`with counts as (
            select ao.organisation_id, extract(year from a.starts_on)::int as year, a.kind, count(*)::int as activities
            from activities.activity_organisers ao join activities.activities a on a.id = ao.activity_id group by 1, 2, 3
          ),
          co as (
            select ao.activity_id, ao.organisation_id, extract(year from a.starts_on)::int as year, a.kind
            from activities.activity_organisers ao join activities.activities a on a.id = ao.activity_id
            where (select count(*) from activities.activity_organisers x where x.activity_id = ao.activity_id) > 1
          )
          (select 'kept count' as side, to_jsonb(c) as row from (select * from activities.activity_counts except select * from counts) c)
          union all (select 'recounted count', to_jsonb(c) from (select * from counts except select * from activities.activity_counts) c)
          union all (select 'kept co-organiser', to_jsonb(c) from (select * from activities.co_organisers except select * from co) c)
          union all (select 'recounted co-organiser', to_jsonb(c) from (select * from co except select * from activities.co_organisers) c)`,
    );
  }

  async function expectStatsRight(year: number): Promise<{ district: Stat[]; municipal: Stat[] }> {
    const d = expectData(await t.query(STATS, { d: String(district), a: String(first), year }));
    expect(d.municipal.year).toEqual(await statsFromTables(1, year, true));
    expect(d.municipal.all).toEqual(await statsFromTables(1, null, true));
    expect(d.district.year).toEqual(await statsFromTables(district, year, true));
    expect(d.district.all).toEqual(await statsFromTables(district, null, true));
    expect(d.district.own).toEqual(await statsFromTables(district, null, false));
    expect(d.association.year).toEqual(await statsFromTables(first, year, true));
    expect(d.association.own).toEqual(await statsFromTables(first, year, false));
    expect(await activityRollUpDrift()).toEqual([]);
    return { district: d.district.year, municipal: d.municipal.year };
  }

  const record = async (kind: string, startsOn: string, organisers: number[]) =>
    expectData(await t.query(RECORD, { input: { kind, title: '汇总测试活动', startsOn, endsOn: startsOn, organiserIds: organisers.map(String) } })).recordActivity.id;

  it('holds the seed’s activities as a recount does, and answers as the raw tables', async () => {
    expect(await activityRollUpDrift()).toEqual([]);
    const { municipal } = await expectStatsRight(2025);
    expect(municipal.length).toBeGreaterThan(0);
  });

  it('counts each recorded activity once per root, a co-organised one too, as the raw tables do', async () => {
    const year = 2032; // no activity yet
    const count = (stats: Stat[], kind: string) => stats.find((s) => s.kind === kind)?.count ?? 0;
    expect(await expectStatsRight(year)).toEqual({ district: [], municipal: [] });

    await record('TRAINING', `${year}-03-01`, [first]);
    let s = await expectStatsRight(year);
    expect([count(s.district, 'TRAINING'), count(s.municipal, 'TRAINING')]).toEqual([1, 1]);

    // Two organisers below one district: once for the district, once for the municipal association.
    await record('THINK_TANK', `${year}-04-01`, [first, second]);
    s = await expectStatsRight(year);
    expect([count(s.district, 'THINK_TANK'), count(s.municipal, 'THINK_TANK')]).toEqual([1, 1]);

    // Three, the district itself among them; and another with a learned society, which lies below no district.
    await record('THINK_TANK', `${year}-05-01`, [second, district, first]);
    await record('THINK_TANK', `${year}-06-01`, [first, society]);
    s = await expectStatsRight(year);
    expect([count(s.district, 'THINK_TANK'), count(s.municipal, 'THINK_TANK')]).toEqual([3, 3]);

    // Concurrent activities of one organiser, year and kind add up.
    await Promise.all(Array.from({ length: 6 }, (_, i) => record('OTHER', `${year}-07-0${i + 1}`, [second])));
    s = await expectStatsRight(year);
    expect(count(s.district, 'OTHER')).toBe(6);
  });
});
