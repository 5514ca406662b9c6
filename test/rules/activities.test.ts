// The activities subgraph's rules (R5-12.dates, R8.recommendation, R30.commendation, R40.evaluation, R42.funding),
// checked on its commands called directly, without HTTP or the gateway, over a fresh database from the rules test
// kit. Every rule has accepted cases (which add their rows and one event each) and refused ones (which name the
// rule and change none of the subgraph's tables). The same behaviour as test/e2e/activities*.e2e.ts, only faster.
import { recordActivity } from '@cq/activities/commands/activities';
import { recordAward, setAwardOutcome } from '@cq/activities/commands/awards';
import { recordEvaluation } from '@cq/activities/commands/evaluations';
import { recordFinancialReport, recordFunding } from '@cq/activities/commands/funding';
import { queryRows } from '@cq/db';
import { transferAffiliation } from '@cq/organisations/commands/structure';
import { appointToPost, createCommittee, recordMeeting, recordResolution } from '@cq/people/commands/leadership';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectRowsAdded, OWNER_TABLES } from '../helpers/refusal.ts';
import { ACTOR, openKit, type Kit } from '../kit/index.ts';

let kit: Kit;
beforeAll(async () => {
  kit = await openKit();
});
afterAll(() => kit?.close());

type ActivityInput = Parameters<typeof recordActivity>[1];
type AwardInput = Parameters<typeof recordAward>[1];
type EvaluationInput = Parameters<typeof recordEvaluation>[1];
type FundingInput = Parameters<typeof recordFunding>[1];
type ReportInput = Parameters<typeof recordFinancialReport>[1];

// ---- local helpers

/** Runs a command that must be accepted and checks that it added exactly `added` rows to the subgraph's tables. */
const expectAdded = <T>(change: () => Promise<T>, added: Record<string, number>): Promise<T> => expectRowsAdded(kit.db, OWNER_TABLES.activities, change, added);

/** The events of one subject, oldest first. */
const eventsOf = (subjectType: string, subjectId: number) =>
  queryRows<{ kind: string; actor: string; organisationId: number | null; before: unknown; after: unknown }>(
    kit.db,
    sql`select kind, actor, organisation_id as "organisationId", before, after from activities.events
        where subject_type = ${subjectType} and subject_id = ${subjectId} order by id`,
  );

/** An enterprise association approved by the district association of `districtCode` on 2020-01-06, and a member. */
async function association(districtCode = '500106') {
  const id = await kit.association({ districtCode });
  const person = await kit.person();
  await kit.member(person, id);
  return { id, district: kit.districtId(districtCode), person };
}

/** A resolution of the association's committee, voted at a meeting that `personId`, a committee member, attended. */
async function committeeResolution(organisationId: number, personId: number, on = '2026-01-15'): Promise<number> {
  const committee = await createCommittee(kit.db, { organisationId: String(organisationId), kind: 'COMMITTEE', name: '第一届委员会', termStart: '2025-01-01', termEnd: null, congressId: null }, ACTOR);
  await appointToPost(
    kit.db,
    { organisationId: String(organisationId), committeeId: String(committee.id), personId: String(personId), role: 'COMMITTEE_MEMBER', validFrom: '2025-01-01', validTo: null, nominatedBy: null },
    ACTOR,
  );
  const meeting = await recordMeeting(kit.db, { committeeId: String(committee.id), heldOn: on, attendeeIds: [String(personId)], convenedById: null }, ACTOR);
  const resolution = await recordResolution(kit.db, { meetingId: String(meeting.id), title: '表彰优秀会员的决定', votesFor: 1, votesAgainst: 0, votesAbstaining: 0 }, ACTOR);
  return resolution.id;
}

const activity = (organiserIds: number[], extra: Partial<ActivityInput> = {}): ActivityInput => ({
  kind: 'TRAINING',
  title: '创新方法培训',
  startsOn: '2026-03-02',
  endsOn: '2026-03-02',
  place: null,
  online: false,
  problem: null,
  organiserIds: organiserIds.map(String),
  ...extra,
});

