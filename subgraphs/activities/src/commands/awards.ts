// Awards and recommendations (Art. 8, 30).
import type { Db } from '@cq/db';
import { ErrorCode, found, parseId, ruleViolation, userError } from '@cq/domain';
import * as data from '../data/awards.ts';
import type { AwardInput, AwardOutcomeInput } from '../generated/resolvers.ts';
import { event, inTransaction, nonEmpty, organisation } from './shared.ts';

/** Whether the kind of award is a recommendation for an award (R8.recommendation): only these have an outcome. */
const RECOMMENDATIONS: ReadonlySet<string> = new Set(['NATIONAL_AWARD_RECOMMENDATION', 'CHONGQING_AWARD_RECOMMENDATION', 'SOCIAL_AWARD_RECOMMENDATION']);

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
