// The activities subgraph's rules (R5-12.dates, R8.recommendation, R30.commendation, R40.evaluation, R42.funding),
// checked on its commands called directly, without HTTP or the gateway, over a fresh database from the rules test
// kit. Every rule has accepted cases (which add their rows and one event each) and refused ones (which name the
// rule and change none of the subgraph's tables). The same behaviour as test/e2e/activities*.e2e.ts, only faster.
import { recordActivity } from '@cq/activities/commands/activities';
import { recordAward, setAwardOutcome } from '@cq/activities/commands/awards';
import { recordEvaluation, unevaluatedAssociations } from '@cq/activities/commands/evaluations';
import { recordExpenditure, recordFinancialReport, recordFunding } from '@cq/activities/commands/funding';
import { queryRows } from '@cq/db';
import { revokeAssociation } from '@cq/organisations/commands/sanctions';
import { transferAffiliation } from '@cq/organisations/commands/structure';
import { todayInChina } from '@cq/domain';
import { appointToPost, recordMeeting, recordResolution } from '@cq/people/commands/leadership';
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
type ExpenditureInput = Parameters<typeof recordExpenditure>[1];

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
  const committee = { id: (await kit.committee(organisationId, { heldOn: '2025-01-01', name: '第一届委员会' })).committeeId };
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

