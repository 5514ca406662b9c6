// Sanctions and deregistration (Art. 19), each only by the approving association (R19.authority).
import { ErrorCode, found, parseId, ruleViolation, todayInChina, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import { refreshOrganisation } from '@cq/db/hierarchy-maintenance';
import * as data from '../data/life-cycle.ts';
import type { OrganisationRow } from '../data/organisations.ts';
import type { CompleteRectificationInput, DeregisterInput, DeregistrationApplicationInput, OrderRectificationInput, SanctionInput } from '../generated/resolvers.ts';
import { inTransaction, lockedOrganisation, requireActive, requireApprover, requireOrder } from './shared.ts';

export async function orderRectification(db: Db, input: OrderRectificationInput, actor: string, today = todayInChina()) {
  if (input.deadline <= input.on) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a deadline after the decision (${input.on}), received ${input.deadline}.`, { expected: `> ${input.on}`, received: input.deadline });
  }
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'order a rectification');
    const byId = await requireApprover(tx, o, input.by, input.on, today, 'order a rectification of');
    const sanction = await data.insertSanction(tx, { organisationId: o.id, kind: 'RECTIFICATION', byId, decidedOn: input.on, deadline: input.deadline, reason: input.reason, documentNo: input.documentNo ?? null });
    await data.insertEvent(tx, { organisationId: o.id, kind: 'RECTIFICATION_ORDERED', actor, effectiveOn: input.on, documentNo: input.documentNo ?? null, after: { sanctionId: sanction.id, deadline: input.deadline } });
    return sanction;
  });
}

export async function completeRectification(db: Db, input: CompleteRectificationInput, actor: string, today = todayInChina()) {
  return inTransaction(db, async (tx) => {
    const sanction = found(await data.lockSanction(tx, parseId(input.sanctionId, 'sanctionId')), 'Sanction', input.sanctionId);
    if (sanction.kind !== 'RECTIFICATION' || sanction.completedOn) {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected an open rectification, received ${sanction.kind} ${sanction.id}${sanction.completedOn ? ` completed on ${sanction.completedOn}` : ''}.`);
    }
    const o = await lockedOrganisation(tx, String(sanction.organisationId));
    await requireApprover(tx, o, input.by, input.on, today, 'accept the rectification of');
    requireOrder(sanction.decidedOn, input.on, 'the completion');
    const done = await data.completeSanction(tx, sanction.id, input.on);
    await data.insertEvent(tx, { organisationId: o.id, kind: 'RECTIFICATION_COMPLETED', actor, effectiveOn: input.on, before: { sanctionId: sanction.id, completedOn: null }, after: { completedOn: input.on } });
    return done;
  });
}

export async function issueWarning(db: Db, input: SanctionInput, actor: string, today = todayInChina()) {
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'warn it');
    const byId = await requireApprover(tx, o, input.by, input.on, today, 'warn');
    if (!(await data.unmetRectifications(tx, o.id, input.on)).length) {
      const orders = await data.rectificationsOf(tx, o.id);
      const seen = orders.map((r) => `ordered ${r.decidedOn}, deadline ${r.deadline}${r.completedOn ? `, accepted as done ${r.completedOn}` : ''}`);
      throw ruleViolation(
        'R19.warning',
        `a warning follows an order to rectify whose deadline passed before ${input.on} without the rectification being accepted as done, but ${o.nameZh} (${o.id}) has ${seen.length ? `only: ${seen.join('; ')}` : 'no order to rectify'}.`,
      );
    }
    const sanction = await data.insertSanction(tx, { organisationId: o.id, kind: 'WARNING', byId, decidedOn: input.on, reason: input.reason, documentNo: input.documentNo ?? null });
    await data.insertEvent(tx, { organisationId: o.id, kind: 'WARNED', actor, effectiveOn: input.on, documentNo: input.documentNo ?? null, after: { sanctionId: sanction.id } });
    return sanction;
  });
}

/** Ends every relationship from or to the organisation that still holds; the rows stay as history. */
async function close(tx: Db, o: OrganisationRow, on: string, status: 'REVOKED' | 'DEREGISTERED', byId: number, documentNo: string | null, detail: Record<string, unknown>, actor: string) {
  // A relationship that began after the effective date would outlive the association: date the end after it.
  const later = await data.relationshipsStartingAfter(tx, o.id, on);
  if (later.length) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected an effective date on or after the start of every relationship of ${o.nameZh} (${o.id}), received ${on}; relationship ${later[0]!.id} began on ${later[0]!.validFrom}.`, {
      argument: 'on',
      received: on,
    });
  }
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

export async function revokeAssociation(db: Db, input: SanctionInput, actor: string, today = todayInChina()) {
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'revoke it');
    const byId = await requireApprover(tx, o, input.by, input.on, today, 'revoke');
    await data.insertSanction(tx, { organisationId: o.id, kind: 'REVOCATION', byId, decidedOn: input.on, reason: input.reason, documentNo: input.documentNo ?? null });
    return close(tx, o, input.on, 'REVOKED', byId, input.documentNo ?? null, { reason: input.reason }, actor);
  });
}

/** R19.dereg-application: the association applies to its approving association to deregister (Art. 19). */
export async function applyToDeregister(db: Db, input: DeregistrationApplicationInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'apply to deregister it');
    await data.insertEvent(tx, { organisationId: o.id, kind: 'DEREGISTRATION_APPLIED', actor, effectiveOn: input.on, documentNo: input.documentNo ?? null, after: { reason: input.reason } });
    return o;
  });
}

export async function deregisterAssociation(db: Db, input: DeregisterInput, actor: string, today = todayInChina()) {
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'deregister it');
    const byId = await requireApprover(tx, o, input.by, input.on, today, 'deregister');
    const applied = await data.deregistrationApplication(tx, o.id, input.on);
    if (!applied) {
      throw ruleViolation('R19.dereg-application', `an association is deregistered on its own application to the association that approved it (Art. 19), but ${o.nameZh} (${o.id}) has none on or before ${input.on}.`);
    }
    if (applied.reason !== input.reason) {
      throw ruleViolation('R19.dereg', `the deregistration records the reason the association applied for: expected ${applied.reason} (applied ${applied.effectiveOn}), received ${input.reason}.`, {
        expected: applied.reason,
        received: input.reason,
      });
    }
    return close(tx, o, input.on, 'DEREGISTERED', byId, input.documentNo ?? null, { reason: input.reason }, actor);
  });
}