const award = (organisationId: number, personId: number, extra: Partial<AwardInput> = {}): AwardInput => ({
  kind: 'PATENT',
  title: '发明专利',
  organisationId: String(organisationId),
  recipientPersonId: String(personId),
  recipientOrganisationId: null,
  decidedOn: '2026-02-01',
  committeeResolutionId: null,
  ...extra,
});

const evaluation = (organisationId: number, evaluatorId: number, year: number, evaluatedOn = `${year}-12-20`): EvaluationInput => ({
  organisationId: String(organisationId),
  year,
  evaluatorId: String(evaluatorId),
  grade: 'GOOD',
  remarks: '工作扎实',
  evaluatedOn,
});

const RECOMMENDATIONS = ['NATIONAL_AWARD_RECOMMENDATION', 'CHONGQING_AWARD_RECOMMENDATION', 'SOCIAL_AWARD_RECOMMENDATION'] as const;

// ---- the rules

describe('Activities (Art. 5-12)', () => {
  it('R5-12.dates: accepts an activity that ends the day it starts, or later, with its organisers and one event naming the lead organiser', async () => {
    const { id, district } = await association();
    const oneDay = await expectAdded(() => recordActivity(kit.db, activity([id]), ACTOR), {
      'activities.activities': 1,
      'activities.activity_organisers': 1,
      'activities.events': 1,
    });
    const project = await expectAdded(
      () => recordActivity(kit.db, activity([id, district], { kind: 'TECHNICAL_PROBLEM_SOLVING', title: '电机控制算法攻关', startsOn: '2026-03-01', endsOn: '2027-02-28', problem: '低速转矩波动' }), ACTOR),
      { 'activities.activities': 1, 'activities.activity_organisers': 2, 'activities.events': 1 },
    );
    const rows = await queryRows<{ id: number; startsOn: string; endsOn: string }>(
      kit.db,
      sql`select id, starts_on::text as "startsOn", ends_on::text as "endsOn" from activities.activities where id in (${oneDay}, ${project}) order by id`,
    );
    expect(rows).toEqual([
      { id: oneDay, startsOn: '2026-03-02', endsOn: '2026-03-02' },
      { id: project, startsOn: '2026-03-01', endsOn: '2027-02-28' },
    ]);
    // The lead organiser is the one with the lowest id: the district association, made before any association.
    expect(await eventsOf('Activity', project)).toEqual([
      {
        kind: 'ACTIVITY_RECORDED',
        actor: ACTOR,
        organisationId: Math.min(id, district),
        before: null,
        after: expect.objectContaining({ startsOn: '2026-03-01', endsOn: '2027-02-28', problem: '低速转矩波动', organiserIds: expect.arrayContaining([id, district]) }),
      },
    ]);
  });

  it('R5-12.dates: refuses an activity that ends before it starts, naming the rule and both dates; nothing changes', async () => {
    const { id } = await association();
    const refusal = await kit.refused('activities', () => recordActivity(kit.db, activity([id], { startsOn: '2026-03-02', endsOn: '2026-03-01' }), ACTOR), 'RULE_VIOLATION', 'R5-12.dates');
    expect(refusal).toMatchObject({ argument: 'endsOn', expected: '>= 2026-03-02', received: '2026-03-01' });
    // Across a year's end too, and for a project with its problem.
    await kit.refused(
      'activities',
      () => recordActivity(kit.db, activity([id], { kind: 'TECHNICAL_PROBLEM_SOLVING', problem: '工艺难题', startsOn: '2026-01-01', endsOn: '2025-12-31' }), ACTOR),
      'RULE_VIOLATION',
      'R5-12.dates',
    );
  });
});

