// The life cycle of an association through the gateway (DOMAIN.md, "Life cycle of an association" and the rules
// R3.*, R13.*, R14.*, R16.*, R17.*, R19.*). Every refusal is checked to have changed nothing.
import { todayInChina } from '@cq/domain';
import { queryRows } from '@cq/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { ALL_DOCUMENTS, APPLY, applyInput, APPROVE, expectRefused, foundAssociation, registerEnterprise } from '../helpers/org.ts';

let t: TestGraph;

const APPLY_GROUP = `mutation ($input: GroupMemberApplicationInput!) { applyForGroupMembership(input: $input) { id decision } }`;
const DECIDE_GROUP = `mutation ($input: GroupMemberDecisionInput!) { decideGroupMembership(input: $input) { id decision appliedTo { id } relationship { id kind validFrom } } }`;

/** R17.group-member: `from` applies to join `to` on 2026-05-01, and `to` accepts the same day. */
async function joinAsGroupMember(from: string, to: string) {
  const applied = expectData(await t.query(APPLY_GROUP, { input: { organisationId: from, toId: to, on: '2026-05-01' } })).applyForGroupMembership;
  return expectData(await t.query(DECIDE_GROUP, { input: { applicationId: applied.id, by: to, accept: true, on: '2026-05-01', documentNo: `团体会员〔2026〕${applied.id}号` } })).decideGroupMembership;
}
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

const MUNICIPAL = '1';
/** Association ids of districts in the tiny demo: the districts file's order, from id 2. */
const SHAPINGBA = '7'; // 500106
const JIULONGPO = '8'; // 500107
const TONGLIANG = '22'; // 500151, records by filing

const ORG = `query ($id: ID!, $asOf: Date) { organisation(id: $id) {
  id status level district { code }
  approver(asOf: $asOf) { id }
  relationships(history: true) { kind to { id } validFrom validTo documentNo }
  events { edges { node { kind actor effectiveOn documentNo before after } } }
} }`;
const org = async (id: string, asOf?: string) => expectData(await t.query(ORG, { id, asOf })).organisation;

describe('Enterprises', () => {
  it('refuses a credit code with a wrong check character, naming the expected one', async () => {
    const error = await expectRefused(
      t,
      `mutation { registerEnterprise(input: {nameZh: "错码公司", creditCode: "91350100M000100Y44", districtCode: "500106", hasPartyOrganisation: true, scienceWorkerCount: 10}) { id } }`,
      {},
      'INVALID_CREDIT_CODE',
    );
    expect(error.message).toMatch(/check character "3" at the end, received "4"/);
  });

  it('refuses an unknown district and a duplicate credit code', async () => {
    await expectRefused(
      t,
      `mutation { registerEnterprise(input: {nameZh: "无区公司", creditCode: "91350100M000100Y43", districtCode: "999999", hasPartyOrganisation: true, scienceWorkerCount: 10}) { id } }`,
      {},
      'NOT_FOUND',
    );
    const [existing] = await queryRows<{ code: string }>(t.database.db, sql`select credit_code as code from org.enterprises where id = 1`);
    await expectRefused(
      t,
      `mutation ($c: String!) { registerEnterprise(input: {nameZh: "重复公司", creditCode: $c, districtCode: "500106", hasPartyOrganisation: true, scienceWorkerCount: 10}) { id } }`,
      { c: existing!.code },
      'DUPLICATE',
    );
  });
});

