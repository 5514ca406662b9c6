// The roll-ups kept by deltas (people.member_counts_today; activities.activity_counts and co_organisers), checked as
// a property: random sequences of the commands that write memberships and activities, from fixed seeds so that a
// failure repeats, with random days around today and a new day now and then; after every command the roll-up answers
// equal the same counts taken from the raw tables, and the roll-up tables equal a recount.
import { recordActivity } from '@cq/activities/commands/activities';
import { activityStatsOf } from '@cq/activities/data/roll-ups';
import { queryRows } from '@cq/db';
import { todayInChina } from '@cq/domain';
import * as membership from '@cq/people/commands/membership';
import { countMembersWithDescendants } from '@cq/people/data/people';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR, openKit, type Kit } from '../kit/index.ts';

let kit: Kit;
let roots: number[]; // the municipal association, two district associations and four associations below them
let organisers: number[];
const today = todayInChina();
const addDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
// Today twice as often: the day the roll-up counts, where a membership starts or ends in force.
const DAYS = [-400, -10, -1, 0, 0, 1, 10].map((n) => addDays(today, n));
const KINDS = ['POLITICAL_GUIDANCE', 'ACADEMIC_EXCHANGE', 'TRAINING', 'THINK_TANK'] as const;

beforeAll(async () => {
  kit = await openKit();
  const [north, south] = [kit.districtId('500106'), kit.districtId('500107')];
  const associations = [
    await kit.association({ districtCode: '500106' }),
    await kit.association({ districtCode: '500106' }),
    await kit.association({ districtCode: '500106' }),
    await kit.association({ districtCode: '500107' }),
  ];
  roots = [kit.municipalId, north, south, ...associations];
  organisers = [north, south, ...associations];
});
afterAll(() => kit?.close());

/** A pseudo-random generator (mulberry32): the same seed, the same sequence. */
function random(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let r = Math.imul(a ^ (a >>> 15), 1 | a);
    r = (r + Math.imul(r ^ (r >>> 7), 61 | r)) ^ r;
    return ((r ^ (r >>> 14)) >>> 0) / 4_294_967_296;
  };
  return { next, pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]! };
}

/** Memberships in force today in each root and below it, from the raw tables. */
async function membersFromTables(): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    kit.db,
    sql`select r.id as "organisationId", count(m.id)::int as n from unnest(${`{${roots.join(',')}}`}::int[]) as r(id)
        join people.memberships m on m.valid_from <= ${today}::date and (m.valid_to is null or m.valid_to > ${today}::date)
          and (m.organisation_id = r.id or m.organisation_id in (
            select h.organisation_id from hierarchy.paths h where r.id = any(h.path) and h.valid_from <= ${today}::date and (h.valid_to is null or h.valid_to > ${today}::date)))
        group by 1 order by 1`,
  );
}

async function expectMembersRight(step: string): Promise<void> {
  const rolledUp = await countMembersWithDescendants(kit.db, roots, today);
  expect([...rolledUp].sort((a, b) => a.organisationId - b.organisationId), step).toEqual(await membersFromTables());
  const drift = await queryRows(
    kit.db,
    sql`with recount as (
          select m.organisation_id, count(*)::int as members from people.memberships m, people.member_counts_state s
          where m.valid_from <= s.day and (m.valid_to is null or m.valid_to > s.day) group by 1
        ), kept as (select organisation_id, members from people.member_counts_today where members <> 0)
        (select * from kept except select * from recount) union all (select * from recount except select * from kept)`,
  );
  expect(drift, step).toEqual([]);
}

/** Activities per root, kind and start year, each activity once per root, from the raw tables (`own`: the root's alone). */
async function statsFromTables(year: number | null, own: boolean) {
  return queryRows<{ organisationId: number; kind: string; year: number; count: number }>(
    kit.db,
    sql`select r.id as "organisationId", a.kind, extract(year from a.starts_on)::int as year, count(distinct a.id)::int as count
        from unnest(${`{${roots.join(',')}}`}::int[]) as r(id)
        join activities.activity_organisers ao on ao.organisation_id = r.id or (not ${own} and ao.organisation_id in (
          select h.organisation_id from hierarchy.paths h where r.id = any(h.path) and h.valid_from <= ${today}::date and (h.valid_to is null or h.valid_to > ${today}::date)))
        join activities.activities a on a.id = ao.activity_id
        where ${year}::int is null or extract(year from a.starts_on) = ${year}::int
        group by 1, 2, 3 order by 1, 3 desc, 2`,
  );
}