describe('Awards and recommendations (Art. 8, 30)', () => {
  it('R8.recommendation: each kind of recommendation starts PENDING and gets its outcome once, on or after its day, with an event each time', async () => {
    const { id, person } = await association();
    for (const [i, kind] of RECOMMENDATIONS.entries()) {
      const recommended = await expectAdded(() => recordAward(kit.db, award(id, person, { kind, title: `${kind}推荐`, decidedOn: '2026-03-01' }), ACTOR), {
        'activities.awards': 1,
        'activities.events': 1,
      });
      expect(recommended).toMatchObject({ kind, outcome: 'PENDING', outcomeOn: null, organisationId: id, recipientPersonId: person });
      const outcome = i % 2 ? 'NOT_GRANTED' : 'GRANTED';
      const on = i === 0 ? '2026-03-01' : '2026-06-01'; // the day of the recommendation itself is allowed
      const set = await expectAdded(() => setAwardOutcome(kit.db, { awardId: String(recommended.id), outcome, on }, ACTOR), { 'activities.events': 1 });
      expect(set).toMatchObject({ id: recommended.id, outcome, outcomeOn: on });
      expect(await eventsOf('Award', recommended.id)).toEqual([
        { kind: 'AWARD_RECORDED', actor: ACTOR, organisationId: id, before: null, after: expect.objectContaining({ kind, outcome: 'PENDING' }) },
        { kind: 'AWARD_OUTCOME_SET', actor: ACTOR, organisationId: id, before: { outcome: 'PENDING', outcomeOn: null }, after: { outcome, outcomeOn: on } },
      ]);
    }
  });

  it('R8.recommendation: refuses an outcome for every kind of award that is no recommendation, naming the rule; nothing changes', async () => {
    const { id, person } = await association();
    const resolution = await committeeResolution(id, person);
    for (const kind of ['PATENT', 'TRANSFERRED_RESULT', 'ENGINEER_QUALIFICATION', 'PROFESSIONAL_TITLE', 'COMMENDATION'] as const) {
      const given = await recordAward(kit.db, award(id, person, { kind, committeeResolutionId: kind === 'COMMENDATION' ? String(resolution) : null }), ACTOR);
      expect(given.outcome, kind).toBeNull();
      const refusal = await kit.refused('activities', () => setAwardOutcome(kit.db, { awardId: String(given.id), outcome: 'GRANTED', on: '2026-06-01' }, ACTOR), 'RULE_VIOLATION', 'R8.recommendation');
      expect(refusal).toMatchObject({ expected: [...RECOMMENDATIONS], received: kind });
    }
  });

  it('R8.recommendation: refuses a second outcome, a PENDING one, one dated before the recommendation, and an unknown award; nothing changes', async () => {
    const { id, person } = await association();
    const recommended = await recordAward(kit.db, award(id, person, { kind: 'NATIONAL_AWARD_RECOMMENDATION', decidedOn: '2026-03-01' }), ACTOR);
    const awardId = String(recommended.id);
    await kit.refused('activities', () => setAwardOutcome(kit.db, { awardId, outcome: 'PENDING', on: '2026-06-01' }, ACTOR), 'INVALID_ARGUMENT');
    await kit.refused('activities', () => setAwardOutcome(kit.db, { awardId, outcome: 'GRANTED', on: '2026-02-28' }, ACTOR), 'INVALID_ARGUMENT');
    await setAwardOutcome(kit.db, { awardId, outcome: 'GRANTED', on: '2026-06-01' }, ACTOR);
    const again = await kit.refused('activities', () => setAwardOutcome(kit.db, { awardId, outcome: 'NOT_GRANTED', on: '2026-07-01' }, ACTOR), 'ILLEGAL_TRANSITION');
    expect(again).toMatchObject({ expected: 'PENDING', received: 'GRANTED' });
    await kit.refused('activities', () => setAwardOutcome(kit.db, { awardId: '999999', outcome: 'GRANTED', on: '2026-06-01' }, ACTOR), 'NOT_FOUND');
  });

  it('R30.commendation: accepts a commendation that names the committee resolution deciding it; it has no outcome', async () => {
    const { id, person } = await association();
    const resolution = await committeeResolution(id, person);
    const commended = await expectAdded(
      () => recordAward(kit.db, award(id, person, { kind: 'COMMENDATION', title: '优秀会员', decidedOn: '2026-01-15', committeeResolutionId: String(resolution) }), ACTOR),
      { 'activities.awards': 1, 'activities.events': 1 },
    );
    expect(commended).toMatchObject({ kind: 'COMMENDATION', committeeResolutionId: resolution, outcome: null, outcomeOn: null, organisationId: id, recipientPersonId: person });
    expect(await eventsOf('Award', commended.id)).toEqual([
      { kind: 'AWARD_RECORDED', actor: ACTOR, organisationId: id, before: null, after: expect.objectContaining({ kind: 'COMMENDATION', committeeResolutionId: resolution }) },
    ]);
  });

  it('R30.commendation: other kinds of award need no committee resolution', async () => {
    const { id, person } = await association();
    for (const kind of ['PATENT', 'PROFESSIONAL_TITLE', 'CHONGQING_AWARD_RECOMMENDATION'] as const) {
      const given = await recordAward(kit.db, award(id, person, { kind }), ACTOR);
      expect(given).toMatchObject({ kind, committeeResolutionId: null });
    }
  });

  it('R30.commendation: refuses a commendation without a committee resolution, left out or null, naming the rule; nothing changes', async () => {
    const { id, person } = await association();
    const { committeeResolutionId: _left, ...without } = award(id, person, { kind: 'COMMENDATION', title: '优秀会员' });
    for (const input of [without, { ...without, committeeResolutionId: null }]) {
      const refusal = await kit.refused('activities', () => recordAward(kit.db, input, ACTOR), 'RULE_VIOLATION', 'R30.commendation');
      expect(refusal).toMatchObject({ argument: 'committeeResolutionId' });
    }
    // To an association as well as to a person.
    const to = await association();
    await kit.refused(
      'activities',
      () => recordAward(kit.db, { ...without, recipientPersonId: null, recipientOrganisationId: String(to.id) }, ACTOR),
      'RULE_VIOLATION',
      'R30.commendation',
    );
  });
});

