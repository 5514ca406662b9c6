// Changes to the structure: transfer of affiliation (Art. 3) and relationships added or ended (Art. 3, 16-18).
import { ErrorCode, found, notFound, parseId, ruleViolation, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import { chainPathOn } from '@cq/db/hierarchy';
import { refreshOrganisation } from '@cq/db/hierarchy-maintenance';
import * as data from '../data/life-cycle.ts';
import type { OrganisationRow, RelationshipKind } from '../data/organisations.ts';
import type { AddRelationshipInput, EndRelationshipInput, TransferAffiliationInput } from '../generated/resolvers.ts';
import { existingOrganisation, inTransaction, lockedOrganisation, requireActive } from './shared.ts';

/** Kinds that hold one at a time for the subordinate side; the chain kinds share one slot. */
const CHAIN: RelationshipKind[] = ['GUIDANCE', 'APPROVAL'];
/** The kinds the hierarchy read model holds: a change to one refreshes it. */
const READ_MODEL: RelationshipKind[] = [...CHAIN, 'LIAISON'];
const SINGLE_SLOT: Partial<Record<RelationshipKind, RelationshipKind[]>> = {
  GUIDANCE: CHAIN,
  APPROVAL: CHAIN,
  LIAISON: ['LIAISON'],
  GROUP_GUIDANCE: ['GROUP_GUIDANCE'],
};

/**
 * R3.transfer: the enterprise's registered district moves inside Chongqing. A district-level association's approval
 * passes from the old district association to the new one on the same day; a municipal-level one only changes its
 * liaison district (R3.liaison). The enterprise's other organisations (its workstation, say) move with it, and the
 * enterprise keeps its old district as history. One transaction, the rows locked, so two transfers cannot interleave.
 */
export async function transferAffiliation(db: Db, input: TransferAffiliationInput, actor: string): Promise<OrganisationRow> {
  return inTransaction(db, async (tx) => {
    const o = await lockedOrganisation(tx, input.organisationId);
    requireActive(o, 'transfer it');
    if (!o.enterpriseId || o.kind === 'DISTRICT_ASSOCIATION' || o.kind === 'MUNICIPAL_ASSOCIATION') {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected an association of an enterprise, received ${o.kind} ${o.id}.`);
    }
    const enterprise = (await data.findEnterprise(tx, o.enterpriseId))!;
    const target = found(await data.districtAssociation(tx, input.toDistrictCode), 'District', input.toDistrictCode);
    if (enterprise.districtCode === input.toDistrictCode) {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected a new registered district, but enterprise ${enterprise.id} is already registered in ${input.toDistrictCode}.`);
    }
    const from = { code: enterprise.districtCode, associationId: (await data.districtAssociation(tx, enterprise.districtCode))?.id ?? null };
    const updated = await moveOrganisation(tx, o, from, target, input, actor, true);
    for (const other of await data.lockOtherOrganisationsOfEnterprise(tx, enterprise.id, o.id)) {
      await moveOrganisation(tx, other, from, target, input, actor, false);
    }
    await data.moveEnterprise(tx, enterprise, input.toDistrictCode, input.on, input.documentNo);
    return updated;
  });
}

/**
 * Moves one organisation of the enterprise to the district of `target`: its approval (district level) or liaison
 * (municipal level) that began before the day ends and a new one starts, if it has one; its registered district
 * changes either way. `required`: the organisation asked for must have the relationship to move.
 */
