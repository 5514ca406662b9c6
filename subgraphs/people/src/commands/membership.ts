// Individual membership (Art. 20-24): application, admission, withdrawal, revocation, dues.
import { ErrorCode, found, MAX_NAME, parseId, parseYuan, requiredText, ruleViolation, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import * as leadership from '../data/leadership.ts';
import * as data from '../data/people.ts';
import type { DuesPaymentInput, MembershipApplicationInput, MembershipDecisionInput, RegisterPersonInput, RevokeMembershipInput } from '../generated/resolvers.ts';
import { hashIdentityNumber } from '../identity.ts';
import { resolutionOutcome } from '../rules.ts';
import { existingOrganisation, existingPerson, inTransaction, requireActiveAssociation, requireOrder, requireStatus } from './shared.ts';

export async function registerPerson(db: Db, input: RegisterPersonInput, actor: string) {
  const nameZh = requiredText(input.nameZh, 'nameZh', MAX_NAME);
  const identityNumberHash = input.identityNumber ? hashIdentityNumber(input.identityNumber, 'identityNumber') : null;
  return inTransaction(db, async (tx) => {
    const person = await data.insertPerson(tx, {
      nameZh,
      category: input.category,
      employerEnterpriseId: input.employerEnterpriseId ? parseId(input.employerEnterpriseId, 'employerEnterpriseId') : null,
      professionalFields: [...(input.professionalFields ?? [])],
      titles: [...(input.titles ?? [])],
      email: input.email ?? null,
      phone: input.phone ?? null,
      identityNumberHash,
    });
    await data.insertEvent(tx, { subjectType: 'Person', subjectId: person.id, personId: person.id, kind: 'REGISTERED', actor });
    return person;
  });
}

async function lockedMembership(tx: Db, id: string) {
  return found(await data.lockMembership(tx, parseId(id, 'membershipId')), 'Membership', id);
}

async function change(tx: Db, m: data.MembershipRow, kind: string, on: string, values: Partial<data.MembershipRow>, actor: string) {
  const updated = await data.updateMembership(tx, m, values);
  await data.insertEvent(tx, {
    subjectType: 'Membership',
    subjectId: m.id,
    organisationId: m.organisationId,
    personId: m.personId,
    kind,
    actor,
    effectiveOn: on,
    before: { status: m.status },
    after: { status: updated.status, ...values },
  });
  return updated;
}

export async function applyForMembership(db: Db, input: MembershipApplicationInput, today: string, actor: string) {
  const on = input.on ?? today;
  return inTransaction(db, async (tx) => {
    const person = await existingPerson(tx, input.personId);
    const organisationId = await existingOrganisation(tx, input.organisationId);
    await requireActiveAssociation(tx, organisationId, on, 'a membership application');
    const open = await data.openMembership(tx, person.id, organisationId);
    if (open) {
      throw userError(ErrorCode.DUPLICATE, `Expected no open membership of person ${person.id} in organisation ${organisationId}, but membership ${open.id} is ${open.status}.`, {
        membershipId: String(open.id),
      });
    }
    const m = await data.insertMembership(tx, { personId: person.id, organisationId, status: 'APPLIED', appliedOn: on });
    await data.insertEvent(tx, { subjectType: 'Membership', subjectId: m.id, organisationId, personId: person.id, kind: 'APPLIED', actor, effectiveOn: on, after: { status: 'APPLIED' } });
    return m;
  });
}

export async function admitMember(db: Db, input: MembershipDecisionInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const m = await lockedMembership(tx, input.membershipId);
    requireStatus(m.status, ['APPLIED'], 'admission');
    requireOrder(m.appliedOn, input.on, 'the admission');
    await requireActiveAssociation(tx, m.organisationId, input.on, 'an admission');
    return change(tx, m, 'ADMITTED', input.on, { status: 'ACTIVE', validFrom: input.on }, actor);
  });
}

