// Activities through the gateway (DOMAIN.md, "Activities, awards, evaluation, funding"; Art. 5-12): recording them
// with their organisers, participants and outcomes, R5-12.dates and the other bad input (every refusal checked to
// have changed nothing), pages of an organisation's activities, and the roll-ups over the hierarchy read model,
// checked against SQL run on the database directly and counted in SQL statements.
import { queryRows } from '@cq/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTIVITY_TABLES, districtLevelAssociation, eventsOf, expectAdded, expectRefused, rollUpRowsAdded, TEST_ACTOR } from '../helpers/activities.ts';
import { snapshot } from '../helpers/refusal.ts';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
let association: number; // an active enterprise association approved by a district association
let district: number; // that district association
let society: number; // a learned society
let member: number; // an active member of `association`
beforeAll(async () => {
  t = await startTestGraph();
  ({ id: association, district } = await districtLevelAssociation(t));
  [{ id: society }] = (await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'LEARNED_SOCIETY' order by id limit 1`)) as [{ id: number }];
  [{ id: member }] = (await queryRows<{ id: number }>(
    t.database.db,
    sql`select person_id as id from people.memberships where organisation_id = ${association} and status = 'ACTIVE' order by id limit 1`,
  )) as [{ id: number }];
});
afterAll(() => t?.close());

const KINDS = ['POLITICAL_GUIDANCE', 'ACADEMIC_EXCHANGE', 'TECHNICAL_PROBLEM_SOLVING', 'TRAINING', 'SCIENCE_POPULARISATION', 'THINK_TANK', 'CULTURE_AND_INTEGRITY', 'OTHER'];
const RECORD = `mutation ($input: ActivityInput!) { recordActivity(input: $input) { id kind title startsOn endsOn place online problem outcome organisers { id kind } } }`;
const PARTICIPANT = `mutation ($input: ParticipantInput!) { addParticipant(input: $input) { role person { id } activity { id } } }`;
const OUTCOME = `mutation ($id: ID!, $outcome: String!) { recordActivityOutcome(activityId: $id, outcome: $outcome) { id outcome } }`;

const activityInput = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  kind: 'TRAINING',
  title: '创新方法培训',
  startsOn: '2026-03-02',
  endsOn: '2026-03-02',
  organiserIds: [String(association)],
  ...extra,
});

describe('Recording activities (Art. 5-12)', () => {
  it('records a technical problem-solving project with several organisers, a learned society among them, its team and its outcome, each with an event', async () => {
    const input = activityInput({
      kind: 'TECHNICAL_PROBLEM_SOLVING',
      title: '电机控制算法攻关',
      startsOn: '2026-03-01',
      endsOn: '2026-09-30',
      place: '重庆市沙坪坝区',
      problem: '低速转矩波动',
      organiserIds: [String(society), String(association)],
    });
    const a = (
      await expectAdded(t, async () => expectData(await t.query(RECORD, { input })), {
        'activities.activities': 1,
        'activities.activity_organisers': 2,
        'activities.events': 1,
        ...(await rollUpRowsAdded(t.database.db, [society, association], '2026-03-01', 'TECHNICAL_PROBLEM_SOLVING')),
      })
    ).recordActivity;
    expect(a).toEqual({
      id: expect.any(String),
      kind: 'TECHNICAL_PROBLEM_SOLVING',
      title: '电机控制算法攻关',
      startsOn: '2026-03-01',
      endsOn: '2026-09-30',
      place: '重庆市沙坪坝区',
      online: false,
      problem: '低速转矩波动',
      outcome: null,
      // Ordered by id, whatever order they were given in; the gateway fills in the kind from the organisations subgraph.
      organisers: [String(association), String(society)].sort((x, y) => Number(x) - Number(y)).map((id) => ({ id, kind: id === String(society) ? 'LEARNED_SOCIETY' : 'ENTERPRISE_ASSOCIATION' })),
    });

    const [colleague] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select person_id as id from people.memberships where organisation_id = ${association} and person_id <> ${member} order by id limit 1`,
    );
    const team = [
      { personId: String(member), role: 'TEAM_LEADER' },
      { personId: String(colleague!.id), role: 'TEAM_MEMBER' },
    ];
    for (const p of team) {
      const added = await expectAdded(t, async () => expectData(await t.query(PARTICIPANT, { input: { activityId: a.id, ...p } })), {
        'activities.participations': 1,
        'activities.events': 1,
      });
      expect(added.addParticipant).toEqual({ role: p.role, person: { id: p.personId }, activity: { id: a.id } });
    }
    await expectAdded(t, async () => expectData(await t.query(OUTCOME, { id: a.id, outcome: '转矩波动降低40%' })), { 'activities.events': 1 });

    const d = expectData(
      await t.query(`query ($id: ID!, $p: ID!) { activity(id: $id) { outcome participants { role person { id nameZh } } } person(id: $p) { participations { activity { id } role } } }`, {
        id: a.id,
        p: String(member),
      }),
    );
    expect(d.activity.outcome).toBe('转矩波动降低40%');
    expect(d.activity.participants.map((p: any) => ({ personId: p.person.id, role: p.role }))).toEqual(team.sort((x, y) => Number(x.personId) - Number(y.personId)));
    expect(d.activity.participants.every((p: any) => typeof p.person.nameZh === 'string')).toBe(true);
    expect(d.person.participations).toContainEqual({ activity: { id: a.id }, role: 'TEAM_LEADER' });

    expect(await eventsOf(t, 'Activity', a.id)).toEqual([
      {
        kind: 'ACTIVITY_RECORDED',
        actor: TEST_ACTOR,
        organisationId: Math.min(association, society),
        before: null,
        after: expect.objectContaining({ kind: 'TECHNICAL_PROBLEM_SOLVING', problem: '低速转矩波动', organiserIds: [society, association] }),
      },
      { kind: 'PARTICIPANT_ADDED', actor: TEST_ACTOR, organisationId: Math.min(association, society), before: null, after: { personId: member, role: 'TEAM_LEADER' } },
      { kind: 'PARTICIPANT_ADDED', actor: TEST_ACTOR, organisationId: Math.min(association, society), before: null, after: { personId: colleague!.id, role: 'TEAM_MEMBER' } },
      { kind: 'OUTCOME_RECORDED', actor: TEST_ACTOR, organisationId: Math.min(association, society), before: { outcome: null }, after: { outcome: '转矩波动降低40%' } },
    ]);
  });

  it('records an activity of every kind, online or in a place, one day long or more', async () => {
    for (const [i, kind] of KINDS.entries()) {
      const input = activityInput({
        kind,
        title: `活动${i}`,
        startsOn: '2026-04-01',
        endsOn: i % 2 ? '2026-04-01' : '2026-04-03',
        online: i % 3 === 0,
        place: i % 3 === 0 ? null : '重庆市',
        problem: kind === 'TECHNICAL_PROBLEM_SOLVING' ? '工艺难题' : null,
      });
      const a = expectData(await t.query(RECORD, { input })).recordActivity;
      expect(a).toMatchObject({ kind, startsOn: '2026-04-01', endsOn: input.endsOn, online: i % 3 === 0, place: input.place });
    }
  });

  it('R5-12.dates: refuses an activity that ends before it starts, naming the rule; nothing changes', async () => {
    const error = await expectRefused(t, RECORD, { input: activityInput({ startsOn: '2026-03-02', endsOn: '2026-03-01' }) }, 'RULE_VIOLATION', 'R5-12.dates');
    expect(error.message).toMatch(/expected `endsOn` on or after 2026-03-02, received 2026-03-01/);
    expect(error.extensions).toMatchObject({ argument: 'endsOn', received: '2026-03-01' });
  });

  it('refuses other bad input with a typed error; nothing changes', async () => {
    const cases: [string, Record<string, unknown>, string, RegExp][] = [
      ['no organisers', { organiserIds: [] }, 'INVALID_ARGUMENT', /at least one organiser/],
      ['an unknown organiser', { organiserIds: [String(association), '999999'] }, 'NOT_FOUND', /No Organisation has id "999999"/],
      ['a malformed organiser id', { organiserIds: [String(association), 'abc'] }, 'INVALID_ID', /received "abc"/],
      ['an empty title', { title: '  ' }, 'INVALID_ARGUMENT', /`title` to be text of 1 to 500 characters/],
      ['a technical problem-solving project without its problem', { kind: 'TECHNICAL_PROBLEM_SOLVING' }, 'INVALID_ARGUMENT', /Expected `problem`/],
      ['a problem on another kind', { kind: 'TRAINING', problem: '难题' }, 'INVALID_ARGUMENT', /Expected no `problem` for a TRAINING activity/],
      ['an impossible date', { startsOn: '2026-02-30' }, 'INVALID_DATE', /received "2026-02-30"/],
    ];
    for (const [what, extra, code, message] of cases) {
      const error = await expectRefused(t, RECORD, { input: activityInput(extra) }, code);
      expect(error.message, what).toMatch(message);
    }
  });

  it('refuses a second participation of the same person, and changes of an unknown activity; nothing changes', async () => {
    const a = expectData(await t.query(RECORD, { input: activityInput() })).recordActivity;
    expectData(await t.query(PARTICIPANT, { input: { activityId: a.id, personId: String(member), role: 'TRAINEE' } }));
    const error = await expectRefused(t, PARTICIPANT, { input: { activityId: a.id, personId: String(member), role: 'SPEAKER' } }, 'DUPLICATE');
    expect(error.message).toMatch(/they do, as TRAINEE/);
    await expectRefused(t, PARTICIPANT, { input: { activityId: '999999', personId: String(member), role: 'SPEAKER' } }, 'NOT_FOUND');
    await expectRefused(t, OUTCOME, { id: '999999', outcome: '成果' }, 'NOT_FOUND');
    await expectRefused(t, OUTCOME, { id: a.id, outcome: ' ' }, 'INVALID_ARGUMENT');
  });
});