async function moveOrganisation(
  tx: Db,
  o: OrganisationRow,
  from: { code: string; associationId: number | null },
  target: OrganisationRow,
  input: TransferAffiliationInput,
  actor: string,
  required: boolean,
) {
  const moving: RelationshipKind = o.level === 'MUNICIPAL' ? 'LIAISON' : 'APPROVAL';
  const held = await data.relationshipsFromOnOrAfter(tx, o.id, [moving], input.on);
  const current = held.find((r) => r.validFrom <= input.on);
  const movable = current && held.length === 1 && current.validFrom < input.on;
  if (required && !movable) {
    throw userError(
      ErrorCode.ILLEGAL_TRANSITION,
      `R3.transfer: expected one ${moving} relationship of ${o.id} that began before ${input.on} and nothing later, received ${held.map((r) => `${r.kind} from ${r.validFrom}`).join(', ') || 'none'}.`,
      { rule: 'R3.transfer' },
    );
  }
  // Another organisation of the enterprise moves its link only if it ran to the old district association.
  const moves = movable && (required || current.toId === from.associationId);
  if (moves) {
    await data.endRelationship(tx, current.id, input.on);
    await data.insertRelationship(tx, { kind: moving, fromId: o.id, toId: target.id, validFrom: input.on, documentNo: input.documentNo, documentDate: input.on });
  }
  const updated = await data.updateOrganisation(tx, o.id, { districtCode: input.toDistrictCode });
  await data.insertEvent(tx, {
    organisationId: o.id,
    kind: 'TRANSFERRED',
    // The original district association hands the relationship over (Art. 3).
    actor,
    effectiveOn: input.on,
    documentNo: input.documentNo,
    before: { districtCode: from.code, ...(moves ? { [moving]: current.toId } : {}) },
    after: { districtCode: input.toDistrictCode, ...(moves ? { [moving]: target.id } : {}) },
  });
  await refreshOrganisation(tx, o.id);
  return updated;
}

async function checkKindRules(tx: Db, kind: RelationshipKind, from: OrganisationRow, to: OrganisationRow): Promise<void> {
  const groupParent = async () => {
    const enterprise = from.enterpriseId ? await data.findEnterprise(tx, from.enterpriseId) : null;
    return enterprise?.parentEnterpriseId ?? null;
  };
  switch (kind) {
    case 'APPROVAL':
      throw userError(ErrorCode.INVALID_ARGUMENT, 'Expected APPROVAL to start by approveApplication (or end by transferAffiliation, revocation or deregistration), not directly.');
    case 'GUIDANCE':
      if (to.kind !== 'MUNICIPAL_ASSOCIATION' || !['DISTRICT_ASSOCIATION', 'LEARNED_SOCIETY'].includes(from.kind)) {
        throw userError(ErrorCode.INVALID_ARGUMENT, `Expected GUIDANCE from a district association or learned society to the municipal association, received ${from.kind} → ${to.kind}.`);
      }
      return;
    case 'LIAISON':
      if (from.level !== 'MUNICIPAL' || to.kind !== 'DISTRICT_ASSOCIATION' || to.districtCode !== from.districtCode) {
        throw ruleViolation('R3.liaison', `a liaison runs from a municipal-level association to the district association of its registered district (${from.districtCode}), received ${from.level ?? 'no level'} → ${to.kind} of ${to.districtCode}.`);
      }
      return;
    case 'GROUP_GUIDANCE': {
      const parent = await groupParent();
      if (!parent || to.enterpriseId !== parent) {
        throw ruleViolation('R16.group', `group guidance runs to the association of the parent enterprise in the group: expected the association of enterprise ${parent ?? '(none: no parent enterprise)'}, received ${to.kind} ${to.id}.`);
      }
      return;
    }
    case 'GROUP_MEMBER':
      throw ruleViolation('R17.group-member', 'a group membership starts by the association\'s application and the receiving body\'s decision (applyForGroupMembership, decideGroupMembership), not directly.');
    case 'FEDERATION_MEMBER':
      if (to.kind !== 'FEDERATION' || from.kind !== 'ENTERPRISE_ASSOCIATION') {
        throw userError(ErrorCode.INVALID_ARGUMENT, `Expected an enterprise association joining a FEDERATION, received ${from.kind} → ${to.kind}.`);
      }
      return;
  }
}

