// Sanctions and deregistration (Art. 19), each only by the approving association (R19.authority).
import { ErrorCode, found, parseId, ruleViolation, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import { refreshOrganisation } from '@cq/db/hierarchy-maintenance';
import * as data from '../data/life-cycle.ts';
import type { OrganisationRow } from '../data/organisations.ts';
import type { CompleteRectificationInput, DeregisterInput, OrderRectificationInput, SanctionInput } from '../generated/resolvers.ts';
import { inTransaction, lockedOrganisation, requireActive, requireApprover, requireOrder } from './shared.ts';

export async function orderRectification(db: Db, input: OrderRectificationInput, actor: string) {
  if (input.deadline <= input.on) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a deadline after the decision (${input.on}), received ${input.deadline}.`, { expected: `> ${input.on}`, received: input.deadline });
  }
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'order a rectification');
    const byId = await requireApprover(tx, o, input.by, input.on, 'order a rectification of');
    const sanction = await data.insertSanction(tx, { organisationId: o.id, kind: 'RECTIFICATION', byId, decidedOn: input.on, deadline: input.deadline, reason: input.reason, documentNo: input.documentNo ?? null });
    await data.insertEvent(tx, { organisationId: o.id, kind: 'RECTIFICATION_ORDERED', actor, effectiveOn: input.on, documentNo: input.documentNo ?? null, after: { sanctionId: sanction.id, deadline: input.deadline } });
    return sanction;
  });
}

export async function completeRectification(db: Db, input: CompleteRectificationInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const sanction = found(await data.lockSanction(tx, parseId(input.sanctionId, 'sanctionId')), 'Sanction', input.sanctionId);
    if (sanction.kind !== 'RECTIFICATION' || sanction.completedOn) {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected an open rectification, received ${sanction.kind} ${sanction.id}${sanction.completedOn ? ` completed on ${sanction.completedOn}` : ''}.`);
    }
    const o = await lockedOrganisation(tx, String(sanction.organisationId));
    await requireApprover(tx, o, input.by, input.on, 'accept the rectification of');
    requireOrder(sanction.decidedOn, input.on, 'the completion');
    const done = await data.completeSanction(tx, sanction.id, input.on);
    await data.insertEvent(tx, { organisationId: o.id, kind: 'RECTIFICATION_COMPLETED', actor, effectiveOn: input.on, before: { sanctionId: sanction.id, completedOn: null }, after: { completedOn: input.on } });
    return done;
  });
}

export async function issueWarning(db: Db, input: SanctionInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'warn it');
    const byId = await requireApprover(tx, o, input.by, input.on, 'warn');
    if (!(await data.rectificationsBefore(tx, o.id, input.on)).length) {
      throw ruleViolation('R19.warning', `a warning follows a rectification that brought no clear improvement, but ${o.nameZh} (${o.id}) had no rectification ordered before ${input.on}.`);
    }
    const sanction = await data.insertSanction(tx, { organisationId: o.id, kind: 'WARNING', byId, decidedOn: input.on, reason: input.reason, documentNo: input.documentNo ?? null });
    await data.insertEvent(tx, { organisationId: o.id, kind: 'WARNED', actor, effectiveOn: input.on, documentNo: input.documentNo ?? null, after: { sanctionId: sanction.id } });
    return sanction;
  });
}

/** Ends every relationship from or to the organisation that still holds; the rows stay as history. */
async function close(tx: Db, o: OrganisationRow, on: string, status: 'REVOKED' | 'DEREGISTERED', byId: number, documentNo: string | null, detail: Record<string, unknown>, actor: string) {
  const held = await data.relationshipsTouching(tx, o.id, on);
  for (const r of held) await data.endRelationship(tx, r.id, on);
  const updated = await data.updateOrganisation(tx, o.id, { status });
  await data.insertEvent(tx, {
    organisationId: o.id,
    kind: status,
    actor,
    effectiveOn: on,
    documentNo,
    before: { status: o.status },
    after: { status, endedRelationshipIds: held.map((r) => r.id), ...detail },
  });
  await refreshOrganisation(tx, o.id);
  return updated;
}

export async function revokeAssociation(db: Db, input: SanctionInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'revoke it');
    const byId = await requireApprover(tx, o, input.by, input.on, 'revoke');
    await data.insertSanction(tx, { organisationId: o.id, kind: 'REVOCATION', byId, decidedOn: input.on, reason: input.reason, documentNo: input.documentNo ?? null });
    return close(tx, o, input.on, 'REVOKED', byId, input.documentNo ?? null, { reason: input.reason }, actor);
  });
}

export async function deregisterAssociation(db: Db, input: DeregisterInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'deregister it');
    const byId = await requireApprover(tx, o, input.by, input.on, 'deregister');
    return close(tx, o, input.on, 'DEREGISTERED', byId, input.documentNo ?? null, { reason: input.reason }, actor);
  });
}