const evaluation = (organisationId: number, evaluatorId: number, year: number, evaluatedOn = `${year + 1}-01-20`): EvaluationInput => ({
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
    // And the roll-up: a count for each organiser's first activity of the year and kind, and both organisers of the
    // co-organised one.
    const oneDay = await expectAdded(() => recordActivity(kit.db, activity([id]), ACTOR), {
      'activities.activities': 1,
      'activities.activity_organisers': 1,
      'activities.events': 1,
      'activities.activity_counts': 1,
    });
    const project = await expectAdded(
      () => recordActivity(kit.db, activity([id, district], { kind: 'TECHNICAL_PROBLEM_SOLVING', title: '电机控制算法攻关', startsOn: '2026-03-01', endsOn: '2027-02-28', problem: '低速转矩波动' }), ACTOR),
      { 'activities.activities': 1, 'activities.activity_organisers': 2, 'activities.events': 1, 'activities.activity_counts': 2, 'activities.co_organisers': 2 },
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

  it("R30.commendation: refuses a resolution of another association, one that failed, one voted after the award, or none at all; nothing changes", async () => {
    const { id, person } = await association();
    const other = await association();
    const commend = (resolution: number | string, decidedOn = '2026-02-01') => () =>
      recordAward(kit.db, award(id, person, { kind: 'COMMENDATION', title: '优秀会员', decidedOn, committeeResolutionId: String(resolution) }), ACTOR);
    await kit.refused('activities', commend(await committeeResolution(other.id, other.person)), 'RULE_VIOLATION', 'R30.commendation');
    const passed = await committeeResolution(id, person, '2026-01-15');
    await kit.refused('activities', commend(passed, '2026-01-10'), 'RULE_VIOLATION', 'R30.commendation');
    const [{ committee }] = (await queryRows<{ committee: number }>(kit.db, sql`select mt.committee_id as committee from people.resolutions r join people.meetings mt on mt.id = r.meeting_id where r.id = ${passed}`)) as [{ committee: number }];
    const meeting = await recordMeeting(kit.db, { committeeId: String(committee), heldOn: '2026-01-20', attendeeIds: [String(person)], convenedById: null }, ACTOR);
    const failed = await recordResolution(kit.db, { meetingId: String(meeting.id), title: '否决的表彰', votesFor: 0, votesAgainst: 1, votesAbstaining: 0 }, ACTOR);
    await kit.refused('activities', commend(failed.id), 'RULE_VIOLATION', 'R30.commendation');
    await kit.refused('activities', commend(999999), 'NOT_FOUND');
    expect((await commend(passed)()).committeeResolutionId).toBe(passed);
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
  it('R40.evaluation: accepts an evaluation by the district association that approved the association, and of a municipal-level one by the municipal association, each with an event', async () => {
    const { id, district } = await association();
    const byDistrict = await expectAdded(() => recordEvaluation(kit.db, evaluation(id, district, 2025), ACTOR), { 'activities.evaluations': 1, 'activities.events': 1 });
    expect(byDistrict).toMatchObject({ organisationId: id, year: 2025, evaluatorId: district, grade: 'GOOD', remarks: '工作扎实', evaluatedOn: '2026-01-20' });
    expect(await eventsOf('Evaluation', byDistrict.id)).toEqual([
      {
        kind: 'EVALUATED',
        actor: ACTOR,
        organisationId: id,
        before: null,
        after: { organisationId: id, year: 2025, evaluatorId: district, grade: 'GOOD', remarks: '工作扎实', evaluatedOn: '2026-01-20' },
      },
    ]);
    // Within the year evaluated too (a year-end evaluation in December), and blank remarks are none.
    const december = await recordEvaluation(kit.db, { ...evaluation(id, district, 2024, '2024-12-20'), grade: 'EXCELLENT', remarks: '  ' }, ACTOR);
    expect(december).toMatchObject({ year: 2024, evaluatorId: district, grade: 'EXCELLENT', remarks: null });
    // A municipal-level association is guided, and so evaluated, by the municipal association that approved it.
    const municipalLevel = await kit.association({ appliedToId: kit.municipalId });
    expect(await recordEvaluation(kit.db, evaluation(municipalLevel, kit.municipalId, 2025), ACTOR)).toMatchObject({ evaluatorId: kit.municipalId });
  });

  it('R40.evaluation: the evaluator is the local association that guides it (Art. 3, 40): not the municipal association above its district, nor the liaison district of a municipal-level one; nothing changes', async () => {
    const { id, district } = await association();
    const above = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, kit.municipalId, 2025), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(above).toMatchObject({ expected: [String(district)], received: String(kit.municipalId) });
    const municipalLevel = await kit.association({ districtCode: '500106', appliedToId: kit.municipalId });
    const liaison = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(municipalLevel, district, 2025), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(liaison).toMatchObject({ expected: [String(kit.municipalId)], received: String(district) });
  });

  it('R40.evaluation: local associations are not evaluated under Art. 40: the municipal association evaluating a district association is refused; nothing changes', async () => {
    const district = kit.districtId('500109');
    const refusal = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(district, kit.municipalId, 2025), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(refusal).toMatchObject({ argument: 'organisationId', received: 'DISTRICT_ASSOCIATION' });
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(kit.municipalId, district, 2025), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
  });

  it('R40.evaluation: refuses an evaluator that is not above the association (another district, another association, itself), naming the rule; nothing changes', async () => {
    const { id, district } = await association();
    const sibling = await association();
    const stranger = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, kit.districtId('500108'), 2025), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(stranger).toMatchObject({ expected: [String(district)], received: String(kit.districtId('500108')) });
    const other = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, sibling.id, 2025), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(other).toMatchObject({ expected: [String(district)], received: String(sibling.id) });
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, id, 2025), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
  });

  it('R40.evaluation: the year evaluated has begun and the evaluation day has come: 2030 (or this year) evaluated on a day after today is refused; nothing changes', async () => {
    const { id, district } = await association();
    const tomorrow = new Date(Date.now() + 86_400_000);
    const day = todayInChina(tomorrow);
    const future = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 2030, '2031-01-15'), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(future).toMatchObject({ argument: 'evaluatedOn', expected: `<= ${todayInChina()}`, received: '2031-01-15' });
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, Number(day.slice(0, 4)), day), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    // Today itself is fine.
    const today = todayInChina();
    expect(await recordEvaluation(kit.db, evaluation(id, district, Number(today.slice(0, 4)), today), ACTOR)).toMatchObject({ evaluatedOn: today });
  });

  it('R40.evaluation: the year evaluated is one the association was active in: not a year before its founding; its founding year is fine; nothing changes', async () => {
    const district = kit.districtId('500106');
    const id = await kit.association({ on: '2021-03-01' });
    const before = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 2020, '2021-06-01'), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(before).toMatchObject({ argument: 'year', establishedOn: '2021-03-01', received: 2020 });
    expect(await recordEvaluation(kit.db, evaluation(id, district, 2021, '2022-01-20'), ACTOR)).toMatchObject({ year: 2021 });
  });

  it('R20.active: refuses an evaluation of an association that is no longer active on the day; its years before are evaluated before that; nothing changes', async () => {
    const { id, district } = await association();
    expect(await recordEvaluation(kit.db, evaluation(id, district, 2023, '2024-01-20'), ACTOR)).toMatchObject({ year: 2023 });
    await revokeAssociation(kit.db, { organisationId: String(id), by: String(district), on: '2024-06-01', reason: '严重违反章程', documentNo: '撤销〔2024〕1号' }, ACTOR);
    const revoked = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 2024, '2025-01-20'), ACTOR), 'RULE_VIOLATION', 'R20.active');
    expect(revoked).toMatchObject({ argument: 'organisationId', expected: 'ACTIVE', received: 'REVOKED' });
  });

  it('R20.active: refuses an evaluation of a kind of association without members (a workstation, a federation); nothing changes', async () => {
    const district = kit.districtId('500106');
    for (const kind of ['WORKSTATION', 'FEDERATION'] as const) {
      const id = await kit.association({ kind });
      const refusal = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 2025), ACTOR), 'RULE_VIOLATION', 'R20.active');
      expect(refusal).toMatchObject({ received: kind, expected: ['ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM'] });
    }
    // A park association has members.
    const park = await kit.association({ kind: 'PARK_ASSOCIATION' });
    expect(await recordEvaluation(kit.db, evaluation(park, district, 2025), ACTOR)).toMatchObject({ organisationId: park });
  });

  it('R40.evaluation: refuses a second evaluation of the same association and year, by anyone; nothing changes', async () => {
    const { id, district } = await association();
    const first = await recordEvaluation(kit.db, evaluation(id, district, 2024), ACTOR);
    for (const evaluator of [district, kit.municipalId]) {
      const refusal = await kit.refused('activities', () => recordEvaluation(kit.db, { ...evaluation(id, evaluator, 2024, '2025-02-15'), grade: 'EXCELLENT' }, ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
      if (evaluator === district) expect(refusal).toMatchObject({ existingEvaluationId: String(first.id) });
    }
    // The next year is another evaluation.
    expect(await recordEvaluation(kit.db, evaluation(id, district, 2025), ACTOR)).toMatchObject({ year: 2025 });
  });

  it('R40.evaluation: one per association and year holds in the database too (the unique index a concurrent writer meets)', async () => {
    const { id, district } = await association();
    await recordEvaluation(kit.db, evaluation(id, district, 2022), ACTOR);
    await expect(kit.db.execute(sql`insert into activities.evaluations (organisation_id, year, evaluator_id, grade, evaluated_on) values (${id}, 2022, ${district}, 'PASS', '2023-02-01')`)).rejects.toThrow();
  });

  it('R40.evaluation: "above it" is read on the day of the evaluation: a transferred association by its old district before the transfer, its new one after', async () => {
    const { id, district: old } = await association('500106');
    await transferAffiliation(kit.db, { organisationId: String(id), toDistrictCode: '500107', on: '2024-07-01', documentNo: '渝科协转〔2024〕1号' }, ACTOR);
    const now = kit.districtId('500107');
    // 2023's work, evaluated early in 2024, before the move.
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, now, 2023, '2024-01-10'), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(await recordEvaluation(kit.db, evaluation(id, old, 2023, '2024-01-10'), ACTOR)).toMatchObject({ evaluatorId: old });
    // 2024's work, after the move.
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, old, 2024), ACTOR), 'RULE_VIOLATION', 'R40.evaluation');
    expect(await recordEvaluation(kit.db, evaluation(id, now, 2024), ACTOR)).toMatchObject({ evaluatorId: now });
  });

  it('R40.evaluation: refuses a year outside 2000-2100, an evaluation dated before its year, and unknown organisations; nothing changes', async () => {
    const { id, district } = await association();
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 1999), ACTOR), 'INVALID_ARGUMENT');
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 2101), ACTOR), 'INVALID_ARGUMENT');
    const early = await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, district, 2025, '2024-12-31'), ACTOR), 'INVALID_ARGUMENT');
    expect(early).toMatchObject({ argument: 'evaluatedOn', received: '2024-12-31' });
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(id, 999999, 2025), ACTOR), 'NOT_FOUND');
    await kit.refused('activities', () => recordEvaluation(kit.db, evaluation(999999, district, 2025), ACTOR), 'NOT_FOUND');
  });
});