export async function addRelationship(db: Db, input: AddRelationshipInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const from = await lockedOrganisation(tx, input.fromId, 'fromId');
    const to = await existingOrganisation(tx, input.toId, 'toId');
    if (from.id === to.id) throw userError(ErrorCode.INVALID_ARGUMENT, `Expected two different organisations, received ${from.id} twice.`);
    requireActive(from, `start a ${input.kind} relationship`);
    requireActive(to, `receive a ${input.kind} relationship`);
    if (CHAIN.includes(input.kind) && (await chainPathOn(tx, to.id, input.validFrom) ?? [to.id]).includes(from.id)) {
      throw userError(ErrorCode.HIERARCHY_CYCLE, `Expected ${to.id} not to be below ${from.id} in the guidance chain, but it is on ${input.validFrom}: ${from.id} would become its own ancestor.`);
    }
    await checkKindRules(tx, input.kind, from, to);

    const slot = SINGLE_SLOT[input.kind];
    const clash = (await data.relationshipsFromOnOrAfter(tx, from.id, slot ?? [input.kind], input.validFrom)).filter(
      (r) => slot || r.toId === to.id,
    );
    if (clash.length) {
      throw userError(
        ErrorCode.RELATIONSHIP_CONFLICT,
        `Expected no ${slot ? slot.join(' or ') : input.kind} relationship of ${from.id}${slot ? '' : ` to ${to.id}`} holding on or after ${input.validFrom}, but relationship ${clash[0]!.id} (${clash[0]!.kind}) holds from ${clash[0]!.validFrom}${clash[0]!.validTo ? ` to ${clash[0]!.validTo}` : ''}.`,
        { relationshipId: String(clash[0]!.id) },
      );
    }
    const row = await data.insertRelationship(tx, {
      kind: input.kind,
      fromId: from.id,
      toId: to.id,
      validFrom: input.validFrom,
      documentNo: input.documentNo ?? null,
      documentDate: input.documentDate ?? null,
    });
    await data.insertEvent(tx, {
      organisationId: from.id,
      kind: 'RELATIONSHIP_STARTED',
      actor,
      effectiveOn: input.validFrom,
      documentNo: input.documentNo ?? null,
      after: { relationshipId: row.id, kind: row.kind, toId: to.id },
    });
    if (READ_MODEL.includes(input.kind)) await refreshOrganisation(tx, from.id);
    return row;
  });
}

export async function endRelationship(db: Db, input: EndRelationshipInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const r = found(await data.lockRelationship(tx, parseId(input.relationshipId, 'relationshipId')), 'Relationship', input.relationshipId);
    if (r.validTo) {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected a relationship that holds, but relationship ${r.id} ended on ${r.validTo}.`);
    }
    if (r.kind === 'APPROVAL') {
      throw userError(ErrorCode.ILLEGAL_TRANSITION, 'Expected an approval to end only by transferAffiliation, revokeAssociation or deregisterAssociation.');
    }
    if (r.kind === 'LIAISON') {
      throw ruleViolation('R3.liaison', `a municipal-level association always has a liaison district association: its liaison ends only when a transfer replaces it or the association is revoked or deregistered, not by endRelationship (relationship ${r.id}).`);
    }
    if (input.on <= r.validFrom) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected an end after the start (${r.validFrom}), received ${input.on}.`, { expected: `> ${r.validFrom}`, received: input.on });
    }
    if (!(await data.findOrganisation(tx, r.fromId))) throw notFound('Organisation', String(r.fromId));
    const row = await data.endRelationship(tx, r.id, input.on);
    await data.insertEvent(tx, {
      organisationId: r.fromId,
      kind: 'RELATIONSHIP_ENDED',
      actor,
      effectiveOn: input.on,
      documentNo: input.documentNo ?? null,
      before: { relationshipId: r.id, kind: r.kind, toId: r.toId, validTo: null },
      after: { validTo: input.on },
    });
    if (READ_MODEL.includes(r.kind)) await refreshOrganisation(tx, r.fromId);
    return row;
  });
}

/**
 * Art. 14: a district chooses how it founds associations, from a day on (today unless said; never an earlier day, so
 * no application already submitted changes its course: R14.mode). Recorded as an event of its district association.
 */
export async function setApprovalMode(db: Db, districtCode: string, mode: 'APPROVAL' | 'FILING', from: string | null | undefined, today: string, actor: string) {
  const on = from ?? today;
  if (on < today) {
    throw ruleViolation('R14.mode', `a change of approval mode takes effect today or later, so that applications already submitted keep the mode they were submitted under: expected a date on or after ${today}, received ${on}.`, {
      expected: `>= ${today}`,
      received: on,
    });
  }
  return inTransaction(db, async (tx) => {
    found(await data.findDistrict(tx, districtCode), 'District', districtCode);
    const modeBefore = await data.approvalModeOn(tx, districtCode, on);
    const district = (await data.recordApprovalMode(tx, districtCode, mode, on, today))!;
    const association = await data.districtAssociation(tx, districtCode);
    if (association && modeBefore !== mode) {
      await data.insertEvent(tx, { organisationId: association.id, kind: 'APPROVAL_MODE_CHANGED', actor, effectiveOn: on, before: { approvalMode: modeBefore }, after: { approvalMode: mode } });
    }
    return district;
  });
}
