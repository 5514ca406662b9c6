// Activities, awards, evaluations and funding (Art. 5-12, 40-42): each change checked against its rules inside one
// transaction, with an event row in activities.events written in the same transaction. A refused change writes
// nothing. Rule ids (extensions.rule) are listed in docs/activities.md.
import { ErrorCode, found, inTransaction as runInTransaction, parseId, parseYuan, ruleViolation, show, userError } from '@cq/common';
import type { Db } from '@cq/db';
import type { GraphQLError } from 'graphql';
import * as data from '../data/records.ts';
import type { ActivityInput, AwardInput, AwardOutcomeInput, EvaluationInput, FinancialReportInput, FundingInput, ParticipantInput } from '../generated/resolvers.ts';

const ONE_PER_YEAR = 'one evaluation per association per year';

/** Unique indexes a concurrent writer can make the database enforce after our own check passed: the same refusal. */
function translate({ code, constraint }: { code: string; constraint: string | undefined }): GraphQLError | undefined {
  if (code !== '23505') return undefined;
  if (constraint === 'evaluations_organisation_id_year_index') {
    return ruleViolation('R40.evaluation', `${ONE_PER_YEAR}, and another request recorded this association's evaluation for that year first.`);
  }
  if (constraint === 'participations_activity_id_person_id_pk') {
    return userError(ErrorCode.DUPLICATE, 'Expected the person not yet to take part in the activity, but another request added them first.');
  }
  return undefined;
}

const inTransaction = <T>(db: Db, command: (tx: Db) => Promise<T>) => runInTransaction(db, command, translate);

/** Whether the kind of award is a recommendation for an award (R8.recommendation): only these have an outcome. */
const RECOMMENDATIONS: ReadonlySet<string> = new Set(['NATIONAL_AWARD_RECOMMENDATION', 'CHONGQING_AWARD_RECOMMENDATION', 'SOCIAL_AWARD_RECOMMENDATION']);

/** Local associations (R40.evaluation): the municipal association and the district associations. */
const LOCAL_ASSOCIATIONS: ReadonlySet<string> = new Set(['MUNICIPAL_ASSOCIATION', 'DISTRICT_ASSOCIATION']);

function nonEmpty(value: string, argument: string): string {
  const trimmed = value.trim();
  if (!trimmed) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`${argument}\` to be non-empty, received ${show(value)}.`, { argument, received: value });
  return trimmed;
}

function yearOf(value: number, argument: string): number {
  if (!Number.isInteger(value) || value < 2000 || value > 2100) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`${argument}\` from 2000 to 2100, received ${value}.`, { argument, received: value });
  }
  return value;
}

/** A day that may not fall before the year it is about (an evaluation or report of the year's work). */
function notBeforeYear(day: string, year: number, argument: string): void {
  if (day < `${year}-01-01`) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`${argument}\` on or after ${year}-01-01, the start of the year it is about, received ${day}.`, {
      argument,
      received: day,
    });
  }
}

/** Yuan for a financial report: zero or more (a year without income or spending), otherwise as parseYuan. */
function reportedYuan(value: string, argument: string): bigint {
  if (/^0{1,13}(?:\.0{1,2})?$/.test(value.trim())) return 0n;
  try {
    return parseYuan(value, argument, 'R42.funding');
  } catch {
    throw ruleViolation('R42.funding', `Expected \`${argument}\` in yuan as a decimal of zero or more with at most two decimals (e.g. "120.50"), received ${show(value)}.`, {
      argument,
      received: value,
    });
  }
}

/** The organisations named, each one checked to exist (NOT_FOUND naming the first unknown one). */
async function organisations(tx: Db, ids: readonly string[], argument: string): Promise<number[]> {
  const parsed = ids.map((id) => parseId(id, argument));
  const [unknown] = await data.unknownOrganisations(tx, [...new Set(parsed)]);
  if (unknown !== undefined) throw userError(ErrorCode.NOT_FOUND, `No Organisation has id "${unknown}" (\`${argument}\`).`, { type: 'Organisation', id: String(unknown), argument });
  return parsed;
}

const organisation = async (tx: Db, id: string, argument: string) => (await organisations(tx, [id], argument))[0]!;

interface Event {
  subjectType: string;
  subjectId: number;
  organisationId: number | null;
  kind: string;
  before?: Record<string, unknown>;
  after: Record<string, unknown>;
}

const event = (tx: Db, actor: string, e: Event) => data.insertEvent(tx, { ...e, before: e.before ?? null, actor });

// ---- activities (Art. 5-12)

