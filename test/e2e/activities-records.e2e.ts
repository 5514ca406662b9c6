// Awards and recommendations (Art. 8, 30), annual work evaluations (Art. 40, R40.evaluation) and funding (Art.
// 41-42, R42.funding) through the gateway: each rule by its id, every refusal checked to have changed none of the
// activities subgraph's tables, every accepted change checked to have written its event, and the demo data read
// back as the database holds it.
import { queryRows } from '@cq/db';
import { todayInChina } from '@cq/domain';
import { refreshOrganisation } from '@cq/db/hierarchy-maintenance';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { districtLevelAssociation, eventsOf, expectAdded, expectRefused, TEST_ACTOR } from '../helpers/activities.ts';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
let association: number; // an active enterprise association approved by a district association before 2024
let district: number; // that district association
let stranger: number; // another district association
let person: number; // a member of `association`
beforeAll(async () => {
  t = await startTestGraph();
  ({ id: association, district } = await districtLevelAssociation(t));
  [{ id: stranger }] = (await queryRows<{ id: number }>(
    t.database.db,
    sql`select id from org.organisations where kind = 'DISTRICT_ASSOCIATION' and id <> ${district} order by id limit 1`,
  )) as [{ id: number }];
  [{ id: person }] = (await queryRows<{ id: number }>(
    t.database.db,
    sql`select person_id as id from people.memberships where organisation_id = ${association} order by id limit 1`,
  )) as [{ id: number }];
});
afterAll(() => t?.close());

const AWARD = `mutation ($input: AwardInput!) { recordAward(input: $input) { id kind title outcome outcomeOn decidedOn committeeResolutionId organisation { id } recipientPerson { id } recipientOrganisation { id } } }`;
const OUTCOME = `mutation ($input: AwardOutcomeInput!) { setAwardOutcome(input: $input) { id outcome outcomeOn } }`;
const EVALUATE = `mutation ($input: EvaluationInput!) { recordEvaluation(input: $input) { id year grade remarks evaluatedOn organisation { id } evaluator { id kind } } }`;
const FUND = `mutation ($input: FundingInput!) { recordFunding(input: $input) { id source amount amountFen receivedOn } }`;
const REPORT = `mutation ($input: FinancialReportInput!) { recordFinancialReport(input: $input) { id year reportedTo income expenditure reconciled } }`;
const SPEND = `mutation ($input: ExpenditureInput!) { recordExpenditure(input: $input) { id amount amountFen spentOn purpose organisation { id } } }`;

const awardInput = (extra: Record<string, unknown> = {}) => ({
  kind: 'PATENT',
  title: '发明专利',
  organisationId: String(association),
  recipientPersonId: String(person),
  decidedOn: '2026-02-01',
  ...extra,
});

