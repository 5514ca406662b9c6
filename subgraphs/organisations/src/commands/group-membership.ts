// Group membership (团体会员, Art. 16, 17): an association applies to join a body, and the body applied to decides
// (R17.group-member). Only enterprise, park and consortium associations (the 企业科协 of Art. 1) join, and only a
// district association, the municipal association, or the association of their group parent (Art. 16).
import { ErrorCode, found, hasMembers, parseId, ruleViolation, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import * as data from '../data/life-cycle.ts';
import type { OrganisationRow } from '../data/organisations.ts';
import type { GroupMemberApplicationInput, GroupMemberDecisionInput } from '../generated/resolvers.ts';
import { existingOrganisation, inTransaction, lockedOrganisation, requireActive, requireOrder } from './shared.ts';

async function requireReceivingBody(tx: Db, from: OrganisationRow, to: OrganisationRow): Promise<void> {
  if (to.kind === 'DISTRICT_ASSOCIATION' || to.kind === 'MUNICIPAL_ASSOCIATION') return;
  const enterprise = from.enterpriseId ? await data.findEnterprise(tx, from.enterpriseId) : null;
  if (enterprise?.parentEnterpriseId && to.enterpriseId === enterprise.parentEnterpriseId) return;
  throw ruleViolation(
    'R17.group-member',
    `an association joins as a group member a district association, the municipal association or its group parent's association (Art. 16, 17); received ${to.kind} ${to.nameZh} (${to.id}).`,
    { received: to.kind },
  );
}

export async function applyForGroupMembership(db: Db, input: GroupMemberApplicationInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const from = await lockedOrganisation(tx, input.organisationId);
    const to = await existingOrganisation(tx, input.toId, 'toId');
    if (!hasMembers(from.kind)) {
      throw ruleViolation('R17.group-member', `only enterprise, park and consortium associations join as group members (Art. 16, 17); received ${from.kind} ${from.nameZh} (${from.id}).`, {
        received: from.kind,
      });
    }
    await requireReceivingBody(tx, from, to);
    requireActive(from, 'apply for group membership');
    requireActive(to, 'receive group members');
    const pending = await data.pendingGroupMemberApplication(tx, from.id, to.id);
    if (pending) {
      throw userError(ErrorCode.DUPLICATE, `Expected no pending application of ${from.id} to join ${to.id}, but application ${pending.id} of ${pending.submittedOn} awaits a decision.`, {
        applicationId: String(pending.id),
      });
    }
    const member = (await data.relationshipsFromOnOrAfter(tx, from.id, ['GROUP_MEMBER'], input.on)).find((r) => r.toId === to.id);
    if (member) {
      throw userError(ErrorCode.DUPLICATE, `Expected ${from.id} not to be a group member of ${to.id} on or after ${input.on}, but relationship ${member.id} holds from ${member.validFrom}.`, {
        relationshipId: String(member.id),
      });
    }
    const application = await data.insertGroupMemberApplication(tx, { organisationId: from.id, appliedToId: to.id, submittedOn: input.on, documentNo: input.documentNo ?? null });
    await data.insertEvent(tx, {
      organisationId: from.id,
      kind: 'GROUP_MEMBERSHIP_APPLIED',
      actor,
      effectiveOn: input.on,
      documentNo: input.documentNo ?? null,
      after: { groupMemberApplicationId: application.id, toId: to.id },
    });
    return application;
  });
}

export async function decideGroupMembership(db: Db, input: GroupMemberDecisionInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const application = found(await data.lockGroupMemberApplication(tx, parseId(input.applicationId, 'applicationId')), 'GroupMemberApplication', input.applicationId);
    if (application.decision) {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected an undecided application, but group-member application ${application.id} was ${application.decision} on ${application.decidedOn}.`);
    }
    if (String(application.appliedToId) !== input.by) {
      throw ruleViolation('R17.group-member', `only the body applied to decides: expected by = "${application.appliedToId}", received "${input.by}".`, {
        expected: String(application.appliedToId),
        received: input.by,
      });
    }
    requireOrder(application.submittedOn, input.on, 'the decision');
    const from = await lockedOrganisation(tx, String(application.organisationId));
    let relationshipId: number | null = null;
    if (input.accept) {
      requireActive(from, 'join as a group member');
      const relationship = await data.insertRelationship(tx, { kind: 'GROUP_MEMBER', fromId: from.id, toId: application.appliedToId, validFrom: input.on, documentNo: input.documentNo, documentDate: input.on });
      relationshipId = relationship.id;
    }
    const decided = await data.decideGroupMemberApplication(tx, application.id, {
      decision: input.accept ? 'ACCEPTED' : 'REFUSED',
      decidedOn: input.on,
      decisionDocumentNo: input.documentNo,
      relationshipId,
    });
    await data.insertEvent(tx, {
      organisationId: from.id,
      kind: input.accept ? 'RELATIONSHIP_STARTED' : 'GROUP_MEMBERSHIP_REFUSED',
      actor,
      effectiveOn: input.on,
      documentNo: input.documentNo,
      after: { groupMemberApplicationId: application.id, ...(relationshipId ? { relationshipId, kind: 'GROUP_MEMBER', toId: application.appliedToId } : {}) },
    });
    return decided;
  });
}
