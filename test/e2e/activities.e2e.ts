// Activities, awards, evaluations and funding through the gateway (DOMAIN.md, "Activities, awards, evaluation,
// funding"): R40.evaluation, R42.funding and the bad-input cases, every refusal checked to have changed nothing.
import { queryRows } from '@cq/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { expectRefusedIn } from '../helpers/refusal.ts';

let t: TestGraph;
let association: number; // an active enterprise association
let approver: number; // the district association that approved it
let stranger: number; // another district association
beforeAll(async () => {
  t = await startTestGraph();
  const [row] = await queryRows<{ id: number; approver: number }>(
    t.database.db,
    sql`select r.from_id as id, r.to_id as approver from org.relationships r join org.organisations o on o.id = r.from_id
        where r.kind = 'APPROVAL' and r.valid_to is null and o.kind = 'ENTERPRISE_ASSOCIATION' and o.status = 'ACTIVE' and r.to_id <> 1 order by r.from_id limit 1`,
  );
  association = row!.id;
  approver = row!.approver;
  stranger = approver === 2 ? 3 : 2;
});
afterAll(() => t?.close());

const TABLES = ['activities.activities', 'activities.activity_organisers', 'activities.participations', 'activities.awards', 'activities.evaluations', 'activities.funding_records', 'activities.financial_reports', 'activities.events'];
const refused = (query: string, variables: Record<string, unknown>, code: string, rule?: string) => expectRefusedIn(t, TABLES, query, variables, code, rule);

const RECORD = `mutation ($input: ActivityInput!) { recordActivity(input: $input) { id kind startsOn endsOn problem organisers { id kind } } }`;

describe('Activities', () => {
  it('records an activity with several organisers, a learned society among them, and its participants', async () => {
    const [society] = await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'LEARNED_SOCIETY' order by id limit 1`);
    const a = expectData(
      await t.query(RECORD, {
        input: { kind: 'TECHNICAL_PROBLEM_SOLVING', title: '电机控制算法攻关', startsOn: '2026-03-01', endsOn: '2026-09-30', problem: '低速转矩波动', organiserIds: [String(association), String(society!.id)] },
      }),
    ).recordActivity;
    expect(a).toMatchObject({ kind: 'TECHNICAL_PROBLEM_SOLVING', problem: '低速转矩波动' });
    expect(a.organisers).toEqual(expect.arrayContaining([{ id: String(association), kind: 'ENTERPRISE_ASSOCIATION' }, { id: String(society!.id), kind: 'LEARNED_SOCIETY' }]));
    const [member] = await queryRows<{ id: number }>(t.database.db, sql`select person_id as id from people.memberships where organisation_id = ${association} order by id limit 1`);
    expectData(await t.query(`mutation { addParticipant(input: {activityId: "${a.id}", personId: "${member!.id}", role: TEAM_LEADER}) { role } }`));
    await refused(`mutation { addParticipant(input: {activityId: "${a.id}", personId: "${member!.id}", role: TEAM_MEMBER}) { role } }`, {}, 'DUPLICATE');
    expectData(await t.query(`mutation { recordActivityOutcome(activityId: "${a.id}", outcome: "转矩波动降低40%") { outcome } }`));
    const d = expectData(await t.query(`{ activity(id: "${a.id}") { outcome participants { role person { id nameZh } } } person(id: "${member!.id}") { participations { activity { id } role } } }`));
    expect(d.activity).toMatchObject({ outcome: '转矩波动降低40%', participants: [{ role: 'TEAM_LEADER', person: { id: String(member!.id), nameZh: expect.any(String) } }] });
    expect(d.person.participations).toContainEqual({ activity: { id: a.id }, role: 'TEAM_LEADER' });
  });

  it('refuses an activity that ends before it starts, and one without organisers', async () => {
    await refused(RECORD, { input: { kind: 'TRAINING', title: '培训', startsOn: '2026-03-02', endsOn: '2026-03-01', organiserIds: [String(association)] } }, 'INVALID_ARGUMENT');
    await refused(RECORD, { input: { kind: 'TRAINING', title: '培训', startsOn: '2026-03-02', endsOn: '2026-03-02', organiserIds: ['999999'] } }, 'NOT_FOUND');
  });

  it('counts activities by kind for every district association including descendants, in constant SQL statements', async () => {
    const q = (n: number) => `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: ${n}) { edges { node { id activityStats(year: 2025, includeDescendants: true) { kind year count } } } } }`;
    const one = await t.countStatements(() => t.query(q(1)));
    const all = await t.countStatements(() => t.query(q(41)));
    expect(all.statements).toBe(one.statements);
    const stats = expectData(all.result).organisations.edges;
    const [expected] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(distinct a.id)::int as n from activities.activities a join activities.activity_organisers ao on ao.activity_id = a.id
          join org.hierarchy h on h.organisation_id = ao.organisation_id and h.path @> array[${stats[0].node.id}::int]
           and h.valid_from <= current_date and (h.valid_to is null or h.valid_to > current_date)
          where a.starts_on >= '2025-01-01' and a.starts_on < '2026-01-01'`,
    );
    expect(stats[0].node.activityStats.reduce((n: number, s: any) => n + s.count, 0)).toBe(expected!.n);
    expect(new Set(stats.flatMap((e: any) => e.node.activityStats.map((s: any) => s.kind))).size).toBe(8);
  });
});