describe('Awards and recommendations (Art. 8, 30)', () => {
  it('R8.recommendation: a recommendation starts PENDING and gets its outcome once, with an event each time', async () => {
    const rec = (
      await expectAdded(t, async () => expectData(await t.query(AWARD, { input: awardInput({ kind: 'CHONGQING_AWARD_RECOMMENDATION', title: '重庆市科技进步奖推荐' }) })), {
        'activities.awards': 1,
        'activities.events': 1,
      })
    ).recordAward;
    expect(rec).toMatchObject({ kind: 'CHONGQING_AWARD_RECOMMENDATION', outcome: 'PENDING', outcomeOn: null, organisation: { id: String(association) }, recipientPerson: { id: String(person) } });
    const set = await expectAdded(t, async () => expectData(await t.query(OUTCOME, { input: { awardId: rec.id, outcome: 'GRANTED', on: '2026-06-01' } })), { 'activities.events': 1 });
    expect(set.setAwardOutcome).toEqual({ id: rec.id, outcome: 'GRANTED', outcomeOn: '2026-06-01' });
    const error = await expectRefused(t, OUTCOME, { input: { awardId: rec.id, outcome: 'NOT_GRANTED', on: '2026-07-01' } }, 'ILLEGAL_TRANSITION');
    expect(error.message).toMatch(/is GRANTED since 2026-06-01/);
    expect(await eventsOf(t, 'Award', rec.id)).toEqual([
      { kind: 'AWARD_RECORDED', actor: TEST_ACTOR, organisationId: association, before: null, after: expect.objectContaining({ kind: 'CHONGQING_AWARD_RECOMMENDATION', outcome: 'PENDING' }) },
      { kind: 'AWARD_OUTCOME_SET', actor: TEST_ACTOR, organisationId: association, before: { outcome: 'PENDING', outcomeOn: null }, after: { outcome: 'GRANTED', outcomeOn: '2026-06-01' } },
    ]);
  });

  it('R8.recommendation: refuses an outcome on an award that was never a recommendation, naming the rule; nothing changes', async () => {
    for (const kind of ['PATENT', 'TRANSFERRED_RESULT', 'ENGINEER_QUALIFICATION', 'PROFESSIONAL_TITLE']) {
      const award = expectData(await t.query(AWARD, { input: awardInput({ kind }) })).recordAward;
      expect(award.outcome).toBeNull();
      const error = await expectRefused(t, OUTCOME, { input: { awardId: award.id, outcome: 'GRANTED', on: '2026-06-01' } }, 'RULE_VIOLATION', 'R8.recommendation');
      expect(error.message).toMatch(new RegExp(`award ${award.id} is a ${kind}`));
    }
  });

  it('refuses an outcome of PENDING, one dated before the recommendation, and an unknown award; nothing changes', async () => {
    const rec = expectData(await t.query(AWARD, { input: awardInput({ kind: 'NATIONAL_AWARD_RECOMMENDATION', decidedOn: '2026-03-01' }) })).recordAward;
    await expectRefused(t, OUTCOME, { input: { awardId: rec.id, outcome: 'PENDING', on: '2026-06-01' } }, 'INVALID_ARGUMENT');
    const error = await expectRefused(t, OUTCOME, { input: { awardId: rec.id, outcome: 'NOT_GRANTED', on: '2026-02-28' } }, 'INVALID_ARGUMENT');
    expect(error.message).toMatch(/on or after the recommendation of 2026-03-01, received 2026-02-28/);
    await expectRefused(t, OUTCOME, { input: { awardId: '999999', outcome: 'GRANTED', on: '2026-06-01' } }, 'NOT_FOUND');
  });

  it('R30.commendation: a commendation needs the committee resolution that decided it; nothing changes without one', async () => {
    const error = await expectRefused(t, AWARD, { input: awardInput({ kind: 'COMMENDATION', title: '优秀会员' }) }, 'RULE_VIOLATION', 'R30.commendation');
    expect(error.message).toMatch(/expected `committeeResolutionId`, received none/);
    // A resolution of another association's committee does not decide this one's commendation.
    const [foreign] = await queryRows<{ id: number }>(t.database.db, sql`select id from decisions.resolutions where organisation_id <> ${association} and outcome = 'PASSED' order by id limit 1`);
    await expectRefused(t, AWARD, { input: awardInput({ kind: 'COMMENDATION', title: '优秀会员', committeeResolutionId: String(foreign!.id) }) }, 'RULE_VIOLATION', 'R30.commendation');
    // A passed resolution of its own committee, voted before the award, does.
    const [own] = await queryRows<{ id: number; on: string }>(
      t.database.db,
      sql`select id, held_on::text as on from decisions.resolutions where organisation_id = ${association} and committee_kind = 'COMMITTEE' and outcome = 'PASSED' order by held_on limit 1`,
    );
    expect(own).toBeDefined();
    const ok = expectData(await t.query(AWARD, { input: awardInput({ kind: 'COMMENDATION', title: '优秀会员', committeeResolutionId: String(own!.id), decidedOn: own!.on }) })).recordAward;
    expect(ok).toMatchObject({ kind: 'COMMENDATION', outcome: null, committeeResolutionId: String(own!.id) });
  });

  it('goes to exactly one recipient, a person or an association; refuses both, neither, or an unknown association', async () => {
    await expectRefused(t, AWARD, { input: awardInput({ recipientOrganisationId: String(association) }) }, 'INVALID_ARGUMENT');
    await expectRefused(t, AWARD, { input: awardInput({ recipientPersonId: null }) }, 'INVALID_ARGUMENT');
    await expectRefused(t, AWARD, { input: awardInput({ recipientPersonId: null, recipientOrganisationId: '999999' }) }, 'NOT_FOUND');
    await expectRefused(t, AWARD, { input: awardInput({ organisationId: '999999' }) }, 'NOT_FOUND');
    await expectRefused(t, AWARD, { input: awardInput({ title: '' }) }, 'INVALID_ARGUMENT');

    // A district association recommends an association it approved: the award is the giver's and the recipient's.
    const unit = expectData(
      await t.query(AWARD, {
        input: awardInput({ kind: 'CHONGQING_AWARD_RECOMMENDATION', title: '单位推荐', organisationId: String(district), recipientPersonId: null, recipientOrganisationId: String(association), decidedOn: '2030-04-01' }),
      }),
    ).recordAward;
    expect(unit).toMatchObject({ organisation: { id: String(district) }, recipientPerson: null, recipientOrganisation: { id: String(association) } });
    const d = expectData(
      await t.query(`query ($d: ID!, $a: ID!, $p: ID!) {
        d: organisation(id: $d) { awards { id } }
        a: organisation(id: $a) { awardsReceived { id kind organisation { id kind } } }
        p: person(id: $p) { awards { id recipientPerson { id } } }
      }`, { d: String(district), a: String(association), p: String(person) }),
    );
    expect(d.d.awards[0]).toEqual({ id: unit.id }); // newest first
    expect(d.a.awardsReceived).toContainEqual({ id: unit.id, kind: 'CHONGQING_AWARD_RECOMMENDATION', organisation: { id: String(district), kind: 'DISTRICT_ASSOCIATION' } });
    expect(d.p.awards.length).toBeGreaterThan(0);
    expect(d.p.awards.every((a: any) => a.recipientPerson.id === String(person))).toBe(true);
    expect(d.p.awards.map((a: any) => a.id)).not.toContain(unit.id);
  });

  it('the demo data holds every kind of award, to persons and to associations, read through the gateway as stored', async () => {
    const givers = await queryRows<{ kind: string; organisationId: number; toPerson: boolean; toOrganisation: boolean }>(
      t.database.db,
      sql`select distinct on (kind) kind::text, organisation_id as "organisationId",
                 bool_or(recipient_person_id is not null) over (partition by kind) as "toPerson",
                 bool_or(recipient_organisation_id is not null) over (partition by kind) as "toOrganisation"
          from activities.awards order by kind, id`,
    );
    expect(givers).toHaveLength(8);
    expect(givers.some((g) => g.toOrganisation)).toBe(true);
    const q = `{ ${givers.map((g, i) => `g${i}: organisation(id: "${g.organisationId}") { awards { kind outcome committeeResolutionId } }`).join(' ')} }`;
    const d = expectData(await t.query(q));
    for (const [i, g] of givers.entries()) {
      const awards = d[`g${i}`].awards.filter((a: any) => a.kind === g.kind);
      expect(awards.length, g.kind).toBeGreaterThan(0);
      for (const a of awards) {
        if (g.kind.endsWith('RECOMMENDATION')) expect(['PENDING', 'GRANTED', 'NOT_GRANTED']).toContain(a.outcome);
        else expect(a.outcome).toBeNull();
        if (g.kind === 'COMMENDATION') expect(a.committeeResolutionId).not.toBeNull();
      }
    }
    const [outcomes] = await queryRows<{ n: number }>(t.database.db, sql`select count(distinct outcome)::int as n from activities.awards where outcome is not null`);
    expect(outcomes!.n).toBe(3);
  });
});