describe('Annual work evaluation (Art. 40)', () => {
  it('R40.evaluation: accepts an evaluation by the district association above the association, and of another year by the municipal association above that, each with an event', async () => {
    const { id, district } = await association();
    const byDistrict = await expectAdded(() => recordEvaluation(kit.db, evaluation(id, district, 2026), ACTOR), { 'activities.evaluations': 1, 'activities.events': 1 });
    expect(byDistrict).toMatchObject({ organisationId: id, year: 2026, evaluatorId: district, grade: 'GOOD', remarks: '工作扎实', evaluatedOn: '2026-12-20' });
    expect(await eventsOf('Evaluation', byDistrict.id)).toEqual([
      {
        kind: 'EVALUATED',
        actor: ACTOR,
        organisationId: id,
        before: null,
        after: { organisationId: id, year: 2026, evaluatorId: district, grade: 'GOOD', remarks: '工作扎实', evaluatedOn: '2026-12-20' },
      },
    ]);
    const byMunicipal = await recordEvaluation(kit.db, { ...evaluation(id, kit.municipalId, 2027, '2028-01-10'), grade: 'EXCELLENT', remarks: '  ' }, ACTOR);
    expect(byMunicipal).toMatchObject({ year: 2027, evaluatorId: kit.municipalId, grade: 'EXCELLENT', remarks: null });
    // A district association is evaluated by the municipal association above it.
    expect(await recordEvaluation(kit.db, evaluation(kit.districtId('500109'), kit.municipalId, 2026), ACTOR)).toMatchObject({ evaluatorId: kit.municipalId });
  });

  it('R40.evaluation: refuses an evaluator that is not above the association (another district, another association, itself), naming the rule; nothing changes', async () => {
    const { id, district } = await association();
    const sibling = await association();
    const locals = [String(kit.municipalId), String(district)];
    const stranger = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, kit.districtId('500108'), 2026), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(stranger).toMatchObject({ expected: locals, received: String(kit.districtId('500108')) });
    const other = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, sibling.id, 2026), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(other).toMatchObject({ expected: locals, received: String(sibling.id) });
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, id, 2026), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    // Nothing is above the municipal association, and a district association is not above it either.
    const top = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(kit.municipalId, district, 2026), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(top).toMatchObject({ expected: [] });
  });

  it('R40.evaluation: refuses a second evaluation of the same association and year, by either evaluator; nothing changes', async () => {
    const { id, district } = await association();
    const first = await recordEvaluation(kit.db, evaluation(id, district, 2030), ACTOR);
    for (const evaluator of [district, kit.municipalId]) {
      const refusal = await kit.refused('activities', () => recordEvaluation(kit.db, { ...evaluation(id, evaluator, 2030, '2031-01-15'), grade: 'EXCELLENT' }, ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
      expect(refusal).toMatchObject({ existingEvaluationId: String(first.id) });
    }
    // The next year is another evaluation.
    expect(await recordEvaluation(kit.db, evaluation(id, district, 2031), ACTOR)).toMatchObject({ year: 2031 });
  });

  it('R40.evaluation: "above it" is read on the day of the evaluation: a transferred association by its old district before the transfer, its new one after', async () => {
    const { id, district: old } = await association('500106');
    await transferAffiliation(kit.db, { organisationId: String(id), toDistrictCode: '500107', on: '2024-07-01', documentNo: '渝科协转〔2024〕1号' }, ACTOR);
    const now = kit.districtId('500107');
    // 2023's work, evaluated early in 2024, before the move.
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, now, 2023, '2024-01-10'), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(await recordEvaluation(kit.db, evaluation(id, old, 2023, '2024-01-10'), ACTOR)).toMatchObject({ evaluatorId: old });
    // 2025's work, after the move.
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, old, 2025), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(await recordEvaluation(kit.db, evaluation(id, now, 2025), ACTOR)).toMatchObject({ evaluatorId: now });
  });

  it('R40.evaluation: refuses a year outside 2000-2100, an evaluation dated before its year, and unknown organisations; nothing changes', async () => {
    const { id, district } = await association();
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 1999), ACTOR), 'INVALID_ARGUMENT');
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 2101), ACTOR), 'INVALID_ARGUMENT');
    const early = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 2033, '2032-12-31'), ACTOR), 'INVALID_ARGUMENT');
    expect(early).toMatchObject({ argument: 'evaluatedOn', received: '2032-12-31' });
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, 999999, 2033), ACTOR), 'NOT_FOUND');
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(999999, district, 2033), ACTOR), 'NOT_FOUND');
  });
});

