// Activities, awards, evaluations and funding (Art. 5-12, 40-42): each change checked, in one transaction, with an event.
import { ErrorCode, found, inTransaction as runInTransaction, parseId, parseYuan, ruleViolation, userError } from '@cq/common';
import { chainPathOn, organisationExists, type Db } from '@cq/db';
import * as data from '../data/records.ts';
import type { ActivityInput, AwardInput, AwardOutcomeInput, EvaluationInput, FinancialReportInput, FundingInput, ParticipantInput } from '../generated/resolvers.ts';

const inTransaction = <T>(db: Db, command: (tx: Db) => Promise<T>) =>
  runInTransaction(db, command, ({ code, constraint }) =>
    code === '23505' && constraint?.startsWith('evaluations_')
      ? ruleViolation('R40.evaluation', 'one evaluation per association per year; another request recorded this year first.')
      : undefined,
  );

async function existing(tx: Db, id: string, argument: string): Promise<number> {
  const n = parseId(id, argument);
  if (!(await organisationExists(tx, n))) throw userError(ErrorCode.NOT_FOUND, `No Organisation has id "${id}".`, { type: 'Organisation', id });
  return n;
}

const event = (tx: Db, actor: string, subjectType: string, subjectId: number, organisationId: number | null, kind: string, after: Record<string, unknown>) =>
  data.insertEvent(tx, { subjectType, subjectId, organisationId, kind, actor, after });

const RECOMMENDATIONS = new Set(['NATIONAL_AWARD_RECOMMENDATION', 'CHONGQING_AWARD_RECOMMENDATION', 'SOCIAL_AWARD_RECOMMENDATION']);