describe('Awards (Art. 8, 30)', () => {
  const AWARD = `mutation ($input: AwardInput!) { recordAward(input: $input) { id kind outcome recipientPerson { id } recipientOrganisation { id } } }`;
  const OUTCOME = `mutation ($input: AwardOutcomeInput!) { setAwardOutcome(input: $input) { outcome outcomeOn } }`;

  it('R8.recommendation: a recommendation starts pending and gets an outcome; nothing else has one', async () => {
    const rec = expectData(await t.query(AWARD, { input: { kind: 'CHONGQING_AWARD_RECOMMENDATION', title: '重庆市科技进步奖推荐', organisationId: String(association), recipientPersonId: '5', decidedOn: '2026-02-01' } })).recordAward;
    expect(rec).toMatchObject({ kind: 'CHONGQING_AWARD_RECOMMENDATION', outcome: 'PENDING', recipientPerson: { id: '5' } });
    expect(expectData(await t.query(OUTCOME, { input: { awardId: rec.id, outcome: 'GRANTED', on: '2026-06-01' } })).setAwardOutcome).toEqual({ outcome: 'GRANTED', outcomeOn: '2026-06-01' });
    await refused(OUTCOME, { input: { awardId: rec.id, outcome: 'NOT_GRANTED', on: '2026-07-01' } }, 'ILLEGAL_TRANSITION');
    const patent = expectData(await t.query(AWARD, { input: { kind: 'PATENT', title: '发明专利', organisationId: String(association), recipientOrganisationId: String(association), decidedOn: '2026-02-01' } })).recordAward;
    expect(patent.outcome).toBeNull();
    await refused(OUTCOME, { input: { awardId: patent.id, outcome: 'GRANTED', on: '2026-06-01' } }, 'RULE_VIOLATION', 'R8.recommendation');
  });

  it('R30.commendation: a commendation needs the committee decision; an award goes to exactly one recipient', async () => {
    await refused(AWARD, { input: { kind: 'COMMENDATION', title: '优秀会员', organisationId: String(association), recipientPersonId: '5', decidedOn: '2026-02-01' } }, 'RULE_VIOLATION', 'R30.commendation');
    await refused(AWARD, { input: { kind: 'PATENT', title: '专利', organisationId: String(association), decidedOn: '2026-02-01' } }, 'INVALID_ARGUMENT');
    expectData(await t.query(AWARD, { input: { kind: 'COMMENDATION', title: '优秀会员', organisationId: String(association), recipientPersonId: '5', decidedOn: '2026-02-01', committeeResolutionId: '1' } }));
  });
});

describe('Annual work evaluation (Art. 40)', () => {
  const EVALUATE = `mutation ($input: EvaluationInput!) { recordEvaluation(input: $input) { year grade evaluator { id } } }`;
  const input = (evaluatorId: number, year = 2026) => ({ organisationId: String(association), year, evaluatorId: String(evaluatorId), grade: 'GOOD', evaluatedOn: '2026-12-20' });

  it('R40.evaluation: by a local association above the evaluated one', async () => {
    await refused(EVALUATE, { input: input(stranger) }, 'RULE_VIOLATION', 'R40.evaluation');
    await refused(EVALUATE, { input: input(association) }, 'RULE_VIOLATION', 'R40.evaluation');
    expect(expectData(await t.query(EVALUATE, { input: input(approver) })).recordEvaluation).toEqual({ year: 2026, grade: 'GOOD', evaluator: { id: String(approver) } });
  });

  it('R40.evaluation: one evaluation per association per year', async () => {
    await refused(EVALUATE, { input: input(1) }, 'RULE_VIOLATION', 'R40.evaluation');
    const d = expectData(await t.query(`{ organisation(id: "${association}") { evaluations { year } } }`));
    expect(d.organisation.evaluations.map((e: any) => e.year)).toContain(2026);
  });
});

describe('Funding (Art. 41-42)', () => {
  const FUND = `mutation ($input: FundingInput!) { recordFunding(input: $input) { source amount } }`;

  it('R42.funding: records income per source in exact money and totals it per year', async () => {
    const [org] = await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'PARK_ASSOCIATION' order by id limit 1`);
    const id = String(org!.id);
    expect(expectData(await t.query(FUND, { input: { organisationId: id, source: 'GRANT', amount: '0.10', receivedOn: '2030-01-05' } })).recordFunding).toEqual({ source: 'GRANT', amount: '0.10' });
    expectData(await t.query(FUND, { input: { organisationId: id, source: 'GRANT', amount: '0.20', receivedOn: '2030-06-05' } }));
    expectData(await t.query(FUND, { input: { organisationId: id, source: 'DONATION', amount: '1000000.01', receivedOn: '2030-06-05' } }));
    const d = expectData(await t.query(`{ organisation(id: "${id}") { fundingTotals(year: 2030) { year source amount } } }`));
    // 0.1 + 0.2 is 0.30 exactly: money is never floating point.
    expect(d.organisation.fundingTotals).toEqual([
      { year: 2030, source: 'GRANT', amount: '0.30' },
      { year: 2030, source: 'DONATION', amount: '1000000.01' },
    ]);
  });

  it('R42.funding: refuses a negative, zero or over-precise amount', async () => {
    for (const amount of ['-5', '0', '1.234']) {
      await refused(FUND, { input: { organisationId: String(association), source: 'OTHER', amount, receivedOn: '2026-01-05' } }, 'RULE_VIOLATION', 'R42.funding');
    }
  });

  it('keeps funding from callers who may not see it, and lets only the association’s own side record it', async () => {
    const res = await t.queryAs(null, `{ organisation(id: "${association}") { fundingTotals { amount } } }`);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const staff = { subject: 'x', role: 'DISTRICT_STAFF' as const, organisationId: stranger };
    const write = await t.queryAs(staff, FUND, { input: { organisationId: String(association), source: 'OTHER', amount: '5', receivedOn: '2026-01-05' } });
    expect(write.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
