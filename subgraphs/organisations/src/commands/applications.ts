// Founding an association: application (Art. 13, 16), review and reply or filing (Art. 14).
import { creditCodeProblem, ErrorCode, found, MAX_NAME, notFound, optionalText, parseId, requiredText, ruleViolation, userError } from '@cq/domain';
import type { Db } from '@cq/db';
import { refreshEnterprise, refreshOrganisation } from '@cq/db/hierarchy-maintenance';
import type { ApplyForAssociationInput, DecideApplicationInput, EnterpriseConsentInput, RegisterEnterpriseInput, ScienceWorkerCountInput } from '../generated/resolvers.ts';
import * as data from '../data/life-cycle.ts';
import type { OrganisationRow } from '../data/organisations.ts';
import { existingOrganisation, inTransaction, lockedOrganisation, requireOrder } from './shared.ts';

// Enterprises have no event history of their own yet; the audit trail records who registered them.
export async function registerEnterprise(db: Db, input: RegisterEnterpriseInput) {
  const problem = creditCodeProblem(input.creditCode);
  if (problem) {
    const explain = {
      length: () => `18 characters, received ${input.creditCode.length}`,
      character: () => `characters from 0-9 and A-Y without I, O, S, V, Z; position ${'position' in problem ? problem.position : ''} holds "${'character' in problem ? problem.character : ''}"`,
      check: () => `check character "${'expected' in problem ? problem.expected : ''}" at the end, received "${'received' in problem ? problem.received : ''}"`,
    }[problem.kind]();
    throw userError(ErrorCode.INVALID_CREDIT_CODE, `Expected a unified social credit code (GB 32100-2015) with ${explain}.`, { problem });
  }
  const nameZh = requiredText(input.nameZh, 'nameZh', MAX_NAME);
  if (input.scienceWorkerCount < 0) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected scienceWorkerCount of 0 or more, received ${input.scienceWorkerCount}.`);
  }
  return inTransaction(db, async (tx) => {
    if (!(await data.findDistrict(tx, input.districtCode))) throw notFound('District', input.districtCode);
    const parentId = input.parentEnterpriseId ? parseId(input.parentEnterpriseId, 'parentEnterpriseId') : null;
    if (parentId && !(await data.findEnterprise(tx, parentId))) throw notFound('Enterprise', input.parentEnterpriseId!);
    const existing = await data.enterpriseByCreditCode(tx, input.creditCode);
    if (existing) {
      throw userError(ErrorCode.DUPLICATE, `Expected a credit code not yet registered, but enterprise ${existing.id} has ${input.creditCode}.`, { enterpriseId: String(existing.id) });
    }
    const enterprise = await data.insertEnterprise(tx, {
      nameZh,
      creditCode: input.creditCode,
      districtCode: input.districtCode,
      ownership: input.ownership ?? 'OTHER',
      hasPartyOrganisation: input.hasPartyOrganisation,
      scienceWorkerCount: input.scienceWorkerCount,
      parentEnterpriseId: parentId,
    });
    await data.recordScienceWorkerCount(tx, enterprise.id, input.scienceWorkerCount, null, null);
    await refreshEnterprise(tx, enterprise.id);
    return enterprise;
  });
}

const APPLYING_KINDS = new Set<OrganisationRow['kind']>(['ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM', 'FEDERATION', 'WORKSTATION']);
const MIN_ENTERPRISES: Partial<Record<OrganisationRow['kind'], number>> = { ENTERPRISE_ASSOCIATION: 1, WORKSTATION: 1, PARK_ASSOCIATION: 1, CONSORTIUM: 2 };

export async function applyForAssociation(db: Db, input: ApplyForAssociationInput, today: string, actor: string): Promise<data.ApplicationResultModel> {
  if (!APPLYING_KINDS.has(input.kind)) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected kind to be one of ${[...APPLYING_KINDS].join(', ')}, received ${input.kind}.`);
  }
  const needed = MIN_ENTERPRISES[input.kind] ?? 0;
  if (input.enterpriseIds.length < needed) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected at least ${needed} enterprise(s) behind a ${input.kind}, received ${input.enterpriseIds.length}.`);
  }
  const nameZh = requiredText(input.nameZh, 'nameZh', MAX_NAME);
  const nameEn = optionalText(input.nameEn, 'nameEn', 2 * MAX_NAME);
  const submittedOn = input.submittedOn ?? today;
  requireOrder(input.consent.on, submittedOn, 'submittedOn (after the consent)');

  return inTransaction(db, async (tx) => {
    const enterprises = [];
    for (const id of input.enterpriseIds) {
      enterprises.push(found(await data.findEnterprise(tx, parseId(id, 'enterpriseIds')), 'Enterprise', id));
    }
    const main = enterprises[0];
    const appliedTo = await existingOrganisation(tx, input.appliedToId, 'appliedToId');
    if (appliedTo.kind !== 'MUNICIPAL_ASSOCIATION' && appliedTo.kind !== 'DISTRICT_ASSOCIATION') {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected appliedToId to name the municipal or a district association, received ${appliedTo.kind} ${appliedTo.id}.`);
    }
    const districtCode = main?.districtCode ?? appliedTo.districtCode;
    if (appliedTo.kind === 'DISTRICT_ASSOCIATION' && main && main.districtCode !== appliedTo.districtCode) {
      throw userError(
        ErrorCode.INVALID_ARGUMENT,
        `Art. 13: an application goes to the association of the registered district: expected the association of ${main.districtCode}, received that of ${appliedTo.districtCode}.`,
      );
    }

    const otherConsents = consentsOfOthers(enterprises.slice(1), input.otherConsents ?? [], submittedOn);
    if (main) {
      const expected = consentBodyOf(main);
      if (input.consent.by !== expected) {
        throw ruleViolation('R13.consent', `the application needs the consent of the enterprise's ${expected === 'PARTY_ORGANISATION' ? 'Party organisation' : 'decision-making level (it has no Party organisation)'}: expected ${expected}, received ${input.consent.by}.`, {
          expected,
          received: input.consent.by,
        });
      }
      if (main.parentEnterpriseId) {
        if (!input.parentConsent) {
          throw ruleViolation('R16.group', `enterprise ${main.id} belongs to a group: the application needs the consent of the parent enterprise's (${main.parentEnterpriseId}) Party organisation, received none.`);
        }
        const parent = await data.findEnterprise(tx, main.parentEnterpriseId);
        if (!parent?.hasPartyOrganisation) {
          throw ruleViolation('R16.group', `the consent must come from the parent enterprise's Party organisation (Art. 16), but parent enterprise ${main.parentEnterpriseId} has none on record.`);
        }
        if (input.parentConsent.on > submittedOn) {
          throw ruleViolation('R16.group', `the parent's consent comes before the application: expected a date on or before ${submittedOn}, received ${input.parentConsent.on}.`, {
            expected: `<= ${submittedOn}`,
            received: input.parentConsent.on,
          });
        }
      }
      if (input.kind === 'ENTERPRISE_ASSOCIATION') {
        const existing = await data.liveEnterpriseAssociation(tx, main.id);
        if (existing) {
          throw ruleViolation('R13.unique', `enterprise ${main.id} already has an enterprise association: ${existing.nameZh} (${existing.id}), ${existing.status}; one at a time.`, {
            organisationId: String(existing.id),
          });
        }
      }
    }

    const notices: data.Notice[] = [];
    if (main && main.ownership !== 'OTHER' && appliedTo.kind === 'DISTRICT_ASSOCIATION') {
      notices.push({
        rule: 'R13.large',
        message: `A ${main.ownership} enterprise applies to the municipal association in principle (Art. 13); this application to a district association is accepted.`,
      });
    }

    const organisation = await data.insertOrganisation(tx, {
      kind: input.kind,
      nameZh,
      nameEn,
      status: 'APPLIED',
      districtCode,
      enterpriseId: main?.id ?? null,
    });
    if (enterprises.length) await data.linkEnterprises(tx, organisation.id, enterprises.map((e) => e.id));
    let application = await data.insertApplication(tx, {
      organisationId: organisation.id,
      appliedToId: appliedTo.id,
      submittedOn,
      consentBy: input.consent.by,
      consentOn: input.consent.on,
      consentDocumentNo: input.consent.documentNo ?? null,
      otherConsents,
      parentConsentOn: input.parentConsent?.on ?? null,
      parentConsentDocumentNo: input.parentConsent?.documentNo ?? null,
      documents: [...new Set(input.documents)],
    });
    await data.insertEvent(tx, {
      organisationId: organisation.id,
      kind: 'APPLIED',
      actor,
      effectiveOn: submittedOn,
      after: { status: 'APPLIED', appliedToId: appliedTo.id, applicationId: application.id },
    });

    // R14.mode: where the district records applications by filing on the day of submission, there is no review step.
    const mode = appliedTo.kind === 'DISTRICT_ASSOCIATION' ? await data.approvalModeOn(tx, appliedTo.districtCode!, submittedOn) : 'APPROVAL';
    let result = organisation;
    if (mode === 'FILING') {
      const documentNo = `备案〔${submittedOn.slice(0, 4)}〕${application.id}号`;
      application = await data.decideApplication(tx, application.id, { decision: 'FILED', decidedOn: submittedOn, decisionDocumentNo: documentNo, copiedToId: null });
      result = await activate(tx, organisation, appliedTo, submittedOn, documentNo, 'FILED', actor);
    }
    await refreshOrganisation(tx, organisation.id);
    return { organisation: result, application, notices };
  });
}