export async function applyToWithdraw(db: Db, input: MembershipDecisionInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const m = await lockedMembership(tx, input.membershipId);
    requireStatus(m.status, ['ACTIVE'], 'a withdrawal application');
    if (m.withdrawalAppliedOn) throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected no pending withdrawal, but the member applied on ${m.withdrawalAppliedOn}.`);
    requireOrder(m.validFrom!, input.on, 'the withdrawal application');
    return change(tx, m, 'WITHDRAWAL_APPLIED', input.on, { withdrawalAppliedOn: input.on }, actor);
  });
}

export async function confirmWithdrawal(db: Db, input: MembershipDecisionInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const m = await lockedMembership(tx, input.membershipId);
    requireStatus(m.status, ['ACTIVE'], 'a withdrawal');
    if (!m.withdrawalAppliedOn) {
      throw ruleViolation('R24.withdraw', `a withdrawal is the member's own application confirmed by the association, but member ${m.personId} has not applied to withdraw from membership ${m.id}.`);
    }
    requireOrder(m.withdrawalAppliedOn, input.on, 'the confirmation');
    return change(tx, m, 'WITHDRAWN', input.on, { status: 'WITHDRAWN', withdrawalConfirmedOn: input.on, validTo: input.on }, actor);
  });
}

export async function revokeMembership(db: Db, input: RevokeMembershipInput, actor: string) {
  return inTransaction(db, async (tx) => {
    const m = await lockedMembership(tx, input.membershipId);
    requireStatus(m.status, ['ACTIVE'], 'a revocation');
    const resolution = found(await leadership.findResolution(tx, parseId(input.resolutionId, 'resolutionId')), 'Resolution', input.resolutionId);
    const meeting = (await leadership.findMeeting(tx, resolution.meetingId))!;
    const committee = (await leadership.findCommittee(tx, meeting.committeeId))!;
    if (committee.organisationId !== m.organisationId || committee.kind !== 'COMMITTEE') {
      throw ruleViolation(
        'R23.revoke',
        `a revocation needs a decision of the committee (委员会, kind COMMITTEE) of organisation ${m.organisationId}, but resolution ${resolution.id} is of a ${committee.kind} of organisation ${committee.organisationId}.`,
        { received: { organisationId: String(committee.organisationId), kind: committee.kind } },
      );
    }
    if (!(await leadership.resolutionNames(tx, resolution.id, m.id))) {
      throw ruleViolation('R23.revoke', `a revocation needs a committee decision about this membership: expected resolution ${resolution.id} to name membership ${m.id}, but it does not.`, {
        membershipId: String(m.id),
      });
    }
    const outcome = resolutionOutcome(meeting, resolution.votesFor);
    if (outcome !== 'PASSED') {
      throw ruleViolation('R23.revoke', `a revocation needs a committee decision that passed, but resolution ${resolution.id} is ${outcome}.`, { outcome });
    }
    requireOrder(meeting.heldOn, input.on, 'the revocation (after the committee meeting)');
    return change(tx, m, 'REVOKED', input.on, { status: 'REVOKED', validTo: input.on, revocationGround: input.ground, revocationResolutionId: resolution.id }, actor);
  });
}

export async function recordDuesPayment(db: Db, input: DuesPaymentInput, actor: string) {
  const amountFen = parseYuan(input.amount);
  if (!Number.isInteger(input.year) || input.year < 1950 || input.year > 2100) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a year between 1950 and 2100, received ${input.year}.`);
  }
  return inTransaction(db, async (tx) => {
    const m = await lockedMembership(tx, input.membershipId);
    requireStatus(m.status, ['ACTIVE'], 'dues');
    const payment = await data.insertDuesPayment(tx, { membershipId: m.id, year: input.year, amountFen, paidOn: input.paidOn });
    await data.insertEvent(tx, { subjectType: 'Membership', subjectId: m.id, organisationId: m.organisationId, personId: m.personId, kind: 'DUES_PAID', actor, effectiveOn: input.paidOn, after: { duesPaymentId: payment.id, year: input.year, amountFen: String(amountFen) } });
    return payment;
  });
}
