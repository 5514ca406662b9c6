// Awards and recommendations (Art. 8, 30).
import type { Db } from '@cq/db';
import { resolutionsByIds } from '@cq/db/decisions';
import { ErrorCode, found, parseId, ruleViolation, userError } from '@cq/domain';
import * as data from '../data/awards.ts';
import type { AwardInput, AwardOutcomeInput } from '../generated/resolvers.ts';
import { event, inTransaction, nonEmpty, organisation } from './shared.ts';

/** Whether the kind of award is a recommendation for an award (R8.recommendation): only these have an outcome. */
const RECOMMENDATIONS: ReadonlySet<string> = new Set(['NATIONAL_AWARD_RECOMMENDATION', 'CHONGQING_AWARD_RECOMMENDATION', 'SOCIAL_AWARD_RECOMMENDATION']);

/**
 * R30.commendation (Art. 30 (六)): the resolution a commendation cites is a passed resolution of the awarding
 * association's committee, voted on or before the day of the award (read from the people subgraph's decisions read
 * model).
 */
async function requireCommitteeDecision(tx: Db, resolutionId: number, organisationId: number, decidedOn: string): Promise<void> {
  const [resolution] = await resolutionsByIds(tx, [resolutionId]);
  if (!resolution) throw userError(ErrorCode.NOT_FOUND, `No Resolution has id "${resolutionId}".`, { type: 'Resolution', id: String(resolutionId) });
  const problem =
    resolution.organisationId !== organisationId
      ? `it is a resolution of organisation ${resolution.organisationId}, not of ${organisationId}`
      : resolution.committeeKind !== 'COMMITTEE'
        ? `it is a resolution of a ${resolution.committeeKind}, not of the committee`
        : resolution.outcome !== 'PASSED'
          ? `its outcome is ${resolution.outcome}`
          : resolution.heldOn > decidedOn
            ? `it was voted on ${resolution.heldOn}, after the award (${decidedOn})`
            : null;
  if (problem) {
    throw ruleViolation('R30.commendation', `a commendation is decided by a passed resolution of the awarding association's committee, on or before the award; resolution ${resolutionId} does not qualify: ${problem}.`, {
      argument: 'committeeResolutionId',
      received: String(resolutionId),
    });
  }
}

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
    if (committeeResolutionId !== null) await requireCommitteeDecision(tx, committeeResolutionId, organisationId, input.decidedOn);
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