/** R13.consent: whose consent an enterprise gives: its Party organisation's, or its decision-making level's if it has none. */
const consentBodyOf = (e: { hasPartyOrganisation: boolean }) => (e.hasPartyOrganisation ? 'PARTY_ORGANISATION' : 'DECISION_MAKING_LEVEL');

/**
 * R13.consent: every enterprise behind a park association or consortium consents, not only the first: one consent
 * each, by the right body, given on or before the application.
 */
function consentsOfOthers(others: { id: number; hasPartyOrganisation: boolean }[], given: EnterpriseConsentInput[], submittedOn: string) {
  const byEnterprise = new Map<string, EnterpriseConsentInput>();
  for (const c of given) {
    if (!others.some((e) => String(e.id) === c.enterpriseId) || byEnterprise.has(c.enterpriseId)) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected one consent for each enterprise after the first (${others.map((e) => e.id).join(', ') || 'none'}), received ${given.map((g) => g.enterpriseId).join(', ')}.`, {
        argument: 'otherConsents',
      });
    }
    byEnterprise.set(c.enterpriseId, c);
  }
  return others.map((e) => {
    const expected = consentBodyOf(e);
    const consent = byEnterprise.get(String(e.id));
    if (!consent || consent.by !== expected) {
      throw ruleViolation('R13.consent', `every enterprise behind the association consents: enterprise ${e.id} needs the consent of its ${expected === 'PARTY_ORGANISATION' ? 'Party organisation' : 'decision-making level'}, received ${consent?.by ?? 'none'}.`, {
        enterpriseId: String(e.id),
        expected,
        received: consent?.by ?? null,
      });
    }
    requireOrder(consent.on, submittedOn, `submittedOn (after enterprise ${e.id}'s consent)`);
    return { enterpriseId: e.id, by: consent.by, on: consent.on, documentNo: consent.documentNo ?? null };
  });
}