export async function recordActivity(db: Db, input: ActivityInput, actor: string): Promise<number> {
  const title = nonEmpty(input.title, 'title');
  if (input.endsOn < input.startsOn) {
    throw ruleViolation('R5-12.dates', `an activity may not end before it starts: expected \`endsOn\` on or after ${input.startsOn}, received ${input.endsOn}.`, {
      argument: 'endsOn',
      expected: `>= ${input.startsOn}`,
      received: input.endsOn,
    });
  }
  const problem = input.problem == null ? null : nonEmpty(input.problem, 'problem');
  if (input.kind === 'TECHNICAL_PROBLEM_SOLVING' && problem === null) {
    throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected `problem` for a TECHNICAL_PROBLEM_SOLVING activity (技术攻关, Art. 7), received none.', { argument: 'problem' });
  }
  if (input.kind !== 'TECHNICAL_PROBLEM_SOLVING' && problem !== null) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected no \`problem\` for a ${input.kind} activity (only TECHNICAL_PROBLEM_SOLVING has one), received ${show(problem)}.`, {
      argument: 'problem',
    });
  }
  if (!input.organiserIds.length) throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected at least one organiser in `organiserIds`, received none.', { argument: 'organiserIds' });
  return inTransaction(db, async (tx) => {
    const organisers = [...new Set(await organisations(tx, input.organiserIds, 'organiserIds'))];
    const values = { kind: input.kind, title, startsOn: input.startsOn, endsOn: input.endsOn, place: input.place?.trim() || null, online: input.online ?? false, problem };
    const id = await data.insertActivity(tx, values, organisers);
    // The events of an activity name its lead organiser: the one with the lowest id, as everywhere in this subgraph.
    await event(tx, actor, { subjectType: 'Activity', subjectId: id, organisationId: Math.min(...organisers), kind: 'ACTIVITY_RECORDED', after: { ...values, organiserIds: organisers } });
    return id;
  });
}

export async function addParticipant(db: Db, input: ParticipantInput, actor: string) {
  const activityId = parseId(input.activityId, 'activityId');
  const personId = parseId(input.personId, 'personId');
  return inTransaction(db, async (tx) => {
    const activity = found(await data.lockActivity(tx, activityId), 'Activity', input.activityId);
    const earlier = await data.findParticipation(tx, activity.id, personId);
    if (earlier) {
      throw userError(ErrorCode.DUPLICATE, `Expected person ${personId} not yet to take part in activity ${activity.id}, but they do, as ${earlier.role}.`, {
        activityId: String(activity.id),
        personId: String(personId),
        role: earlier.role,
      });
    }
    const row = await data.insertParticipation(tx, { activityId: activity.id, personId, role: input.role });
    const [lead] = await data.organiserIdsOf(tx, activity.id);
    await event(tx, actor, { subjectType: 'Activity', subjectId: activity.id, organisationId: lead ?? null, kind: 'PARTICIPANT_ADDED', after: { personId, role: input.role } });
    return row;
  });
}

export async function recordActivityOutcome(db: Db, activityId: string, outcome: string, actor: string): Promise<number> {
  const id = parseId(activityId, 'activityId');
  const text = nonEmpty(outcome, 'outcome');
  return inTransaction(db, async (tx) => {
    const activity = found(await data.lockActivity(tx, id), 'Activity', activityId);
    await data.setActivityOutcome(tx, activity.id, text);
    const [lead] = await data.organiserIdsOf(tx, activity.id);
    await event(tx, actor, { subjectType: 'Activity', subjectId: activity.id, organisationId: lead ?? null, kind: 'OUTCOME_RECORDED', before: { outcome: activity.outcome }, after: { outcome: text } });
    return activity.id;
  });
}

// ---- awards and recommendations (Art. 8, 30)

export async function recordAward(db: Db, input: AwardInput, actor: string) {
  const title = nonEmpty(input.title, 'title');
  const toPerson = input.recipientPersonId != null;
  if (toPerson === (input.recipientOrganisationId != null)) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected exactly one of \`recipientPersonId\` and \`recipientOrganisationId\`, received ${toPerson ? 'both' : 'neither'}.`, {
      argument: 'recipientPersonId',
    });
  }
  if (input.kind === 'COMMENDATION' && input.committeeResolutionId == null) {
    throw ruleViolation('R30.commendation', 'a commendation is decided by the committee (Art. 30): expected `committeeResolutionId`, received none.', { argument: 'committeeResolutionId' });
  }
  const recipientPersonId = input.recipientPersonId == null ? null : parseId(input.recipientPersonId, 'recipientPersonId');
  const committeeResolutionId = input.committeeResolutionId == null ? null : parseId(input.committeeResolutionId, 'committeeResolutionId');
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const recipientOrganisationId = input.recipientOrganisationId == null ? null : await organisation(tx, input.recipientOrganisationId, 'recipientOrganisationId');
    const values = {
      kind: input.kind,
      title,
      organisationId,
      recipientPersonId,
      recipientOrganisationId,
      decidedOn: input.decidedOn,
      committeeResolutionId,
      outcome: RECOMMENDATIONS.has(input.kind) ? ('PENDING' as const) : null,
    };
    const award = await data.insertAward(tx, values);
    await event(tx, actor, { subjectType: 'Award', subjectId: award.id, organisationId, kind: 'AWARD_RECORDED', after: values });
    return award;
  });
}

