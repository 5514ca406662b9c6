// Helpers for tests of the organisations subgraph's mutations: fixtures made through the API, and a check that a
// refused mutation changed nothing.
import { withCreditCodeCheckCharacter } from '@cq/domain';
import { expectData, type TestGraph } from './graph.ts';
import { expectRefusedIn, OWNER_TABLES } from './refusal.ts';

let serial = 0;

export interface EnterpriseFixture {
  districtCode?: string;
  ownership?: string;
  hasPartyOrganisation?: boolean;
  parentEnterpriseId?: string;
  scienceWorkerCount?: number;
}

export async function registerEnterprise(t: TestGraph, f: EnterpriseFixture = {}): Promise<string> {
  serial += 1;
  const code = withCreditCodeCheckCharacter(`91500000MA9${String(process.pid % 1000).padStart(3, '0')}${String(serial).padStart(3, '0')}`);
  const data = expectData(
    await t.query(`mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { id } }`, {
      input: {
        nameZh: `测试企业${serial}有限公司`,
        creditCode: code,
        districtCode: f.districtCode ?? '500106',
        ownership: f.ownership ?? 'OTHER',
        hasPartyOrganisation: f.hasPartyOrganisation ?? true,
        scienceWorkerCount: f.scienceWorkerCount ?? 120,
        parentEnterpriseId: f.parentEnterpriseId ?? null,
      },
    }),
  );
  return data.registerEnterprise.id;
}

export const ALL_DOCUMENTS = ['REQUEST', 'CHARTER', 'PREPARATION_REPORT', 'CANDIDATE_LIST', 'ELECTION_RULES'];

export const APPLY = `mutation ($input: ApplyForAssociationInput!) {
  applyForAssociation(input: $input) {
    organisation { id status level kind }
    application { id decision missingDocuments }
    notices { rule message }
  }
}`;

export function applyInput(enterpriseId: string, appliedToId: string, extra: Record<string, unknown> = {}) {
  return {
    kind: 'ENTERPRISE_ASSOCIATION',
    nameZh: `测试科协${enterpriseId}`,
    enterpriseIds: [enterpriseId],
    appliedToId,
    submittedOn: '2026-03-01',
    consent: { by: 'PARTY_ORGANISATION', on: '2026-02-20', documentNo: '党委〔2026〕1号' },
    documents: ALL_DOCUMENTS,
    ...extra,
  };
}

export const APPROVE = `mutation ($input: DecideApplicationInput!) { approveApplication(input: $input) { id status level establishedOn } }`;

/** Applies and has the application approved; returns the new association's id. */
export async function foundAssociation(t: TestGraph, enterpriseId: string, approverId: string, on = '2026-04-01'): Promise<string> {
  const applied = expectData(await t.query(APPLY, { input: applyInput(enterpriseId, approverId) }));
  const { organisation, application } = applied.applyForAssociation;
  if (organisation.status === 'ACTIVE') return organisation.id;
  expectData(await t.query(APPROVE, { input: { applicationId: application.id, by: approverId, on, documentNo: `批复〔2026〕${application.id}号` } }));
  return organisation.id;
}

const ORG_TABLES = OWNER_TABLES.organisations;

/** Sends a mutation that must be refused with `code` (and `rule`), and checks that no table of the owner changed. */
export const expectRefused = (t: TestGraph, query: string, variables: Record<string, unknown>, code: string, rule?: string) =>
  expectRefusedIn(t, ORG_TABLES, query, variables, code, rule);