describe('Funding and financial reports (Art. 41-42)', () => {
  const fund = (organisationId: number, amount: string, extra: Partial<FundingInput> = {}): FundingInput => ({
    organisationId: String(organisationId),
    source: 'GRANT',
    amount,
    receivedOn: '2026-01-05',
    description: null,
    ...extra,
  });
  const report = (organisationId: number, extra: Partial<ReportInput> = {}): ReportInput => ({
    organisationId: String(organisationId),
    year: 2026,
    reportedTo: 'CONGRESS',
    reportedOn: '2027-03-01',
    income: '1000000.31',
    expenditure: '0',
    ...extra,
  });

  it('R42.funding: records income by each source in exact fen, with an event', async () => {
    const { id } = await association();
    const first = await expectAdded(() => recordFunding(kit.db, fund(id, '0.1'), ACTOR), { 'activities.funding_records': 1, 'activities.events': 1 });
    expect(first).toMatchObject({ organisationId: id, source: 'GRANT', amountFen: 10n, receivedOn: '2026-01-05', description: null });
    expect(await eventsOf('FundingRecord', first.id)).toEqual([
      { kind: 'FUNDING_RECORDED', actor: ACTOR, organisationId: id, before: null, after: { source: 'GRANT', amountFen: '10', receivedOn: '2026-01-05' } },
    ]);
    const cases = [
      ['ENTERPRISE_BUDGET', '120', 12_000n],
      ['DONATION', '1000000.01', 100_000_001n],
      ['OTHER', ' 9999999999999.99 ', 999_999_999_999_999n],
    ] as const;
    for (const [source, amount, fen] of cases) {
      expect(await recordFunding(kit.db, fund(id, amount, { source, description: ' 专项 ' }), ACTOR)).toMatchObject({ source, amountFen: fen, description: '专项' });
    }
  });

  it('R42.funding: refuses a negative, zero, over-precise, malformed or too large amount, naming the rule; nothing changes', async () => {
    const { id } = await association();
    for (const amount of ['-5', '-0.01', '0', '0.00', '1.234', 'abc', '1e3', '', '12,000', '99999999999999']) {
      const refusal = await kit.refused('activities', () => recordFunding(kit.db, fund(id, amount), ACTOR), 'RULE_VIOLATION', 'R42.funding');
      expect(refusal).toMatchObject({ argument: 'amount', received: amount });
    }
    await kit.refused('activities', () => recordFunding(kit.db, fund(999999, '5'), ACTOR), 'NOT_FOUND');
  });

  it('R42.funding: records a financial report of a year to the congress and to the committee, zero allowed, with an event', async () => {
    const { id } = await association();
    const toCongress = await expectAdded(() => recordFinancialReport(kit.db, report(id), ACTOR), { 'activities.financial_reports': 1, 'activities.events': 1 });
    expect(toCongress).toMatchObject({ organisationId: id, year: 2026, reportedTo: 'CONGRESS', incomeFen: 100_000_031n, expenditureFen: 0n });
    expect(await eventsOf('FinancialReport', toCongress.id)).toEqual([
      { kind: 'FINANCES_REPORTED', actor: ACTOR, organisationId: id, before: null, after: { year: 2026, reportedTo: 'CONGRESS', incomeFen: '100000031', expenditureFen: '0' } },
    ]);
    const toCommittee = await recordFinancialReport(kit.db, report(id, { reportedTo: 'COMMITTEE', reportedOn: '2026-12-31', income: '0.00', expenditure: '12.5' }), ACTOR);
    expect(toCommittee).toMatchObject({ reportedTo: 'COMMITTEE', incomeFen: 0n, expenditureFen: 1250n });
  });

  it('R42.funding: refuses a negative, over-precise or malformed income or expenditure in a report, naming the rule; nothing changes', async () => {
    const { id } = await association();
    for (const [argument, value] of [['income', '-1'], ['income', 'abc'], ['expenditure', '0.001'], ['expenditure', '-0.01']] as const) {
      const refusal = await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { [argument]: value }), ACTOR), 'RULE_VIOLATION', 'R42.funding');
      expect(refusal).toMatchObject({ argument, received: value });
    }
  });

  it('R42.funding: refuses a report of a year outside 2000-2100 or dated before its year; nothing changes', async () => {
    const { id } = await association();
    await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { year: 1999, reportedOn: '2000-03-01' }), ACTOR), 'INVALID_ARGUMENT');
    const early = await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { reportedOn: '2025-12-31' }), ACTOR), 'INVALID_ARGUMENT');
    expect(early).toMatchObject({ argument: 'reportedOn', received: '2025-12-31' });
    await kit.refused('activities', () => recordFinancialReport(kit.db, report(999999), ACTOR), 'NOT_FOUND');
  });
});