export async function setAwardOutcome(db: Db, input: AwardOutcomeInput, actor: string) {
  const id = parseId(input.awardId, 'awardId');
  const outcome = input.outcome;
  if (outcome === 'PENDING') throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected `outcome` GRANTED or NOT_GRANTED, received PENDING.', { argument: 'outcome', received: outcome });
  return inTransaction(db, async (tx) => {
    const award = found(await data.lockAward(tx, id), 'Award', input.awardId);
    if (!RECOMMENDATIONS.has(award.kind)) {
      throw ruleViolation('R8.recommendation', `only a recommendation has an outcome: expected one of ${[...RECOMMENDATIONS].join(', ')}, but award ${award.id} is a ${award.kind}.`, {
        expected: [...RECOMMENDATIONS],
        received: award.kind,
      });
    }
    if (award.outcome !== 'PENDING') {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected a PENDING recommendation, but award ${award.id} is ${award.outcome} since ${award.outcomeOn}.`, {
        expected: 'PENDING',
        received: award.outcome,
      });
    }
    if (input.on < award.decidedOn) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`on\` on or after the recommendation of ${award.decidedOn}, received ${input.on}.`, { argument: 'on', received: input.on });
    }
    const updated = await data.setAwardOutcome(tx, award.id, outcome, input.on);
    await event(tx, actor, {
      subjectType: 'Award',
      subjectId: award.id,
      organisationId: award.organisationId,
      kind: 'AWARD_OUTCOME_SET',
      before: { outcome: award.outcome, outcomeOn: null },
      after: { outcome, outcomeOn: input.on },
    });
    return updated;
  });
}

// ---- annual work evaluation (Art. 40)

export async function recordEvaluation(db: Db, input: EvaluationInput, actor: string) {
  const year = yearOf(input.year, 'year');
  notBeforeYear(input.evaluatedOn, year, 'evaluatedOn');
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const evaluatorId = await organisation(tx, input.evaluatorId, 'evaluatorId');
    // R40.evaluation: by a local association above it, i.e. above it in the guidance chain on the day of the evaluation.
    const above = await data.organisationsAbove(tx, organisationId, input.evaluatedOn);
    const locals = above.filter((o) => LOCAL_ASSOCIATIONS.has(o.kind)).map((o) => o.id);
    if (!locals.includes(evaluatorId)) {
      const place = above.find((o) => o.id === evaluatorId);
      const why = place
        ? `it is above it but a ${place.kind}, not a local association`
        : evaluatorId === organisationId
          ? 'an association does not evaluate itself'
          : `it is not above it in the guidance chain on ${input.evaluatedOn}`;
      throw ruleViolation(
        'R40.evaluation',
        `the evaluator must be a local association above the evaluated one: expected one of ${locals.join(', ') || '(none on that day)'} for organisation ${organisationId} on ${input.evaluatedOn}, received ${evaluatorId} (${why}).`,
        { expected: locals.map(String), received: String(evaluatorId) },
      );
    }
    const earlier = await data.evaluationFor(tx, organisationId, year);
    if (earlier) {
      throw ruleViolation(
        'R40.evaluation',
        `${ONE_PER_YEAR}: expected no evaluation of organisation ${organisationId} for ${year} yet, but evaluation ${earlier.id} by ${earlier.evaluatorId} on ${earlier.evaluatedOn} is one.`,
        { existingEvaluationId: String(earlier.id) },
      );
    }
    const values = { organisationId, year, evaluatorId, grade: input.grade, remarks: input.remarks?.trim() || null, evaluatedOn: input.evaluatedOn };
    const evaluation = await data.insertEvaluation(tx, values);
    await event(tx, actor, { subjectType: 'Evaluation', subjectId: evaluation.id, organisationId, kind: 'EVALUATED', after: values });
    return evaluation;
  });
}

// ---- funding and financial reports (Art. 41-42)

export async function recordFunding(db: Db, input: FundingInput, actor: string) {
  const amountFen = parseYuan(input.amount, 'amount', 'R42.funding');
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const row = await data.insertFunding(tx, { organisationId, source: input.source, amountFen, receivedOn: input.receivedOn, description: input.description?.trim() || null });
    await event(tx, actor, {
      subjectType: 'FundingRecord',
      subjectId: row.id,
      organisationId,
      kind: 'FUNDING_RECORDED',
      after: { source: input.source, amountFen: String(amountFen), receivedOn: input.receivedOn },
    });
    return row;
  });
}

export async function recordFinancialReport(db: Db, input: FinancialReportInput, actor: string) {
  const year = yearOf(input.year, 'year');
  notBeforeYear(input.reportedOn, year, 'reportedOn');
  const incomeFen = reportedYuan(input.income, 'income');
  const expenditureFen = reportedYuan(input.expenditure, 'expenditure');
  return inTransaction(db, async (tx) => {
    const organisationId = await organisation(tx, input.organisationId, 'organisationId');
    const row = await data.insertReport(tx, { organisationId, year, reportedTo: input.reportedTo, reportedOn: input.reportedOn, incomeFen, expenditureFen });
    await event(tx, actor, {
      subjectType: 'FinancialReport',
      subjectId: row.id,
      organisationId,
      kind: 'FINANCES_REPORTED',
      after: { year, reportedTo: input.reportedTo, incomeFen: String(incomeFen), expenditureFen: String(expenditureFen) },
    });
    return row;
  });
}