/** R26.assembly: a new count of an enterprise's science and technology workers, from a day on; earlier ones stay. */
export async function recordScienceWorkerCount(db: Db, input: ScienceWorkerCountInput) {
  if (input.count < 0) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected a count of 0 or more, received ${input.count}.`, { argument: 'count', received: input.count });
  }
  return inTransaction(db, async (tx) => {
    const enterprise = found(await data.findEnterprise(tx, parseId(input.enterpriseId, 'enterpriseId')), 'Enterprise', input.enterpriseId);
    await data.recordScienceWorkerCount(tx, enterprise.id, input.count, input.on, input.documentNo ?? null);
    await refreshEnterprise(tx, enterprise.id);
    return (await data.findEnterprise(tx, enterprise.id))!;
  });
}

/** Makes an applied association active under the association that approved (or recorded) it. */
async function activate(tx: Db, o: OrganisationRow, approver: OrganisationRow, on: string, documentNo: string, how: 'APPROVED' | 'FILED', actor: string) {
  // R3.level: the level follows from who approved it.
  const level = o.kind === 'WORKSTATION' ? null : approver.kind === 'MUNICIPAL_ASSOCIATION' ? 'MUNICIPAL' : 'DISTRICT';
  const updated = await data.updateOrganisation(tx, o.id, { status: 'ACTIVE', level, establishedOn: on });
  await data.insertRelationship(tx, { kind: 'APPROVAL', fromId: o.id, toId: approver.id, validFrom: on, documentNo, documentDate: on });
  await data.insertEvent(tx, {
    organisationId: o.id,
    kind: how,
    actor,
    effectiveOn: on,
    documentNo,
    before: { status: o.status },
    after: { status: 'ACTIVE', level, approverId: approver.id },
  });
  return updated;
}

async function lockedPendingApplication(tx: Db, input: DecideApplicationInput) {
  const application = found(await data.lockApplication(tx, parseId(input.applicationId, 'applicationId')), 'Application', input.applicationId);
  if (application.decision) {
    throw userError(ErrorCode.ILLEGAL_TRANSITION, `Expected an undecided application, but application ${application.id} was ${application.decision} on ${application.decidedOn}.`);
  }
  if (String(application.appliedToId) !== input.by) {
    throw ruleViolation('R3.level', `only the association applied to replies: expected by = "${application.appliedToId}", received "${input.by}".`, {
      expected: String(application.appliedToId),
      received: input.by,
    });
  }
  requireOrder(application.submittedOn, input.on, 'the decision');
  return application;
}

export async function approveApplication(db: Db, input: DecideApplicationInput, actor: string): Promise<OrganisationRow> {
  return inTransaction(db, async (tx) => {
    const application = await lockedPendingApplication(tx, input);
    const organisation = await lockedOrganisation(tx, String(application.organisationId));
    const approver = (await data.findOrganisation(tx, application.appliedToId))!;

    // R14.mode: an application follows the mode in force when it was submitted; one submitted under filing was
    // filed at once and is never pending, so only review applications get here.
    if (approver.kind === 'DISTRICT_ASSOCIATION' && (await data.approvalModeOn(tx, approver.districtCode!, application.submittedOn)) === 'FILING') {
      throw ruleViolation('R14.mode', `${approver.nameZh} recorded new associations by filing (备案制) on ${application.submittedOn}, which has no review step to approve.`);
    }
    if (approver.kind === 'MUNICIPAL_ASSOCIATION') {
      const missing = data.ALL_DOCUMENTS.filter((d) => !application.documents.includes(d));
      if (missing.length) {
        throw ruleViolation('R14.materials', `a municipal-level application needs all five documents; missing: ${missing.join(', ')}.`, { missing });
      }
    }
    const result = await activate(tx, organisation, approver, input.on, input.documentNo, 'APPROVED', actor);
    // R3.liaison: the district association of the registered district serves a municipal-level association, and the
    // reply is copied to it (Art. 14).
    const liaison = result.level === 'MUNICIPAL' && organisation.districtCode ? await data.districtAssociation(tx, organisation.districtCode) : null;
    if (liaison) {
      await data.insertRelationship(tx, { kind: 'LIAISON', fromId: organisation.id, toId: liaison.id, validFrom: input.on, documentNo: input.documentNo, documentDate: input.on });
    }
    await data.decideApplication(tx, application.id, { decision: 'APPROVED', decidedOn: input.on, decisionDocumentNo: input.documentNo, copiedToId: liaison?.id ?? null });
    await refreshOrganisation(tx, organisation.id);
    return result;
  });
}

export async function rejectApplication(db: Db, input: DecideApplicationInput, actor: string): Promise<OrganisationRow> {
  return inTransaction(db, async (tx) => {
    const application = await lockedPendingApplication(tx, input);
    const organisation = await lockedOrganisation(tx, String(application.organisationId));
    await data.decideApplication(tx, application.id, { decision: 'REJECTED', decidedOn: input.on, decisionDocumentNo: input.documentNo, copiedToId: null });
    const result = await data.updateOrganisation(tx, organisation.id, { status: 'REJECTED' });
    await data.insertEvent(tx, {
      organisationId: organisation.id,
      kind: 'REJECTED',
      actor,
      effectiveOn: input.on,
      documentNo: input.documentNo,
      before: { status: organisation.status },
      after: { status: 'REJECTED' },
    });
    await refreshOrganisation(tx, organisation.id);
    return result;
  });
}