describe('Application and approval', () => {
  it('R3.level: an association approved by a district association is district-level', async () => {
    const e = await registerEnterprise(t);
    const id = await foundAssociation(t, e, SHAPINGBA);
    const o = await org(id);
    expect(o).toMatchObject({ status: 'ACTIVE', level: 'DISTRICT', approver: { id: SHAPINGBA } });
    expect(o.relationships).toEqual([{ kind: 'APPROVAL', to: { id: SHAPINGBA }, validFrom: '2026-04-01', validTo: null, documentNo: expect.stringMatching(/^批复/) }]);
    expect(o.events.edges.map((e: any) => e.node.kind)).toEqual(['APPROVED', 'APPLIED']);
  });

  it('R3.level, R3.liaison: the municipal association approves a municipal-level one, liaised by its registered district', async () => {
    const e = await registerEnterprise(t, { districtCode: '500107', ownership: 'MUNICIPAL_SOE' });
    const id = await foundAssociation(t, e, MUNICIPAL);
    const o = await org(id);
    expect(o.level).toBe('MUNICIPAL');
    expect(o.relationships.map((r: any) => [r.kind, r.to.id])).toEqual([
      ['APPROVAL', MUNICIPAL],
      ['LIAISON', JIULONGPO],
    ]);
    const app = expectData(await t.query(`query ($id: ID!) { organisation(id: $id) { applications { decision copiedTo { id } missingDocuments } } }`, { id }));
    expect(app.organisation.applications).toEqual([{ decision: 'APPROVED', copiedTo: { id: JIULONGPO }, missingDocuments: [] }]);
  });

  it('R13.consent: refuses an application without the consent of the Party organisation', async () => {
    const e = await registerEnterprise(t, { hasPartyOrganisation: true });
    await expectRefused(t, APPLY, { input: applyInput(e, SHAPINGBA, { consent: { by: 'DECISION_MAKING_LEVEL', on: '2026-02-20' } }) }, 'RULE_VIOLATION', 'R13.consent');
  });

  it('R13.consent: an enterprise without a Party organisation applies with its decision-making level', async () => {
    const e = await registerEnterprise(t, { hasPartyOrganisation: false });
    await expectRefused(t, APPLY, { input: applyInput(e, SHAPINGBA) }, 'RULE_VIOLATION', 'R13.consent');
    const ok = expectData(await t.query(APPLY, { input: applyInput(e, SHAPINGBA, { consent: { by: 'DECISION_MAKING_LEVEL', on: '2026-02-20' } }) }));
    expect(ok.applyForAssociation.organisation.status).toBe('APPLIED');
  });

  it('R13.large: a large enterprise applying to a district association gets an advisory notice, not a refusal', async () => {
    const e = await registerEnterprise(t, { ownership: 'LARGE_PRIVATE' });
    const res = expectData(await t.query(APPLY, { input: applyInput(e, SHAPINGBA) }));
    expect(res.applyForAssociation.organisation.status).toBe('APPLIED');
    expect(res.applyForAssociation.notices).toEqual([{ rule: 'R13.large', message: expect.stringMatching(/municipal association in principle/) }]);
    const small = await registerEnterprise(t);
    expect(expectData(await t.query(APPLY, { input: applyInput(small, SHAPINGBA) })).applyForAssociation.notices).toEqual([]);
  });

  it('R14.materials: a municipal-level application lacking a document cannot be approved', async () => {
    const e = await registerEnterprise(t, { ownership: 'CENTRAL_SOE_SUBSIDIARY' });
    const res = expectData(await t.query(APPLY, { input: applyInput(e, MUNICIPAL, { documents: ALL_DOCUMENTS.filter((d) => d !== 'CHARTER') }) }));
    const { application } = res.applyForAssociation;
    expect(application.missingDocuments).toEqual(['CHARTER']);
    const error = await expectRefused(t, APPROVE, { input: { applicationId: application.id, by: MUNICIPAL, on: '2026-04-01', documentNo: '渝科协函〔2026〕1号' } }, 'RULE_VIOLATION', 'R14.materials');
    expect(error.extensions?.missing).toEqual(['CHARTER']);
  });

  it('R14.mode: a district that files records the association at once, with no review step', async () => {
    const e = await registerEnterprise(t, { districtCode: '500151' });
    const res = expectData(await t.query(APPLY, { input: applyInput(e, TONGLIANG) }));
    expect(res.applyForAssociation.organisation).toMatchObject({ status: 'ACTIVE', level: 'DISTRICT' });
    expect(res.applyForAssociation.application.decision).toBe('FILED');
    await expectRefused(t, APPROVE, { input: { applicationId: res.applyForAssociation.application.id, by: TONGLIANG, on: '2026-04-01', documentNo: 'x' } }, 'ILLEGAL_TRANSITION');
  });

  it('R14.mode: after a switch to filing, pending applications stay under review and new ones are filed at once', async () => {
    const pending = await registerEnterprise(t, { districtCode: '500108' });
    const res = expectData(await t.query(APPLY, { input: applyInput(pending, '9') }));
    expect(res.applyForAssociation.organisation.status).toBe('APPLIED');
    const today = todayInChina();
    expect(expectData(await t.query(`mutation { setApprovalMode(districtCode: "500108", mode: FILING) { approvalMode } }`)).setApprovalMode.approvalMode).toBe('FILING');
    try {
      const later = await registerEnterprise(t, { districtCode: '500108' });
      const filed = expectData(await t.query(APPLY, { input: applyInput(later, '9', { submittedOn: today, consent: { by: 'PARTY_ORGANISATION', on: today, documentNo: null } }) }));
      expect(filed.applyForAssociation.application.decision).toBe('FILED');
      const approved = expectData(await t.query(APPROVE, { input: { applicationId: res.applyForAssociation.application.id, by: '9', on: today, documentNo: '南岸科协〔2026〕1号' } }));
      expect(approved.approveApplication.status).toBe('ACTIVE');
      await expectRefused(t, `mutation { setApprovalMode(districtCode: "500108", mode: APPROVAL, from: "2026-01-01") { approvalMode } }`, {}, 'RULE_VIOLATION', 'R14.mode');
    } finally {
      expectData(await t.query(`mutation { setApprovalMode(districtCode: "500108", mode: APPROVAL) { approvalMode } }`));
    }
  });

  it('only the association applied to may reply, and only once', async () => {
    const e = await registerEnterprise(t);
    const res = expectData(await t.query(APPLY, { input: applyInput(e, SHAPINGBA) }));
    const applicationId = res.applyForAssociation.application.id;
    await expectRefused(t, APPROVE, { input: { applicationId, by: JIULONGPO, on: '2026-04-01', documentNo: 'x' } }, 'RULE_VIOLATION', 'R3.level');
    expectData(await t.query(APPROVE, { input: { applicationId, by: SHAPINGBA, on: '2026-04-01', documentNo: 'x' } }));
    await expectRefused(t, APPROVE, { input: { applicationId, by: SHAPINGBA, on: '2026-04-02', documentNo: 'y' } }, 'ILLEGAL_TRANSITION');
  });

  it('R16.group: a subsidiary needs its parent Party organisation, may be guided by and join the parent association', async () => {
    const parent = await registerEnterprise(t);
    const parentAssociation = await foundAssociation(t, parent, SHAPINGBA);
    const child = await registerEnterprise(t, { parentEnterpriseId: parent });
    await expectRefused(t, APPLY, { input: applyInput(child, SHAPINGBA) }, 'RULE_VIOLATION', 'R16.group');
    const applied = expectData(await t.query(APPLY, { input: applyInput(child, SHAPINGBA, { parentConsent: { on: '2026-02-25' } }) }));
    const { application, organisation } = applied.applyForAssociation;
    expectData(await t.query(APPROVE, { input: { applicationId: application.id, by: SHAPINGBA, on: '2026-04-01', documentNo: 'x' } }));

    const ADD = `mutation ($input: AddRelationshipInput!) { addRelationship(input: $input) { kind from { id } to { id } } }`;
    const stranger = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    await expectRefused(t, ADD, { input: { kind: 'GROUP_GUIDANCE', fromId: organisation.id, toId: stranger, validFrom: '2026-05-01' } }, 'RULE_VIOLATION', 'R16.group');
    expect(expectData(await t.query(ADD, { input: { kind: 'GROUP_GUIDANCE', fromId: organisation.id, toId: parentAssociation, validFrom: '2026-05-01' } })).addRelationship).toEqual({
      kind: 'GROUP_GUIDANCE',
      from: { id: organisation.id },
      to: { id: parentAssociation },
    });
    const joined = await joinAsGroupMember(organisation.id, parentAssociation);
    expect(joined.relationship).toMatchObject({ kind: 'GROUP_MEMBER', validFrom: '2026-05-01' });
    // The same group membership twice at once is refused.
    await expectRefused(t, APPLY_GROUP, { input: { organisationId: organisation.id, toId: parentAssociation, on: '2026-06-01' } }, 'DUPLICATE');
  });

  it('R17.group-member: an association applies to join a district or the municipal association, which decides; nothing else', async () => {
    const ADD = `mutation ($input: AddRelationshipInput!) { addRelationship(input: $input) { id kind } }`;
    const a = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    const b = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    await expectRefused(t, APPLY_GROUP, { input: { organisationId: a, toId: b, on: '2026-05-01' } }, 'RULE_VIOLATION', 'R17.group-member');
    await expectRefused(t, ADD, { input: { kind: 'GROUP_MEMBER', fromId: a, toId: SHAPINGBA, validFrom: '2026-05-01' } }, 'RULE_VIOLATION', 'R17.group-member');
    await joinAsGroupMember(a, SHAPINGBA);
    const applied = expectData(await t.query(APPLY_GROUP, { input: { organisationId: a, toId: MUNICIPAL, on: '2026-05-01', documentNo: '申请〔2026〕1号' } })).applyForGroupMembership;
    // District staff cannot decide for the municipal association.
    const districtStaff = { subject: 'test.district', role: 'DISTRICT_STAFF' as const, organisationId: Number(SHAPINGBA) };
    const decide = { input: { applicationId: applied.id, by: MUNICIPAL, accept: true, on: '2026-05-10', documentNo: '渝科协〔2026〕2号' } };
    expect((await t.queryAs(districtStaff, DECIDE_GROUP, decide)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(expectData(await t.query(DECIDE_GROUP, decide)).decideGroupMembership).toMatchObject({ decision: 'ACCEPTED', appliedTo: { id: MUNICIPAL } });
    const members = expectData(await t.query(`{ organisation(id: "${SHAPINGBA}") { memberAssociations(asOf: "2026-06-01", first: 100) { edges { node { id } } } } }`));
    expect(members.organisation.memberAssociations.edges.map((e: any) => e.node.id)).toContain(a);
    const history = expectData(await t.query(`{ organisation(id: "${a}") { groupMemberApplications { decision appliedTo { id } } } }`));
    expect(history.organisation.groupMemberApplications).toEqual([
      { decision: 'ACCEPTED', appliedTo: { id: MUNICIPAL } },
      { decision: 'ACCEPTED', appliedTo: { id: SHAPINGBA } },
    ]);
  });
});

describe('Transfer of affiliation', () => {
  it('R3.transfer: moves a district-level association to the new district on one day, keeping the history', async () => {
    const e = await registerEnterprise(t);
    const id = await foundAssociation(t, e, SHAPINGBA, '2026-03-10');
    const moved = expectData(
      await t.query(`mutation { transferAffiliation(input: {organisationId: "${id}", toDistrictCode: "500107", on: "2026-05-01", documentNo: "转〔2026〕1号"}) { district { code } } }`),
    );
    expect(moved.transferAffiliation.district.code).toBe('500107');
    const o = await org(id, '2026-05-01');
    expect(o.approver.id).toBe(JIULONGPO);
    expect((await org(id, '2026-04-30')).approver.id).toBe(SHAPINGBA);
    expect(o.relationships).toEqual([
      { kind: 'APPROVAL', to: { id: SHAPINGBA }, validFrom: '2026-03-10', validTo: '2026-05-01', documentNo: expect.any(String) },
      { kind: 'APPROVAL', to: { id: JIULONGPO }, validFrom: '2026-05-01', validTo: null, documentNo: '转〔2026〕1号' },
    ]);
    expect(o.events.edges[0].node).toMatchObject({ kind: 'TRANSFERRED', actor: 'municipal_staff:test.municipal', before: { districtCode: '500106', APPROVAL: Number(SHAPINGBA) }, after: { districtCode: '500107' } });
    const enterprise = expectData(await t.query(`{ enterprise(id: "${e}") { district { code } } }`));
    expect(enterprise.enterprise.district.code).toBe('500107');
  });

  it('R3.transfer, R3.liaison: a municipal-level association only changes its liaison district', async () => {
    const id = await foundAssociation(t, await registerEnterprise(t, { ownership: 'MUNICIPAL_SOE' }), MUNICIPAL, '2026-03-10');
    expectData(await t.query(`mutation { transferAffiliation(input: {organisationId: "${id}", toDistrictCode: "500107", on: "2026-05-01", documentNo: "转"}) { id } }`));
    const o = await org(id, '2026-06-01');
    expect(o.approver.id).toBe(MUNICIPAL);
    expect(o.relationships.map((r: any) => [r.kind, r.to.id, r.validTo])).toEqual([
      ['APPROVAL', MUNICIPAL, null],
      ['LIAISON', SHAPINGBA, '2026-05-01'],
      ['LIAISON', JIULONGPO, null],
    ]);
  });

  it('R3.transfer: two concurrent transfers of one association cannot both succeed', async () => {
    const id = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA, '2026-03-10');
    const transfer = (district: string) =>
      t.query(`mutation { transferAffiliation(input: {organisationId: "${id}", toDistrictCode: "${district}", on: "2026-05-01", documentNo: "转"}) { id } }`);
    const results = await Promise.all([transfer('500107'), transfer('500108')]);
    const succeeded = results.filter((r) => !r.errors);
    expect(succeeded).toHaveLength(1);
    expect(results.find((r) => r.errors)!.errors![0]!.extensions?.code).toBe('ILLEGAL_TRANSITION');
    const approvals = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from org.relationships where from_id = ${Number(id)} and kind = 'APPROVAL' and valid_to is null`);
    expect(approvals[0]!.n).toBe(1);
  });

  it('refuses a transfer to the district it is already in, or to an unknown one', async () => {
    const id = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA, '2026-03-10');
    const q = (d: string) => `mutation { transferAffiliation(input: {organisationId: "${id}", toDistrictCode: "${d}", on: "2026-05-01", documentNo: "转"}) { id } }`;
    await expectRefused(t, q('500106'), {}, 'ILLEGAL_TRANSITION');
    await expectRefused(t, q('999999'), {}, 'NOT_FOUND');
  });
});

describe('Sanctions and deregistration', () => {
  const RECTIFY = `mutation ($input: OrderRectificationInput!) { orderRectification(input: $input) { id kind deadline by { id } } }`;
  const WARN = `mutation ($input: SanctionInput!) { issueWarning(input: $input) { id kind } }`;

  it('R19.authority: only the approving association orders a rectification', async () => {
    const id = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    const input = { organisationId: id, on: '2026-05-01', deadline: '2026-07-31', reason: '履职不力' };
    await expectRefused(t, RECTIFY, { input: { ...input, by: JIULONGPO } }, 'RULE_VIOLATION', 'R19.authority');
    await expectRefused(t, RECTIFY, { input: { ...input, by: MUNICIPAL } }, 'RULE_VIOLATION', 'R19.authority');
    expect(expectData(await t.query(RECTIFY, { input: { ...input, by: SHAPINGBA } })).orderRectification).toMatchObject({ kind: 'RECTIFICATION', deadline: '2026-07-31', by: { id: SHAPINGBA } });
  });

  it('R19.warning: a warning requires an earlier rectification of the same association', async () => {
    const id = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    const warning = { organisationId: id, by: SHAPINGBA, on: '2026-08-15', reason: '整改后仍无明显改进' };
    await expectRefused(t, WARN, { input: warning }, 'RULE_VIOLATION', 'R19.warning');
    // Another association's rectification does not count.
    const other = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    expectData(await t.query(RECTIFY, { input: { organisationId: other, by: SHAPINGBA, on: '2026-05-01', deadline: '2026-07-31', reason: 'x' } }));
    await expectRefused(t, WARN, { input: warning }, 'RULE_VIOLATION', 'R19.warning');
    expectData(await t.query(RECTIFY, { input: { organisationId: id, by: SHAPINGBA, on: '2026-05-01', deadline: '2026-07-31', reason: 'x' } }));
    expect(expectData(await t.query(WARN, { input: warning })).issueWarning.kind).toBe('WARNING');
  });

  it('reports associations whose rectification deadline has passed, and not once it is accepted as done', async () => {
    const id = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    const sanction = expectData(await t.query(RECTIFY, { input: { organisationId: id, by: SHAPINGBA, on: '2026-05-01', deadline: '2026-05-31', reason: 'x' } })).orderRectification;
    const overdue = async (asOf: string) => {
      const d = expectData(await t.query(`query ($asOf: Date) { overdueRectifications(asOf: $asOf, districtCodes: ["500106"], first: 100) { totalCount edges { node { organisation { id } deadline } } } }`, { asOf }));
      return d.overdueRectifications.edges.map((e: any) => e.node.organisation.id);
    };
    expect(await overdue('2026-05-31')).not.toContain(id); // the deadline day itself is still in time
    expect(await overdue('2026-06-01')).toContain(id);
    const flag = expectData(await t.query(`{ organisation(id: "${id}") { rectificationOverdue(asOf: "2026-06-01") } }`));
    expect(flag.organisation.rectificationOverdue).toBe(true);
    expectData(await t.query(`mutation { completeRectification(input: {sanctionId: "${sanction.id}", by: "${SHAPINGBA}", on: "2026-06-10"}) { completedOn } }`));
    expect(await overdue('2026-06-11')).not.toContain(id);
  });

  it('R19.authority: revocation by the approving association ends the association but keeps its history', async () => {
    const id = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    const REVOKE = `mutation ($input: SanctionInput!) { revokeAssociation(input: $input) { status } }`;
    await expectRefused(t, REVOKE, { input: { organisationId: id, by: MUNICIPAL, on: '2026-09-01', reason: '违法' } }, 'RULE_VIOLATION', 'R19.authority');
    expect(expectData(await t.query(REVOKE, { input: { organisationId: id, by: SHAPINGBA, on: '2026-09-01', reason: '违法' } })).revokeAssociation.status).toBe('REVOKED');
    const o = await org(id, '2026-09-02');
    expect(o.approver).toBeNull();
    expect(o.relationships).toEqual([expect.objectContaining({ kind: 'APPROVAL', validFrom: '2026-04-01', validTo: '2026-09-01' })]);
    expect(o.events.edges.map((e: any) => e.node.kind)).toEqual(['REVOKED', 'APPROVED', 'APPLIED']);
    expect((await org(id, '2026-08-31')).approver.id).toBe(SHAPINGBA);
    await expectRefused(t, RECTIFY, { input: { organisationId: id, by: SHAPINGBA, on: '2026-09-05', deadline: '2026-10-01', reason: 'x' } }, 'ILLEGAL_TRANSITION');
  });

  it("R19.dereg, R19.dereg-application: deregistration follows the association's application, for one of the three reasons, by the approving association", async () => {
    const id = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    const DEREG = `mutation ($input: DeregisterInput!) { deregisterAssociation(input: $input) { status } }`;
    await expectRefused(t, DEREG, { input: { organisationId: id, by: SHAPINGBA, on: '2026-09-01', reason: 'BORED' } }, 'BAD_USER_INPUT');
    await expectRefused(t, DEREG, { input: { organisationId: id, by: SHAPINGBA, on: '2026-09-01', reason: 'ENTERPRISE_DISSOLVED' } }, 'RULE_VIOLATION', 'R19.dereg-application');
    const APPLY_DEREG = `mutation ($input: DeregistrationApplicationInput!) { applyToDeregister(input: $input) { status } }`;
    expect(expectData(await t.query(APPLY_DEREG, { input: { organisationId: id, on: '2026-08-15', reason: 'ENTERPRISE_DISSOLVED', documentNo: '企业科协〔2026〕5号' } })).applyToDeregister.status).toBe('ACTIVE');
    await expectRefused(t, DEREG, { input: { organisationId: id, by: JIULONGPO, on: '2026-09-01', reason: 'ENTERPRISE_DISSOLVED' } }, 'RULE_VIOLATION', 'R19.authority');
    expect(expectData(await t.query(DEREG, { input: { organisationId: id, by: SHAPINGBA, on: '2026-09-01', reason: 'ENTERPRISE_DISSOLVED' } })).deregisterAssociation.status).toBe('DEREGISTERED');
    expect((await org(id)).events.edges[0].node).toMatchObject({ kind: 'DEREGISTERED', after: expect.objectContaining({ reason: 'ENTERPRISE_DISSOLVED' }) });
  });
});

describe('Relationships', () => {
  const ADD = `mutation ($input: AddRelationshipInput!) { addRelationship(input: $input) { id } }`;

  it('refuses a relationship that would make an association its own ancestor in the guidance chain', async () => {
    await expectRefused(t, ADD, { input: { kind: 'GUIDANCE', fromId: MUNICIPAL, toId: SHAPINGBA, validFrom: '2026-05-01' } }, 'HIERARCHY_CYCLE');
  });

  it('refuses overlapping validity for a relationship that holds one at a time', async () => {
    const id = await foundAssociation(t, await registerEnterprise(t, { ownership: 'MUNICIPAL_SOE' }), MUNICIPAL);
    await expectRefused(t, ADD, { input: { kind: 'LIAISON', fromId: id, toId: SHAPINGBA, validFrom: '2026-06-01' } }, 'RELATIONSHIP_CONFLICT');
  });

  it('ends a relationship on a date, keeping it in the history', async () => {
    const id = await foundAssociation(t, await registerEnterprise(t), SHAPINGBA);
    const added = (await joinAsGroupMember(id, SHAPINGBA)).relationship;
    const END = `mutation ($input: EndRelationshipInput!) { endRelationship(input: $input) { validFrom validTo } }`;
    await expectRefused(t, END, { input: { relationshipId: added.id, on: '2026-05-01' } }, 'INVALID_ARGUMENT');
    expect(expectData(await t.query(END, { input: { relationshipId: added.id, on: '2026-07-01' } })).endRelationship).toEqual({ validFrom: '2026-05-01', validTo: '2026-07-01' });
    await expectRefused(t, END, { input: { relationshipId: added.id, on: '2026-08-01' } }, 'ILLEGAL_TRANSITION');
    const rels = (await org(id)).relationships.filter((r: any) => r.kind === 'GROUP_MEMBER');
    expect(rels).toEqual([expect.objectContaining({ validFrom: '2026-05-01', validTo: '2026-07-01' })]);
  });
});