describe('Co-organisers', () => {
  it('refuses an activity that names a co-organiser the caller may not act for, and changes nothing; its own alone is fine', async () => {
    const secretariat = { subject: 'test.secretariat', role: 'SECRETARIAT' as const, organisationId: association };
    const before = await snapshot(t.database.db, ACTIVITY_TABLES);
    for (const organiserIds of [[association, society], [society, association]]) {
      const res = await t.queryAs(secretariat, RECORD, { input: activityInput({ organiserIds: organiserIds.map(String) }) });
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      expect(res.errors?.[0]?.extensions?.organisationId).toBe(String(society));
    }
    expect(await snapshot(t.database.db, ACTIVITY_TABLES)).toEqual(before);
    expectData(await t.queryAs(secretariat, RECORD, { input: activityInput({ title: '本会独办培训' }) }));
  });
});

describe('Who took part (personal data)', () => {
  it('shows an activity’s participants only to callers who may see its lead organiser in full; the activity itself is public', async () => {
    const a = expectData(await t.query(RECORD, { input: activityInput({ title: '知识产权培训' }) })).recordActivity;
    expectData(await t.query(PARTICIPANT, { input: { activityId: a.id, personId: String(member), role: 'SPEAKER' } }));
    const q = `{ activity(id: "${a.id}") { title participants { role person { id } } } }`;
    const who = (role: 'SECRETARIAT' | 'DISTRICT_STAFF' | 'ANALYST', organisationId: number | null) => ({ subject: `test.${role}`, role, organisationId });
    const seen = [{ role: 'SPEAKER', person: { id: String(member) } }];
    expect(expectData(await t.queryAs(who('SECRETARIAT', association), q)).activity).toEqual({ title: '知识产权培训', participants: seen });
    expect(expectData(await t.queryAs(who('DISTRICT_STAFF', district), q)).activity.participants).toEqual(seen);
    for (const caller of [null, who('ANALYST', null), who('SECRETARIAT', society)]) {
      expect(expectData(await t.queryAs(caller, q)).activity).toEqual({ title: '知识产权培训', participants: [] });
    }
  });

  it('lists a person’s participations newest activity first', async () => {
    const [busy] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select person_id as id from activities.participations group by 1 having count(*) >= 3 order by count(*) desc, 1 limit 1`,
    );
    const expected = await queryRows<{ id: string }>(
      t.database.db,
      sql`select a.id::text from activities.participations p join activities.activities a on a.id = p.activity_id
          where p.person_id = ${busy!.id} order by a.starts_on desc, a.id desc`,
    );
    const d = expectData(await t.query(`{ person(id: "${busy!.id}") { participations { activity { id } } } }`));
    expect(d.person.participations.map((p: any) => p.activity.id)).toEqual(expected.map((r) => r.id));
  });
});

describe('The demo data', () => {
  it('holds activities of every kind, each kind found through the gateway as in the database', async () => {
    const q = `{ ${KINDS.map((k) => `${k}: activities(filter: {kinds: [${k}]}, first: 1) { totalCount edges { node { kind organisers { id } } } }`).join(' ')} }`;
    const d = expectData(await t.query(q));
    const counts = await queryRows<{ kind: string; n: number }>(t.database.db, sql`select kind::text, count(*)::int as n from activities.activities group by 1`);
    for (const { kind, n } of counts) {
      expect(n).toBeGreaterThan(0);
      expect(d[kind].totalCount, kind).toBe(n);
      expect(d[kind].edges[0].node.kind).toBe(kind);
      expect(d[kind].edges[0].node.organisers.length).toBeGreaterThan(0);
    }
    expect(counts.map((c) => c.kind).sort()).toEqual([...KINDS].sort());
  });
});

describe('Pages of activities', () => {
  let busiest: number; // the organisation that organised the most activities
  beforeAll(async () => {
    [{ id: busiest }] = (await queryRows<{ id: number }>(
      t.database.db,
      sql`select organisation_id as id from activities.activity_organisers group by 1 order by count(*) desc, 1 limit 1`,
    )) as [{ id: number }];
  });

  /** Follows `endCursor` from the first page to the last, checking each page's size and the total count. */
  async function walk(query: string, variables: Record<string, unknown>, pick: (data: any) => any, size: number): Promise<string[]> {
    const ids: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1000; pages++) {
      const connection = pick(expectData(await t.query(query, { ...variables, first: size, after })));
      ids.push(...connection.edges.map((e: any) => e.node.id));
      expect(connection.edges.length).toBeLessThanOrEqual(size);
      if (!connection.pageInfo.hasNextPage) {
        expect(connection.totalCount).toBe(ids.length);
        return ids;
      }
      expect(connection.edges.length).toBe(size);
      after = connection.pageInfo.endCursor;
    }
    throw new Error('Expected the pages to end');
  }

  const ORGANISATION = `query ($id: ID!, $filter: ActivityFilter, $first: Int, $after: String) {
    organisation(id: $id) { activities(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } } } }`;

  it('walks an organisation’s activities newest first, page by page, as the database orders them', async () => {
    const expected = await queryRows<{ id: number }>(
      t.database.db,
      sql`select a.id from activities.activities a join activities.activity_organisers ao on ao.activity_id = a.id
          where ao.organisation_id = ${busiest} order by a.starts_on desc, a.id desc`,
    );
    expect(expected.length).toBeGreaterThan(3);
    const ids = await walk(ORGANISATION, { id: String(busiest) }, (d) => d.organisation.activities, 3);
    expect(ids).toEqual(expected.map((r) => String(r.id)));
  });

  it('filters an organisation’s activities by kind and dates', async () => {
    const filter = { kinds: ['TRAINING', 'ACADEMIC_EXCHANGE', 'SCIENCE_POPULARISATION'], from: '2022-06-01', to: '2025-06-30' };
    const expected = await queryRows<{ id: number }>(
      t.database.db,
      sql`select a.id from activities.activities a join activities.activity_organisers ao on ao.activity_id = a.id
          where ao.organisation_id = ${district} and a.kind in ('TRAINING', 'ACADEMIC_EXCHANGE', 'SCIENCE_POPULARISATION')
            and a.ends_on >= '2022-06-01' and a.starts_on <= '2025-06-30'
          order by a.starts_on desc, a.id desc`,
    );
    const ids = await walk(ORGANISATION, { id: String(district), filter }, (d) => d.organisation.activities, 2);
    expect(ids).toEqual(expected.map((r) => String(r.id)));
  });

  it('walks every activity of a kind and period through the root list', async () => {
    const filter = { kinds: ['THINK_TANK'], from: '2024-01-01', to: '2024-12-31' };
    const expected = await queryRows<{ id: number }>(
      t.database.db,
      sql`select id from activities.activities where kind = 'THINK_TANK' and ends_on >= '2024-01-01' and starts_on <= '2024-12-31' order by starts_on desc, id desc`,
    );
    expect(expected.length).toBeGreaterThan(1);
    const ids = await walk(`query ($filter: ActivityFilter, $first: Int, $after: String) { activities(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }`, { filter }, (d) => d.activities, 4);
    expect(ids).toEqual(expected.map((r) => String(r.id)));
  });

  it('refuses a page size outside 0-100 and a cursor of another list', async () => {
    const res = await t.query(`{ organisation(id: "${busiest}") { activities(first: 101) { totalCount } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_PAGE_SIZE');
    const cursor = Buffer.from(JSON.stringify([5])).toString('base64url');
    const bad = await t.query(`{ organisation(id: "${busiest}") { activities(after: "${cursor}") { totalCount } } }`);
    expect(bad.errors?.[0]?.extensions?.code).toBe('INVALID_CURSOR');
  });
});

describe('Activity counts by kind and year (roll-ups over the hierarchy read model)', () => {
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

  /** The counts straight from the tables: per root, kind and start year, each activity once per root. */
  async function expectedStats(roots: number[], year: number | null, includeDescendants: boolean, asOf = today()) {
    const rows = await queryRows<{ root: number; kind: string; year: number; count: number }>(
      t.database.db,
      sql`with scope as (
            select r.id as root, r.id as organisation_id from unnest(${`{${roots.join(',')}}`}::int[]) as r(id)
            union
            select r.id, h.organisation_id from unnest(${`{${roots.join(',')}}`}::int[]) as r(id)
            join hierarchy.paths h on ${includeDescendants} and r.id = any(h.path) and h.valid_from <= ${asOf}::date and (h.valid_to is null or h.valid_to > ${asOf}::date)
          )
          select s.root, a.kind::text, extract(year from a.starts_on)::int as year, count(distinct a.id)::int as count
          from scope s join activities.activity_organisers ao on ao.organisation_id = s.organisation_id join activities.activities a on a.id = ao.activity_id
          where ${year}::int is null or extract(year from a.starts_on) = ${year}::int
          group by 1, 2, 3`,
    );
    const byRoot = new Map<number, { kind: string; year: number; count: number }[]>(roots.map((r) => [r, []]));
    for (const { root, ...rest } of rows) byRoot.get(root)!.push(rest);
    return byRoot;
  }

  const sorted = (stats: { kind: string; year: number; count: number }[]) =>
    [...stats].sort((a, b) => b.year - a.year || KINDS.indexOf(a.kind) - KINDS.indexOf(b.kind));

  it('counts every district association’s activities for a year, with every descendant association, as SQL over the tables does', async () => {
    const d = expectData(
      await t.query(`{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 41) { edges { node { id activityStats(year: 2025, includeDescendants: true) { kind year count } } } } }`),
    );
    const nodes = d.organisations.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(41);
    const expected = await expectedStats(nodes.map((n: any) => Number(n.id)), 2025, true);
    for (const node of nodes) expect(node.activityStats, `district ${node.id}`).toEqual(sorted(expected.get(Number(node.id))!));
    // Every kind occurs somewhere, and descendants add to what the districts organised themselves.
    expect(new Set(nodes.flatMap((n: any) => n.activityStats.map((s: any) => s.kind))).size).toBe(8);
    const own = await expectedStats(nodes.map((n: any) => Number(n.id)), 2025, false);
    const total = (m: Map<number, { count: number }[]>) => [...m.values()].flat().reduce((n, s) => n + s.count, 0);
    expect(total(expected)).toBeGreaterThan(total(own));
  });

  it('counts an organisation’s own activities for every year, newest year first, and the whole network’s from the municipal association', async () => {
    const d = expectData(
      await t.query(`query ($a: ID!, $d: ID!) {
        a: organisation(id: $a) { activityStats { kind year count } }
        d: organisation(id: $d) { own: activityStats(year: 2024) { kind year count } all: activityStats(includeDescendants: true) { kind year count } }
        m: organisation(id: "1") { activityStats(year: 2023, includeDescendants: true) { kind year count } }
      }`, { a: String(district), d: String(district) }),
    );
    expect(d.a.activityStats).toEqual(sorted((await expectedStats([district], null, false)).get(district)!));
    expect(d.d.own).toEqual(sorted((await expectedStats([district], 2024, false)).get(district)!));
    expect(d.d.all).toEqual(sorted((await expectedStats([district], null, true)).get(district)!));
    // Every organiser of the demo data is below the municipal association today.
    const [network] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from activities.activities where extract(year from starts_on) = 2023`);
    expect(d.m.activityStats.reduce((n: number, s: any) => n + s.count, 0)).toBe(network!.n);
  });

  it('counts an activity that several associations below a district co-organised once for the district', async () => {
    const { id: other } = await districtLevelAssociationUnder(district, association);
    const stats = async () =>
      expectData(await t.query(`{ organisation(id: "${district}") { activityStats(year: 2031, includeDescendants: true) { kind count } } }`)).organisation.activityStats;
    expect(await stats()).toEqual([]);
    expectData(await t.query(RECORD, { input: activityInput({ kind: 'THINK_TANK', startsOn: '2031-05-01', endsOn: '2031-05-01', organiserIds: [String(association), String(other), String(district)] }) }));
    expect(await stats()).toEqual([{ kind: 'THINK_TANK', count: 1 }]);
  });

  it('reads the structure as of a day: a transferred association counts for its old district before the transfer and its new one after', async () => {
    const [transfer] = await queryRows<{ id: number; old: number; new: number; on: string }>(
      t.database.db,
      sql`select a.from_id as id, a.to_id as old, b.to_id as new, a.valid_to::text as on from org.relationships a
          join org.relationships b on b.from_id = a.from_id and b.kind = 'APPROVAL' and b.valid_from = a.valid_to
          where a.kind = 'APPROVAL' and exists (select 1 from activities.activity_organisers ao where ao.organisation_id = a.from_id)
          order by a.from_id limit 1`,
    );
    expect(transfer, 'the demo data holds a transfer of an association that organised activities').toBeDefined();
    const { id, old, new: now, on } = transfer!;
    const before = new Date(Date.parse(`${on}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10); // the day before the transfer
    const q = `query ($old: ID!, $now: ID!, $before: Date!, $after: Date!) {
      oldBefore: organisation(id: $old) { activityStats(includeDescendants: true, asOf: $before) { kind year count } }
      oldAfter: organisation(id: $old) { activityStats(includeDescendants: true, asOf: $after) { kind year count } }
      nowBefore: organisation(id: $now) { activityStats(includeDescendants: true, asOf: $before) { kind year count } }
      nowAfter: organisation(id: $now) { activityStats(includeDescendants: true, asOf: $after) { kind year count } }
    }`;
    const d = expectData(await t.query(q, { old: String(old), now: String(now), before, after: on }));
    expect(d.oldBefore.activityStats).toEqual(sorted((await expectedStats([old], null, true, before)).get(old)!));
    expect(d.oldAfter.activityStats).toEqual(sorted((await expectedStats([old], null, true, on)).get(old)!));
    expect(d.nowBefore.activityStats).toEqual(sorted((await expectedStats([now], null, true, before)).get(now)!));
    expect(d.nowAfter.activityStats).toEqual(sorted((await expectedStats([now], null, true, on)).get(now)!));
    const [own] = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from activities.activity_organisers where organisation_id = ${id}`);
    const sum = (stats: { count: number }[]) => stats.reduce((n, s) => n + s.count, 0);
    // The association's activities moved with it (shared ones with other associations of a district count once).
    expect(sum(d.oldBefore.activityStats) - sum(d.oldAfter.activityStats)).toBeGreaterThan(0);
    expect(sum(d.oldBefore.activityStats) - sum(d.oldAfter.activityStats)).toBeLessThanOrEqual(own!.n);
  });

  it('refuses a year outside the calendar', async () => {
    const res = await t.query(`{ organisation(id: "${district}") { activityStats(year: 0) { count } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('INVALID_ARGUMENT');
  });

  async function districtLevelAssociationUnder(parent: number, not: number): Promise<{ id: number }> {
    const [row] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select r.from_id as id from org.relationships r where r.kind = 'APPROVAL' and r.valid_to is null and r.to_id = ${parent} and r.from_id <> ${not} order by 1 limit 1`,
    );
    if (!row) throw new Error(`Expected a second association under ${parent}`);
    return row;
  }
});

describe('SQL statements of the roll-ups', () => {
  const dashboard = (n: number, field: string) => `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: ${n}) { edges { node { id ${field} } } } }`;

  it('activity counts by kind for every district association including descendants, for one year: the same few statements for 1 district and for 41', async () => {
    const field = 'activityStats(year: 2025, includeDescendants: true) { kind count }';
    const one = await t.countStatements(() => t.query(dashboard(1, field)));
    const all = await t.countStatements(() => t.query(dashboard(41, field)));
    expect(expectData(all.result).organisations.edges).toHaveLength(41);
    expect(expectData(one.result).organisations.edges).toHaveLength(1);
    // The district list (organisations subgraph), then one statement for every district's counts (activities subgraph).
    expect(all.statements).toBe(one.statements);
    expect(all.statements).toBe(2);
  });

  it('income totals by year and source for every district association including descendants: the same, whatever the number of districts', async () => {
    const field = 'fundingTotals(year: 2024, includeDescendants: true) { source amount }';
    const one = await t.countStatements(() => t.query(dashboard(1, field)));
    const all = await t.countStatements(() => t.query(dashboard(41, field)));
    expectData(all.result);
    expect(all.statements).toBe(one.statements);
    expect(all.statements).toBe(2);
  });

  it('pages of many associations’ activities with their participants, organisers and counts: constant in the number of associations', async () => {
    const q = (n: number) => `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION], statuses: [ACTIVE]}, first: ${n}) { edges { node { id
      activities(first: 5, filter: {from: "2021-01-01"}) { totalCount edges { node { title participants { role } organisers { id } } } } } } } }`;
    const few = await t.countStatements(() => t.query(q(3)));
    const all = await t.countStatements(() => t.query(q(60)));
    // Both answers hold activities with participants, so every field is resolved in both.
    for (const { result } of [few, all]) expect(JSON.stringify(expectData(result))).toMatch(/"role"/);
    // The association list, then the pages, their counts, the participants and the organisers: one statement each.
    expect(all.statements).toBe(few.statements);
    expect(all.statements).toBe(5);
  });
});