export async function recordActivity(db: Db, input: ActivityInput, actor: string): Promise<number> {
  if (input.endsOn < input.startsOn) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected an activity to end on or after it starts (${input.startsOn}), received endsOn ${input.endsOn}.`, { expected: `>= ${input.startsOn}`, received: input.endsOn });
  }
  if (!input.title.trim()) throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected a non-empty title, received an empty one.');
  if (!input.organiserIds.length) throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected at least one organiser, received none.');
  return inTransaction(db, async (tx) => {
    const organisers: number[] = [];
    for (const id of input.organiserIds) organisers.push(await existing(tx, id, 'organiserIds'));
    const id = await data.insertActivity(
      tx,
      { kind: input.kind, title: input.title.trim(), startsOn: input.startsOn, endsOn: input.endsOn, place: input.place ?? null, online: input.online ?? false, problem: input.problem ?? null },
      [...new Set(organisers)],
    );
    await event(tx, actor, 'Activity', id, organisers[0]!, 'ACTIVITY_RECORDED', { kind: input.kind, organisers });
    return id;
  });
}

export async function addParticipant(db: Db, input: ParticipantInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const activity = found(await data.lockActivity(tx, parseId(input.activityId, 'activityId')), 'Activity', input.activityId);
    const personId = parseId(input.personId, 'personId');
    if (await data.findParticipation(tx, activity.id, personId)) {
      throw userError(ErrorCode.DUPLICATE, `Expected person ${personId} not yet to take part in activity ${activity.id}, but they do.`);
    }
    const row = await data.insertParticipation(tx, { activityId: activity.id, personId, role: input.role });
    await event(tx, actor, 'Activity', activity.id, null, 'PARTICIPANT_ADDED', { personId, role: input.role });
    return row;
  });
}

export async function recordActivityOutcome(db: Db, activityId: string, outcome: string, actor: string): Promise<number> {
  if (!outcome.trim()) throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected a non-empty outcome, received an empty one.');
  return inTransaction(db, async (tx) => {
    const activity = found(await data.lockActivity(tx, parseId(activityId, 'activityId')), 'Activity', activityId);
    await data.setActivityOutcome(tx, activity.id, outcome.trim());
    await data.insertEvent(tx, { subjectType: 'Activity', subjectId: activity.id, kind: 'OUTCOME_RECORDED', actor, before: { outcome: activity.outcome }, after: { outcome: outcome.trim() } });
    return activity.id;
  });
}

export async function recordAward(db: Db, input: AwardInput, actor: string) {
  if ((input.recipientPersonId == null) === (input.recipientOrganisationId == null)) {
    throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected exactly one of recipientPersonId and recipientOrganisationId, received ' + (input.recipientPersonId ? 'both.' : 'neither.'));
  }
  if (input.kind === 'COMMENDATION' && !input.committeeResolutionId) {
    throw ruleViolation('R30.commendation', 'a commendation is decided by the committee (Art. 30): expected committeeResolutionId, received none.');
  }
  return inTransaction(db, async (tx) => {
    const organisationId = await existing(tx, input.organisationId, 'organisationId');
    const recipientOrganisationId = input.recipientOrganisationId ? await existing(tx, input.recipientOrganisationId, 'recipientOrganisationId') : null;
    const award = await data.insertAward(tx, {
      kind: input.kind,
      title: input.title,
      organisationId,
      recipientPersonId: input.recipientPersonId ? parseId(input.recipientPersonId, 'recipientPersonId') : null,
      recipientOrganisationId,
      decidedOn: input.decidedOn,
      committeeResolutionId: input.committeeResolutionId ? parseId(input.committeeResolutionId, 'committeeResolutionId') : null,
      outcome: RECOMMENDATIONS.has(input.kind) ? 'PENDING' : null,
    });
    await event(tx, actor, 'Award', award.id, organisationId, 'AWARD_RECORDED', { kind: input.kind });
    return award;
  });
}

export async function setAwardOutcome(db: Db, input: AwardOutcomeInput, actor: string) {
  const outcome = input.outcome;
  if (outcome === 'PENDING') throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected an outcome of GRANTED or NOT_GRANTED, received PENDING.');
  return inTransaction(db, async (tx) => {
    const award = found(await data.lockAward(tx, parseId(input.awardId, 'awardId')), 'Award', input.awardId);
    if (!RECOMMENDATIONS.has(award.kind)) {
      throw ruleViolation('R8.recommendation', `only a recommendation has an outcome, but award ${award.id} is a ${award.kind}.`, { kind: award.kind });
    }
    if (award.outcome !== 'PENDING') throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected a PENDING recommendation, but award ${award.id} is ${award.outcome} since ${award.outcomeOn}.`);
    if (input.on < award.decidedOn) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected the outcome on or after the recommendation (${award.decidedOn}), received ${input.on}.`);
    const updated = await data.setAwardOutcome(tx, award.id, outcome, input.on);
    await data.insertEvent(tx, { subjectType: 'Award', subjectId: award.id, organisationId: award.organisationId, kind: 'AWARD_OUTCOME', actor, before: { outcome: 'PENDING' }, after: { outcome } });
    return updated;
  });
}

export async function recordEvaluation(db: Db, input: EvaluationInput, actor: string) {
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a year from 2000 to 2100, received ${input.year}.`);
  return inTransaction(db, async (tx) => {
    const organisationId = await existing(tx, input.organisationId, 'organisationId');
    const evaluatorId = await existing(tx, input.evaluatorId, 'evaluatorId');
    // R40.evaluation: by a local association above it — above it in the guidance chain on the day of the evaluation.
    const path = (await chainPathOn(tx, organisationId, input.evaluatedOn)) ?? [organisationId];
    if (!path.slice(0, -1).includes(evaluatorId)) {
      throw ruleViolation('R40.evaluation', `the evaluator must be a local association above the evaluated one: expected one of ${path.slice(0, -1).join(', ') || '(none on that day)'}, received ${evaluatorId}.`, {
        expected: path.slice(0, -1).map(String),
        received: String(evaluatorId),
      });
    }
    const earlier = await data.evaluationFor(tx, organisationId, input.year);
    if (earlier) {
      throw ruleViolation('R40.evaluation', `one evaluation per association per year, but organisation ${organisationId} was evaluated for ${input.year} on ${earlier.evaluatedOn} (evaluation ${earlier.id}).`);
    }
    const evaluation = await data.insertEvaluation(tx, { organisationId, year: input.year, evaluatorId, grade: input.grade, remarks: input.remarks ?? null, evaluatedOn: input.evaluatedOn });
    await event(tx, actor, 'Evaluation', evaluation.id, organisationId, 'EVALUATED', { year: input.year, grade: input.grade, evaluatorId });
    return evaluation;
  });
}

export async function recordFunding(db: Db, input: FundingInput, actor: string) {
  const amountFen = parseYuan(input.amount, 'amount', 'R42.funding');
  return inTransaction(db, async (tx) => {
    const organisationId = await existing(tx, input.organisationId, 'organisationId');
    const row = await data.insertFunding(tx, { organisationId, source: input.source, amountFen, receivedOn: input.receivedOn, description: input.description ?? null });
    await event(tx, actor, 'Funding', row.id, organisationId, 'FUNDING_RECORDED', { source: input.source, amountFen: String(amountFen) });
    return row;
  });
}

export async function recordFinancialReport(db: Db, input: FinancialReportInput, actor: string) {
  const incomeFen = input.income === '0' ? 0n : parseYuan(input.income, 'income', 'R42.funding');
  const expenditureFen = input.expenditure === '0' ? 0n : parseYuan(input.expenditure, 'expenditure', 'R42.funding');
  return inTransaction(db, async (tx) => {
    const organisationId = await existing(tx, input.organisationId, 'organisationId');
    const row = await data.insertReport(tx, { organisationId, year: input.year, reportedTo: input.reportedTo, reportedOn: input.reportedOn, incomeFen, expenditureFen });
    await event(tx, actor, 'FinancialReport', row.id, organisationId, 'FINANCES_REPORTED', { year: input.year, reportedTo: input.reportedTo });
    return row;
  });
}
