// Activities and their participants (Art. 5-12).
import type { Db } from '@cq/db';
import { ErrorCode, found, parseId, ruleViolation, show, userError } from '@cq/domain';
import * as data from '../data/activities.ts';
import type { ActivityInput, ParticipantInput } from '../generated/resolvers.ts';
import { event, inTransaction, nonEmpty, organisations } from './shared.ts';

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