describe('Funding, expenditure and financial reports (Art. 41-42)', () => {
  const fund = (organisationId: number, amount: string, extra: Partial<FundingInput> = {}): FundingInput => ({
    organisationId: String(organisationId),
    source: 'GRANT',
    amount,
    receivedOn: '2026-01-05',
    description: null,
    ...extra,
  });
  const spend = (organisationId: number, amount: string, extra: Partial<ExpenditureInput> = {}): ExpenditureInput => ({
    organisationId: String(organisationId),
    amount,
    spentOn: '2025-05-10',
    purpose: '科普活动场地',
    description: null,
    ...extra,
  });
  const report = (organisationId: number, extra: Partial<ReportInput> = {}): ReportInput => ({
    organisationId: String(organisationId),
    year: 2025,
    reportedTo: 'CONGRESS',
    reportedOn: '2026-03-01',
    income: null,
    expenditure: null,
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

  it('R42.funding: records expenditure, accounted separately from income (收支), in exact fen with what it was spent on, with an event', async () => {
    const { id } = await association();
    const spent = await expectAdded(() => recordExpenditure(kit.db, spend(id, '1234.5', { description: ' 租金 ' }), ACTOR), { 'activities.expenditure_records': 1, 'activities.events': 1 });
    expect(spent).toMatchObject({ organisationId: id, amountFen: 123_450n, spentOn: '2025-05-10', purpose: '科普活动场地', description: '租金' });
    expect(await eventsOf('ExpenditureRecord', spent.id)).toEqual([
      { kind: 'EXPENDITURE_RECORDED', actor: ACTOR, organisationId: id, before: null, after: { amountFen: '123450', spentOn: '2025-05-10', purpose: '科普活动场地' } },
    ]);
  });

  it('R42.funding: refuses expenditure of a negative, zero or malformed amount, or without a purpose; nothing changes', async () => {
    const { id } = await association();
    for (const amount of ['-5', '0', '1.234', 'abc']) {
      const refusal = await kit.refused('activities', () => recordExpenditure(kit.db, spend(id, amount), ACTOR), 'RULE_VIOLATION', 'R42.funding');
      expect(refusal).toMatchObject({ argument: 'amount', received: amount });
    }
    await kit.refused('activities', () => recordExpenditure(kit.db, spend(id, '5', { purpose: '  ' }), ACTOR), 'INVALID_ARGUMENT');
    await kit.refused('activities', () => recordExpenditure(kit.db, spend(999999, '5'), ACTOR), 'NOT_FOUND');
  });

  it('R42.funding: a report states the records of its year up to its day: taken from them when left out, accepted when equal, with an event', async () => {
    const { id } = await association();
    await recordFunding(kit.db, fund(id, '1000000.31', { receivedOn: '2025-01-05' }), ACTOR);
    await recordFunding(kit.db, fund(id, '0.69', { source: 'DONATION', receivedOn: '2025-12-31' }), ACTOR);
    await recordExpenditure(kit.db, spend(id, '12.5'), ACTOR);
    // Other years, and days after a mid-year report, are not its records.
    await recordFunding(kit.db, fund(id, '7', { receivedOn: '2024-12-31' }), ACTOR);
    await recordFunding(kit.db, fund(id, '8', { receivedOn: '2026-01-01' }), ACTOR);
    const toCongress = await expectAdded(() => recordFinancialReport(kit.db, report(id), ACTOR), { 'activities.financial_reports': 1, 'activities.events': 1 });
    expect(toCongress).toMatchObject({ organisationId: id, year: 2025, reportedTo: 'CONGRESS', incomeFen: 100_000_100n, expenditureFen: 1250n, duplicateOf: null });
    expect(await eventsOf('FinancialReport', toCongress.id)).toEqual([
      { kind: 'FINANCES_REPORTED', actor: ACTOR, organisationId: id, before: null, after: { year: 2025, reportedTo: 'CONGRESS', incomeFen: '100000100', expenditureFen: '1250' } },
    ]);
    // To the committee, in the middle of the year: the year's records up to that day, stated as equal amounts.
    const toCommittee = await recordFinancialReport(kit.db, report(id, { reportedTo: 'COMMITTEE', reportedOn: '2025-06-30', income: '1000000.31', expenditure: '12.50' }), ACTOR);
    expect(toCommittee).toMatchObject({ reportedTo: 'COMMITTEE', incomeFen: 100_000_031n, expenditureFen: 1250n });
    // A year without records: zero.
    expect(await recordFinancialReport(kit.db, report(id, { year: 2023, reportedOn: '2024-03-01', income: '0', expenditure: '0.00' }), ACTOR)).toMatchObject({ incomeFen: 0n, expenditureFen: 0n });
  });

  it('R42.funding: refuses a report whose income or expenditure differs from the records, naming what the records hold; nothing changes', async () => {
    const { id } = await association();
    await recordFunding(kit.db, fund(id, '100', { receivedOn: '2025-02-01' }), ACTOR);
    await recordExpenditure(kit.db, spend(id, '40'), ACTOR);
    const income = await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { income: '1000000.31' }), ACTOR), 'RULE_VIOLATION', 'R42.funding');
    expect(income).toMatchObject({ argument: 'income', expected: '100.00', received: '1000000.31' });
    const expenditure = await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { income: '100', expenditure: '0' }), ACTOR), 'RULE_VIOLATION', 'R42.funding');
    expect(expenditure).toMatchObject({ argument: 'expenditure', expected: '40.00', received: '0.00' });
  });

  it('R42.funding: refuses a second report of the same association, year and audience, naming the first; the other audience and the next year are fine; nothing changes', async () => {
    const { id } = await association();
    const first = await recordFinancialReport(kit.db, report(id), ACTOR);
    const again = await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { reportedOn: '2026-04-01' }), ACTOR), 'RULE_VIOLATION', 'R42.funding');
    expect(again).toMatchObject({ existingReportId: String(first.id) });
    expect(await recordFinancialReport(kit.db, report(id, { reportedTo: 'COMMITTEE' }), ACTOR)).toMatchObject({ reportedTo: 'COMMITTEE' });
    expect(await recordFinancialReport(kit.db, report(id, { year: 2024, reportedOn: '2025-03-01' }), ACTOR)).toMatchObject({ year: 2024 });
    // The database holds it too, for a concurrent writer.
    await expect(
      kit.db.execute(sql`insert into activities.financial_reports (organisation_id, year, reported_to, reported_on, income_fen, expenditure_fen) values (${id}, 2025, 'CONGRESS', '2026-05-01', 0, 0)`),
    ).rejects.toThrow();
  });

  it('R42.funding: refuses a negative, over-precise or malformed income or expenditure in a report, naming the rule; nothing changes', async () => {
    const { id } = await association();
    for (const [argument, value] of [['income', '-1'], ['income', 'abc'], ['expenditure', '0.001'], ['expenditure', '-0.01']] as const) {
      const refusal = await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { [argument]: value }), ACTOR), 'RULE_VIOLATION', 'R42.funding');
      expect(refusal).toMatchObject({ argument, received: value });
    }
  });

  it('R42.funding: refuses a report dated after today; nothing changes', async () => {
    const { id } = await association();
    const refusal = await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { year: 2040, reportedOn: '2041-03-01' }), ACTOR), 'RULE_VIOLATION', 'R42.funding');
    expect(refusal).toMatchObject({ argument: 'reportedOn', expected: `<= ${todayInChina()}`, received: '2041-03-01' });
  });

  it('R42.funding: refuses a report of a year outside 2000-2100 or dated before its year; nothing changes', async () => {
    const { id } = await association();
    await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { year: 1999, reportedOn: '2000-03-01' }), ACTOR), 'INVALID_ARGUMENT');
    const early = await kit.refused('activities', () => recordFinancialReport(kit.db, report(id, { reportedOn: '2024-12-31' }), ACTOR), 'INVALID_ARGUMENT');
    expect(early).toMatchObject({ argument: 'reportedOn', received: '2024-12-31' });
    await kit.refused('activities', () => recordFinancialReport(kit.db, report(999999), ACTOR), 'NOT_FOUND');
  });
});