describe('Annual work evaluation (Art. 40)', () => {
  // The demo data evaluates 2022-2025; this year is free for the tests, evaluated today (an evaluation day may not be after today).
  const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
  const THIS_YEAR = Number(today().slice(0, 4));
  const input = (evaluatorId: number, year = THIS_YEAR, evaluatedOn = today(), organisationId = association) => ({
    organisationId: String(organisationId),
    year,
    evaluatorId: String(evaluatorId),
    grade: 'GOOD',
    remarks: '工作扎实',
    evaluatedOn,
  });

  it('R40.evaluation: by the district association that approved it (the one that guides it, Art. 3, 40), with an event', async () => {
    const e = (await expectAdded(t, async () => expectData(await t.query(EVALUATE, { input: input(district) })), { 'activities.evaluations': 1, 'activities.events': 1 })).recordEvaluation;
    expect(e).toEqual({
      id: expect.any(String),
      year: THIS_YEAR,
      grade: 'GOOD',
      remarks: '工作扎实',
      evaluatedOn: today(),
      organisation: { id: String(association) },
      evaluator: { id: String(district), kind: 'DISTRICT_ASSOCIATION' },
    });
    expect(await eventsOf(t, 'Evaluation', e.id)).toEqual([
      {
        kind: 'EVALUATED',
        actor: TEST_ACTOR,
        organisationId: association,
        before: null,
        after: { organisationId: association, year: THIS_YEAR, evaluatorId: district, grade: 'GOOD', remarks: '工作扎实', evaluatedOn: today() },
      },
    ]);
  });

  it('R40.evaluation: refuses an evaluator that does not guide the evaluated association: another district, the municipal association above its district, itself, a learned society; nothing changes', async () => {
    const error = await expectRefused(t, EVALUATE, { input: input(stranger) }, 'RULE_VIOLATION', 'R40.evaluation');
    expect(error.message).toMatch(new RegExp(`expected ${district} for organisation ${association} on ${today()}, received ${stranger}`));
    expect(error.extensions).toMatchObject({ expected: [String(district)], received: String(stranger) });
    const municipal = await expectRefused(t, EVALUATE, { input: input(1) }, 'RULE_VIOLATION', 'R40.evaluation');
    expect(municipal.message).toMatch(new RegExp(`it is above it, but does not guide it: ${district} does`));
    const self = await expectRefused(t, EVALUATE, { input: input(association) }, 'RULE_VIOLATION', 'R40.evaluation');
    expect(self.message).toMatch(/does not evaluate itself/);
    // A learned society is no local association, and not above an enterprise association either.
    const [society] = await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'LEARNED_SOCIETY' order by id limit 1`);
    await expectRefused(t, EVALUATE, { input: input(society!.id) }, 'RULE_VIOLATION', 'R40.evaluation');
  });

  it('R40.evaluation: refuses an evaluation dated after today, and of a district association; R20.active: of a workstation; nothing changes', async () => {
    const future = await expectRefused(t, EVALUATE, { input: input(district, 2030, '2031-01-15') }, 'RULE_VIOLATION', 'R40.evaluation');
    expect(future.extensions).toMatchObject({ argument: 'evaluatedOn', expected: `<= ${today()}`, received: '2031-01-15' });
    const local = await expectRefused(t, EVALUATE, { input: input(1, THIS_YEAR, today(), district) }, 'RULE_VIOLATION', 'R40.evaluation');
    expect(local.extensions).toMatchObject({ argument: 'organisationId', received: 'DISTRICT_ASSOCIATION' });
    const [station] = await queryRows<{ id: number; by: number }>(
      t.database.db,
      sql`select o.id, r.to_id as by from org.organisations o join org.relationships r on r.from_id = o.id and r.kind = 'APPROVAL' and r.valid_to is null
          where o.kind = 'WORKSTATION' and o.status = 'ACTIVE' order by o.id limit 1`,
    );
    const refused = await expectRefused(t, EVALUATE, { input: input(station!.by, THIS_YEAR, today(), station!.id) }, 'RULE_VIOLATION', 'R20.active');
    expect(refused.extensions).toMatchObject({ received: 'WORKSTATION' });
  });

  it('R40.evaluation: refuses an association above the evaluated one that is not a local association; nothing changes', async () => {
    // The organisations subgraph lets only local associations approve, so a chain with an association above another
    // is built here in SQL: it pins that R40 asks for the evaluator's kind, not only for its place in the chain.
    const [{ id: below }] = (await queryRows<{ id: number }>(
      t.database.db,
      sql`insert into org.organisations (kind, name_zh, status, established_on) values ('ENTERPRISE_ASSOCIATION', '测试下级科协', 'ACTIVE', '2020-01-01') returning id`,
    )) as [{ id: number }];
    await t.database.db.execute(sql`insert into org.relationships (kind, from_id, to_id, valid_from) values ('APPROVAL', ${below}, ${association}, '2020-01-01')`);
    await refreshOrganisation(t.database.db, below);
    const error = await expectRefused(t, EVALUATE, { input: input(association, THIS_YEAR, today(), below) }, 'RULE_VIOLATION', 'R40.evaluation');
    expect(error.message).toMatch(/above it but a ENTERPRISE_ASSOCIATION, not a local association/);
    expect(error.extensions?.expected).toEqual([String(district)]);
    expectData(await t.query(EVALUATE, { input: input(district, THIS_YEAR, today(), below) }));
  });

  it('R40.evaluation: "above it" is read on the day of the evaluation: a transferred association’s old district before the transfer, its new one after', async () => {
    // An association that moved from one district to another and is still there, and a year of its work before the
    // move that has no evaluation yet, evaluated early in the next year, still before the move. Not one of the
    // associations the other tests evaluate this year.
    const taken = [association, (await districtLevelAssociation(t, 1)).id, (await districtLevelAssociation(t, 2)).id];
    const [moved] = await queryRows<{ id: number; old: number; now: number; on: string; year: number }>(
      t.database.db,
      sql`select a.from_id as id, a.to_id as old, b.to_id as now, a.valid_to::text as on, y.year
          from org.relationships a
          join org.relationships b on b.from_id = a.from_id and b.kind = 'APPROVAL' and b.valid_from = a.valid_to and b.valid_to is null
          join org.organisations o on o.id = a.from_id and o.kind = 'ENTERPRISE_ASSOCIATION' and o.status = 'ACTIVE'
          cross join lateral generate_series(extract(year from a.valid_from)::int, extract(year from a.valid_to)::int - 1) as y(year)
          where a.kind = 'APPROVAL' and make_date(y.year + 1, 1, 10) < a.valid_to and a.from_id not in (${taken[0]}, ${taken[1]}, ${taken[2]})
            and not exists (select 1 from activities.evaluations e where e.organisation_id = a.from_id and e.year = y.year)
          order by a.from_id, y.year limit 1`,
    );
    expect(moved, 'the demo data holds a transferred association with a year to evaluate before the transfer').toBeDefined();
    const { id, old, now, on, year } = moved!;
    const early = `${year + 1}-01-10`;
    await expectRefused(t, EVALUATE, { input: input(now, year, early, id) }, 'RULE_VIOLATION', 'R40.evaluation');
    expectData(await t.query(EVALUATE, { input: input(old, year, early, id) }));
    await expectRefused(t, EVALUATE, { input: input(old, THIS_YEAR, today(), id) }, 'RULE_VIOLATION', 'R40.evaluation');
    expectData(await t.query(EVALUATE, { input: input(now, THIS_YEAR, today(), id) }));
    expect(on < today()).toBe(true);
  });

  it('R40.evaluation: refuses a second evaluation of the same association for the same year; nothing changes', async () => {
    const other = await districtLevelAssociation(t, 1);
    expectData(await t.query(EVALUATE, { input: input(other.district, THIS_YEAR, today(), other.id) }));
    const error = await expectRefused(t, EVALUATE, { input: { ...input(other.district, THIS_YEAR, today(), other.id), grade: 'EXCELLENT' } }, 'RULE_VIOLATION', 'R40.evaluation');
    expect(error.message).toMatch(new RegExp(`one evaluation per association per year: expected no evaluation of organisation ${other.id} for ${THIS_YEAR} yet`));
  });

  it('R40.evaluation: a concurrent evaluation of the same year that commits first makes this one refused with the same typed error', async () => {
    // Another writer's evaluation is inserted, uncommitted, while this request runs: on PostgreSQL the request's own
    // check does not see it yet, and the unique index refuses its insert once the other commits; on PGlite the one
    // connection makes the request wait and its own check refuses it. Either way: the same code and rule.
    const db = t.database.db;
    const other = await districtLevelAssociation(t, 2);
    let pending: ReturnType<TestGraph['query']> | undefined;
    await db.transaction(async (tx) => {
      await tx.execute(sql`insert into activities.evaluations (organisation_id, year, evaluator_id, grade, evaluated_on) values (${other.id}, ${THIS_YEAR}, ${other.district}, 'PASS', ${today()})`);
      pending = t.query(EVALUATE, { input: input(other.district, THIS_YEAR, today(), other.id) });
      if (t.database.driver === 'postgres') {
        // Wait until the request is blocked on the unique index, behind this transaction.
        for (let i = 0; i < 200; i++) {
          const [blocked] = await queryRows<{ n: number }>(
            db,
            sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query ilike '%insert into "activities"."evaluations"%'`,
          );
          if (blocked!.n > 0) break;
          await new Promise((resolve) => setTimeout(resolve, 25));
        }
      }
    });
    const res = await pending!;
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions).toMatchObject({ code: 'RULE_VIOLATION', rule: 'R40.evaluation' });
    if (t.database.driver === 'postgres') expect(res.errors![0]!.message).toMatch(/another request recorded this association's evaluation for that year first/);
    const rows = await queryRows<{ n: number; events: number }>(
      db,
      sql`select (select count(*)::int from activities.evaluations where organisation_id = ${other.id} and year = ${THIS_YEAR}) as n,
                 (select count(*)::int from activities.events where subject_type = 'Evaluation' and organisation_id = ${other.id} and after->>'year' = ${String(THIS_YEAR)}) as events`,
    );
    expect(rows[0]).toEqual({ n: 1, events: 0 });
  });

  it('refuses other bad input: a year outside 2000-2100, an evaluation dated before its year, an unknown association; nothing changes', async () => {
    await expectRefused(t, EVALUATE, { input: input(district, 1999) }, 'INVALID_ARGUMENT');
    const error = await expectRefused(t, EVALUATE, { input: input(district, 2033, '2032-12-31') }, 'INVALID_ARGUMENT');
    expect(error.message).toMatch(/`evaluatedOn` on or after 2033-01-01/);
    await expectRefused(t, EVALUATE, { input: input(999999) }, 'NOT_FOUND');
    await expectRefused(t, EVALUATE, { input: input(district, THIS_YEAR, today(), 999999) }, 'NOT_FOUND');
  });

  it('lists an association’s evaluations, newest year first, as stored: the demo data has several years', async () => {
    const [seeded] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select organisation_id as id from activities.evaluations where year < 2026 group by 1 having count(*) >= 3 order by 1 limit 1`,
    );
    const expected = await queryRows<{ year: number; grade: string; evaluator: string }>(
      t.database.db,
      sql`select year, grade::text, evaluator_id::text as evaluator from activities.evaluations where organisation_id = ${seeded!.id} order by year desc`,
    );
    const d = expectData(await t.query(`{ organisation(id: "${seeded!.id}") { evaluations { year grade evaluator { id } } } }`));
    expect(d.organisation.evaluations).toEqual(expected.map((e) => ({ year: e.year, grade: e.grade, evaluator: { id: e.evaluator } })));
  });
});

describe('Evaluation coverage (Art. 40)', () => {
  const COVERAGE = `query ($year: Int!, $districtId: ID!, $first: Int, $after: String) {
    unevaluatedAssociations(year: $year, districtId: $districtId, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id kind } } }
  }`;

  it('R40.coverage: the associations below a district due an evaluation of a year that have none, page by page with totalCount, as SQL over the tables says', async () => {
    // 2021: before the demo data's evaluations (2022-2025), so every association due has none, apart from any a test
    // above evaluated.
    const expected = await queryRows<{ id: number }>(
      t.database.db,
      sql`select h.organisation_id as id from hierarchy.paths h
          join hierarchy.organisations o on o.id = h.organisation_id and o.kind in ('ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM')
          join hierarchy.statuses s on s.organisation_id = h.organisation_id and s.status = 'ACTIVE' and s.valid_from <= '2021-12-31' and (s.valid_to is null or s.valid_to > '2021-12-31')
          where ${district} = any(h.path) and h.organisation_id <> ${district} and h.valid_from <= '2021-12-31' and (h.valid_to is null or h.valid_to > '2021-12-31')
            and not exists (select 1 from activities.evaluations e where e.organisation_id = h.organisation_id and e.year = 2021)
          order by 1`,
    );
    expect(expected.length, 'the district has associations active at the end of 2021').toBeGreaterThan(2);
    const seen: number[] = [];
    let after: string | null = null;
    for (let i = 0; i < 1000; i++) {
      const page: any = expectData(await t.query(COVERAGE, { year: 2021, districtId: String(district), first: 7, after })).unevaluatedAssociations;
      expect(page.totalCount).toBe(expected.length);
      seen.push(...page.edges.map((e: any) => Number(e.node.id)));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(expected.map((r) => r.id));
  });

  it('R40.coverage: needs a token; refuses a year not begun and a root that is no local association', async () => {
    const anonymous = await t.queryAs(null, COVERAGE, { year: 2025, districtId: String(district) });
    expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const future = await t.query(COVERAGE, { year: 2099, districtId: String(district) });
    expect(future.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'year' });
    const notLocal = await t.query(COVERAGE, { year: 2025, districtId: String(association) });
    expect(notLocal.errors?.[0]?.extensions).toMatchObject({ code: 'INVALID_ARGUMENT', argument: 'districtId' });
  });
});

describe('Funding and financial reports (Art. 41-42)', () => {
  let park: number; // a park association whose funding the tests add to
  beforeAll(async () => {
    [{ id: park }] = (await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'PARK_ASSOCIATION' order by id limit 1`)) as [{ id: number }];
  });
  const fund = (amount: string, extra: Record<string, unknown> = {}) => ({ organisationId: String(park), source: 'GRANT', amount, receivedOn: '2040-01-05', ...extra });

  it('R42.funding: records income per source in exact money, with an event, and totals it per year and source', async () => {
    const first = (await expectAdded(t, async () => expectData(await t.query(FUND, { input: fund('0.1') })), { 'activities.funding_records': 1, 'activities.events': 1 })).recordFunding;
    expect(first).toEqual({ id: expect.any(String), source: 'GRANT', amount: '0.10', amountFen: '10', receivedOn: '2040-01-05' });
    expect(await eventsOf(t, 'FundingRecord', first.id)).toEqual([
      { kind: 'FUNDING_RECORDED', actor: TEST_ACTOR, organisationId: park, before: null, after: { source: 'GRANT', amountFen: '10', receivedOn: '2040-01-05' } },
    ]);
    expectData(await t.query(FUND, { input: fund('0.20', { receivedOn: '2040-06-05' }) }));
    expectData(await t.query(FUND, { input: fund('1000000.01', { source: 'DONATION' }) }));
    expectData(await t.query(FUND, { input: fund('5', { source: 'ENTERPRISE_BUDGET', receivedOn: '2041-01-01' }) }));
    const d = expectData(await t.query(`{ organisation(id: "${park}") { y: fundingTotals(year: 2040) { year source amount amountFen } all: fundingTotals { year source amount } } }`));
    // 0.1 + 0.2 is 0.30 exactly: money is never floating point.
    expect(d.organisation.y).toEqual([
      { year: 2040, source: 'GRANT', amount: '0.30', amountFen: '30' },
      { year: 2040, source: 'DONATION', amount: '1000000.01', amountFen: '100000001' },
    ]);
    expect(d.organisation.all.slice(0, 3)).toEqual([
      { year: 2041, source: 'ENTERPRISE_BUDGET', amount: '5.00' },
      { year: 2040, source: 'GRANT', amount: '0.30' },
      { year: 2040, source: 'DONATION', amount: '1000000.01' },
    ]);
  });

  it('R42.funding: sums stay exact past the largest integer a JavaScript number holds exactly', async () => {
    const many = Array.from({ length: 10 }, (_, i) => `f${i}: recordFunding(input: {organisationId: "${park}", source: OTHER, amount: "9999999999999.99", receivedOn: "2042-03-01"}) { id }`);
    expectData(await t.query(`mutation { ${many.join(' ')} f10: recordFunding(input: {organisationId: "${park}", source: OTHER, amount: "0.01", receivedOn: "2042-03-02"}) { id } }`));
    const d = expectData(await t.query(`{ organisation(id: "${park}") { fundingTotals(year: 2042) { source amount amountFen } } }`));
    // 9,999,999,999,999,991 fen is above 2^53 and odd: a double could not hold it.
    expect(d.organisation.fundingTotals).toEqual([{ source: 'OTHER', amount: '99999999999999.91', amountFen: '9999999999999991' }]);
    expect(Number.isSafeInteger(Number(d.organisation.fundingTotals[0].amountFen))).toBe(false);
  });

  it('R42.funding: refuses a negative, zero, over-precise or malformed amount, naming the rule; nothing changes', async () => {
    for (const amount of ['-5', '-0.01', '0', '0.00', '1.234', 'abc', '1e3', '', '12,000', '99999999999999']) {
      const error = await expectRefused(t, FUND, { input: fund(amount) }, 'RULE_VIOLATION', 'R42.funding');
      expect(error.message).toContain(`received ${JSON.stringify(amount)}`);
    }
    await expectRefused(t, FUND, { input: fund('5', { organisationId: '999999' }) }, 'NOT_FOUND');
  });

  it('R42.funding: totals per year and source of a district with every association below it, as SQL over the tables', async () => {
    const d = expectData(await t.query(`{ organisation(id: "${district}") { own: fundingTotals { year source amountFen } all: fundingTotals(includeDescendants: true) { year source amount amountFen } } }`));
    const expected = await queryRows<{ year: number; source: string; fen: string }>(
      t.database.db,
      sql`select extract(year from f.received_on)::int as year, f.source::text, sum(f.amount_fen)::text as fen
          from activities.funding_records f
          where f.organisation_id = ${district} or f.organisation_id in (
            select h.organisation_id from hierarchy.paths h where ${district} = any(h.path) and h.valid_from <= ${todayInChina()}::date and (h.valid_to is null or h.valid_to > ${todayInChina()}::date))
          group by 1, f.source order by 1 desc, f.source`, // sources in the enum's order, as the API lists them
    );
    expect(expected.length).toBeGreaterThan(3);
    expect(d.organisation.all.map((r: any) => ({ year: r.year, source: r.source, fen: r.amountFen }))).toEqual(expected);
    for (const r of d.organisation.all) expect(r.amount).toBe(`${BigInt(r.amountFen) / 100n}.${String(BigInt(r.amountFen) % 100n).padStart(2, '0')}`);
    expect(d.organisation.own).toEqual([]); // the district association records no income of its own in the demo data
  });

  it('R42.funding: expenditure beside income, a year’s report stating both as the records hold them, once per audience, and the balance', async () => {
    // 2021: a year without demo records for the park.
    const income = expectData(await t.query(FUND, { input: fund('1000000.31', { receivedOn: '2021-03-01' }) })).recordFunding;
    const spent = (await expectAdded(t, async () => expectData(await t.query(SPEND, { input: { organisationId: String(park), amount: '12.5', spentOn: '2021-05-01', purpose: '科普讲座' } })), {
      'activities.expenditure_records': 1,
      'activities.events': 1,
    })).recordExpenditure;
    expect(spent).toEqual({ id: expect.any(String), amount: '12.50', amountFen: '1250', spentOn: '2021-05-01', purpose: '科普讲座', organisation: { id: String(park) } });
    expect(income.amount).toBe('1000000.31');
    const report = (extra: Record<string, unknown>) => ({ organisationId: String(park), year: 2021, reportedTo: 'CONGRESS', reportedOn: '2022-03-01', ...extra });
    const r = (await expectAdded(t, async () => expectData(await t.query(REPORT, { input: report({}) })), { 'activities.financial_reports': 1, 'activities.events': 1 })).recordFinancialReport;
    expect(r).toEqual({ id: expect.any(String), year: 2021, reportedTo: 'CONGRESS', income: '1000000.31', expenditure: '12.50', reconciled: true });
    expect(expectData(await t.query(REPORT, { input: report({ reportedTo: 'COMMITTEE', income: '1000000.31', expenditure: '12.5' }) })).recordFinancialReport).toMatchObject({ income: '1000000.31', expenditure: '12.50' });
    const second = await expectRefused(t, REPORT, { input: report({ reportedOn: '2022-04-01' }) }, 'RULE_VIOLATION', 'R42.funding');
    expect(second.extensions).toMatchObject({ existingReportId: r.id });
    const differs = await expectRefused(t, REPORT, { input: report({ year: 2020, reportedOn: '2021-03-01', income: '5' }) }, 'RULE_VIOLATION', 'R42.funding');
    expect(differs.message).toMatch(/expected `income` 0\.00 .*received 5\.00/);
    await expectRefused(t, REPORT, { input: report({ income: '-1' }) }, 'RULE_VIOLATION', 'R42.funding');
    await expectRefused(t, REPORT, { input: report({ expenditure: '0.001' }) }, 'RULE_VIOLATION', 'R42.funding');
    await expectRefused(t, REPORT, { input: report({ year: 2040, reportedOn: '2041-03-01' }) }, 'RULE_VIOLATION', 'R42.funding');
    const early = await expectRefused(t, REPORT, { input: report({ reportedOn: '2020-12-31' }) }, 'INVALID_ARGUMENT');
    expect(early.message).toMatch(/`reportedOn` on or after 2021-01-01/);
    const d = expectData(
      await t.query(`{ organisation(id: "${park}") {
        financialReports { year reportedTo income expenditure recordedIncome recordedExpenditure reconciled }
        expenditures { amount spentOn purpose }
        at: fundingBalance(asOf: "2021-12-31") { asOf income expenditure balance }
        now: fundingBalance { asOf balance }
      } }`),
    );
    expect(d.organisation.financialReports.filter((x: any) => x.year === 2021)).toEqual([
      { year: 2021, reportedTo: 'COMMITTEE', income: '1000000.31', expenditure: '12.50', recordedIncome: '1000000.31', recordedExpenditure: '12.50', reconciled: true },
      { year: 2021, reportedTo: 'CONGRESS', income: '1000000.31', expenditure: '12.50', recordedIncome: '1000000.31', recordedExpenditure: '12.50', reconciled: true },
    ]);
    expect(d.organisation.expenditures).toContainEqual({ amount: '12.50', spentOn: '2021-05-01', purpose: '科普讲座' });
    expect(d.organisation.at).toEqual({ asOf: '2021-12-31', income: '1000000.31', expenditure: '12.50', balance: '999987.81' });
    const [sums] = await queryRows<{ income: string; spent: string }>(
      t.database.db,
      sql`select (select coalesce(sum(amount_fen), 0)::text from activities.funding_records where organisation_id = ${park} and received_on <= ${d.organisation.now.asOf}::date) as income,
                 (select coalesce(sum(amount_fen), 0)::text from activities.expenditure_records where organisation_id = ${park} and spent_on <= ${d.organisation.now.asOf}::date) as spent`,
    );
    const fen = BigInt(sums!.income) - BigInt(sums!.spent);
    expect(d.organisation.now.balance).toBe(`${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`);
  });

  it('the demo data holds income by every source for several years, and reports of them, read through the gateway as stored', async () => {
    const [org] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select organisation_id as id from activities.funding_records group by 1 having count(distinct source) = 4 order by 1 limit 1`,
    );
    const d = expectData(await t.query(`{ organisation(id: "${org!.id}") { fundingTotals { year source amountFen } funding { amountFen } financialReports { year income } } }`));
    const years = new Set(d.organisation.fundingTotals.map((f: any) => f.year));
    expect(years.size).toBeGreaterThanOrEqual(3);
    expect(new Set(d.organisation.fundingTotals.map((f: any) => f.source)).size).toBe(4);
    const total = d.organisation.funding.reduce((n: bigint, f: any) => n + BigInt(f.amountFen), 0n);
    expect(d.organisation.fundingTotals.reduce((n: bigint, f: any) => n + BigInt(f.amountFen), 0n)).toBe(total);
    expect(d.organisation.financialReports.length).toBeGreaterThanOrEqual(2);
  });

  it('keeps funding from callers who may not see it, and lets only the association’s own side record it', async () => {
    const res = await t.queryAs(null, `{ organisation(id: "${association}") { fundingTotals { amount } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const staff = { subject: 'x', role: 'DISTRICT_STAFF' as const, organisationId: stranger };
    const write = await t.queryAs(staff, FUND, { input: { organisationId: String(association), source: 'OTHER', amount: '5', receivedOn: '2026-01-05' } });
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const own = { subject: 'y', role: 'DISTRICT_STAFF' as const, organisationId: district };
    expectData(await t.queryAs(own, FUND, { input: { organisationId: String(association), source: 'OTHER', amount: '5', receivedOn: '2026-01-05' } }));
  });
});