async function expectActivitiesRight(step: string, year: number): Promise<void> {
  for (const [y, includeDescendants] of [[year, true], [null, true], [year, false], [null, false]] as const) {
    const stats = await activityStatsOf(kit.db, roots, { year: y, includeDescendants, asOf: today });
    expect(stats, `${step}, year ${y}, descendants ${includeDescendants}`).toEqual(await statsFromTables(y, !includeDescendants));
  }
  const drift = await queryRows(
    kit.db,
    sql`with counts as (
          select ao.organisation_id, extract(year from a.starts_on)::int as year, a.kind, count(*)::int as activities
          from activities.activity_organisers ao join activities.activities a on a.id = ao.activity_id group by 1, 2, 3
        ), co as (
          select ao.activity_id, ao.organisation_id, extract(year from a.starts_on)::int as year, a.kind
          from activities.activity_organisers ao join activities.activities a on a.id = ao.activity_id
          where (select count(*) from activities.activity_organisers x where x.activity_id = ao.activity_id) > 1
        )
        (select to_jsonb(c) from (select * from activities.activity_counts except select * from counts) c)
        union all (select to_jsonb(c) from (select * from counts except select * from activities.activity_counts) c)
        union all (select to_jsonb(c) from (select * from activities.co_organisers except select * from co) c)
        union all (select to_jsonb(c) from (select * from co except select * from activities.co_organisers) c)`,
  );
  expect(drift, step).toEqual([]);
}

interface Membership {
  id: string;
  status: string;
  appliedOn: string;
  validFrom: string | null;
  withdrawalAppliedOn: string | null;
}

describe('Member counts kept by deltas', () => {
  it.each([1, 2, 3])('equal the raw tables after every step of random membership commands (seed %i)', async (seed) => {
    const { next, pick } = random(seed);
    const memberships: Membership[] = [];
    const onOrAfter = (day: string) => pick(DAYS.filter((d) => d >= day).concat(day));
    await expectMembersRight('first read');
    for (let i = 0; i < 80; i++) {
      const applied = memberships.filter((m) => m.status === 'APPLIED');
      const active = memberships.filter((m) => m.status === 'ACTIVE' && !m.withdrawalAppliedOn);
      const withdrawing = memberships.filter((m) => m.status === 'ACTIVE' && m.withdrawalAppliedOn);
      const r = next();
      let step: string;
      if (r < 0.05) {
        // A new day: the roll-up counts yesterday until the next read rebuilds it, and the writes in between add
        // yesterday's deltas.
        await kit.db.execute(sql`update people.member_counts_state set day = day - 1`);
        step = 'a new day';
      } else if (r < 0.4 || !memberships.length) {
        const on = pick(DAYS);
        const m = await membership.applyForMembership(kit.db, { personId: String(await kit.person()), organisationId: String(pick(roots.slice(3))), on }, today, ACTOR);
        memberships.push({ id: String(m.id), status: m.status, appliedOn: on, validFrom: null, withdrawalAppliedOn: null });
        step = `apply on ${on}`;
      } else if (r < 0.7 && applied.length) {
        const m = pick(applied);
        const on = onOrAfter(m.appliedOn);
        await membership.admitMember(kit.db, { membershipId: m.id, on }, ACTOR);
        Object.assign(m, { status: 'ACTIVE', validFrom: on });
        step = `admit on ${on}`;
      } else if (r < 0.85 && active.length) {
        const m = pick(active);
        const on = onOrAfter(m.validFrom!);
        await membership.applyToWithdraw(kit.db, { membershipId: m.id, on }, ACTOR);
        m.withdrawalAppliedOn = on;
        step = `apply to withdraw on ${on}`;
      } else if (withdrawing.length) {
        const m = pick(withdrawing);
        const on = onOrAfter(m.withdrawalAppliedOn!);
        await membership.confirmWithdrawal(kit.db, { membershipId: m.id, on }, ACTOR);
        m.status = 'WITHDRAWN';
        step = `withdraw on ${on}`;
      } else {
        continue;
      }
      await expectMembersRight(`seed ${seed}, step ${i}: ${step}`);
    }
  });
});

describe('Activity counts kept by deltas', () => {
  it.each([1, 2])('equal the raw tables after every step of random activities, co-organised ones among them (seed %i)', async (seed) => {
    const { next, pick } = random(seed);
    for (let i = 0; i < 25; i++) {
      const year = pick([2024, 2025, 2026]);
      const count = 1 + Math.floor(next() * 3);
      const chosen = [...new Set(Array.from({ length: count }, () => pick(organisers)))];
      const startsOn = `${year}-0${1 + Math.floor(next() * 9)}-15`;
      await recordActivity(
        kit.db,
        { kind: pick(KINDS), title: '随机活动', startsOn, endsOn: startsOn, place: null, online: false, problem: null, organiserIds: chosen.map(String) },
        ACTOR,
      );
      await expectActivitiesRight(`seed ${seed}, step ${i}: ${chosen.length} organisers on ${startsOn}`, year);
    }
  });
});