describe('Evaluation coverage (Art. 40)', () => {
  it('R40.coverage: lists the associations below a district due an evaluation of the year that have none: active on its last day, of a kind with members; in id order', async () => {
    const code = '500110';
    const district = kit.districtId(code);
    const evaluated = await kit.association({ districtCode: code });
    const missing = await kit.association({ districtCode: code });
    const park = await kit.association({ districtCode: code, kind: 'PARK_ASSOCIATION' });
    await kit.association({ districtCode: code, kind: 'WORKSTATION' }); // no members: not due
    const later = await kit.association({ districtCode: code, on: '2025-03-01' }); // founded after 2024
    const revoked = await kit.association({ districtCode: code });
    await revokeAssociation(kit.db, { organisationId: String(revoked), by: String(district), on: '2024-06-01', reason: '严重违反章程', documentNo: `撤销〔2024〕${revoked}号` }, ACTOR);
    const elsewhere = await kit.association({ districtCode: '500111' });
    await recordEvaluation(kit.db, evaluation(evaluated, district, 2024), ACTOR);

    expect(await unevaluatedAssociations(kit.db, { year: 2024, districtId: String(district) })).toEqual([missing, park]);
    expect(await unevaluatedAssociations(kit.db, { year: 2025, districtId: String(district) })).toEqual([evaluated, missing, park, later]);
    // The whole network from the municipal association: every district's, and the municipal-level ones.
    const municipalLevel = await kit.association({ districtCode: code, appliedToId: kit.municipalId });
    const all = await unevaluatedAssociations(kit.db, { year: 2024, districtId: String(kit.municipalId) });
    expect(all).toEqual(expect.arrayContaining([missing, park, elsewhere, municipalLevel]));
    expect(all).not.toContain(evaluated);
    expect(all).toEqual([...all].sort((a, b) => a - b));
  });

  it('R40.coverage: a transferred association counts for the district it is below on the last day of the year', async () => {
    const id = await kit.association({ districtCode: '500112' });
    await transferAffiliation(kit.db, { organisationId: String(id), toDistrictCode: '500113', on: '2024-07-01', documentNo: '渝科协转〔2024〕9号' }, ACTOR);
    expect(await unevaluatedAssociations(kit.db, { year: 2023, districtId: String(kit.districtId('500112')) })).toContain(id);
    expect(await unevaluatedAssociations(kit.db, { year: 2024, districtId: String(kit.districtId('500112')) })).not.toContain(id);
    expect(await unevaluatedAssociations(kit.db, { year: 2024, districtId: String(kit.districtId('500113')) })).toContain(id);
  });

  it('R40.coverage: refuses a year not begun, a year outside 2000-2100, and a root that is no local association', async () => {
    const { id } = await association();
    const next = Number(todayInChina().slice(0, 4)) + 1;
    const district = String(kit.districtId('500106'));
    await expect(unevaluatedAssociations(kit.db, { year: next, districtId: district })).rejects.toMatchObject({ extensions: { code: 'INVALID_ARGUMENT', argument: 'year' } });
    await expect(unevaluatedAssociations(kit.db, { year: 1999, districtId: district })).rejects.toMatchObject({ extensions: { code: 'INVALID_ARGUMENT' } });
    await expect(unevaluatedAssociations(kit.db, { year: 2024, districtId: String(id) })).rejects.toMatchObject({ extensions: { code: 'INVALID_ARGUMENT', argument: 'districtId' } });
    await expect(unevaluatedAssociations(kit.db, { year: 2024, districtId: '999999' })).rejects.toMatchObject({ extensions: { code: 'NOT_FOUND' } });
  });
});
