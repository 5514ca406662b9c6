// The organisations subgraph's rules (DOMAIN.md: R3.*, R13.*, R14.*, R16.group, R17.group-member, R19.*), checked by
// calling its commands directly against a fresh database from the rules test kit: no HTTP, no gateway. Each rule has
// at least one accepted case and one refused case (R13.large only advises, so it is never a refusal); every refusal
// is checked with `kit.refused` to have changed none of the organisations subgraph's tables. Tests share one database
// and build their own fixtures.
import { todayInChina } from '@cq/domain';
import * as s from '@cq/db/schema';
import * as applications from '@cq/organisations/commands/applications';
import * as groupMembership from '@cq/organisations/commands/group-membership';
import * as sanctions from '@cq/organisations/commands/sanctions';
import { approverOn } from '@cq/organisations/commands/shared';
import { scienceWorkersOn } from '@cq/db/hierarchy';
import * as structure from '@cq/organisations/commands/structure';
import { and, asc, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTOR, ALL_DOCUMENTS, openKit, type Kit } from '../kit/index.ts';

let kit: Kit;
beforeAll(async () => {
  kit = await openKit();
});
afterAll(() => kit?.close());

type ApplyInput = Parameters<typeof applications.applyForAssociation>[1];
type RelationshipKind = Parameters<typeof structure.addRelationship>[1]['kind'];

const SHAPINGBA = '500106';
const JIULONGPO = '500107';
const NANAN = '500108';
const TONGLIANG = '500151';

const str = (id: number) => String(id);

/** Applies for an enterprise association of `enterpriseId` to `appliedToId`, on 2021-03-01 with the Party's consent. */
function apply(enterpriseId: number, appliedToId: number, extra: Partial<ApplyInput> = {}) {
  return applications.applyForAssociation(
    kit.db,
    {
      kind: 'ENTERPRISE_ASSOCIATION',
      nameZh: `规则测试申请${enterpriseId}`,
      enterpriseIds: [str(enterpriseId)],
      appliedToId: str(appliedToId),
      submittedOn: '2021-03-01',
      consent: { by: 'PARTY_ORGANISATION', on: '2021-02-20', documentNo: '党委〔2021〕1号' },
      parentConsent: null,
      documents: [...ALL_DOCUMENTS],
      ...extra,
    },
    todayInChina(),
    ACTOR,
  );
}

const approve = (applicationId: number, by: number, on = '2021-04-01') =>
  applications.approveApplication(kit.db, { applicationId: str(applicationId), by: str(by), on, documentNo: `批复〔2021〕${applicationId}号` }, ACTOR);

const reject = (applicationId: number, by: number, on = '2021-04-01') =>
  applications.rejectApplication(kit.db, { applicationId: str(applicationId), by: str(by), on, documentNo: `不予批复〔2021〕${applicationId}号` }, ACTOR);

/** A municipal-level association: a municipal SOE of `districtCode` approved by the municipal association on 2021-04-01. */
async function municipalLevel(districtCode = JIULONGPO): Promise<number> {
  const applied = await apply(await kit.enterprise({ districtCode, ownership: 'MUNICIPAL_SOE' }), kit.municipalId);
  return (await approve(applied.application.id, kit.municipalId)).id;
}

const addRelationship = (kind: RelationshipKind, fromId: number, toId: number, validFrom = '2021-05-01') =>
  structure.addRelationship(kit.db, { kind, fromId: str(fromId), toId: str(toId), validFrom, documentNo: null, documentDate: null }, ACTOR);

/** R17.group-member: `fromId` applies to join `toId` on `on`, and `toId` accepts the same day. */
async function join(fromId: number, toId: number, on = '2021-05-01') {
  const applied = await groupMembership.applyForGroupMembership(kit.db, { organisationId: str(fromId), toId: str(toId), on, documentNo: null }, ACTOR);
  return groupMembership.decideGroupMembership(kit.db, { applicationId: str(applied.id), by: str(toId), accept: true, on, documentNo: `团体会员〔2021〕${applied.id}号` }, ACTOR);
}

const transfer = (organisationId: number, toDistrictCode: string, on = '2021-05-01') =>
  structure.transferAffiliation(kit.db, { organisationId: str(organisationId), toDistrictCode, on, documentNo: `转〔2021〕${organisationId}号` }, ACTOR);

const rectify = (organisationId: number, by: number, on = '2021-05-01', deadline = '2021-07-31') =>
  sanctions.orderRectification(kit.db, { organisationId: str(organisationId), by: str(by), on, deadline, reason: '履职不力', documentNo: null }, ACTOR);

const warn = (organisationId: number, by: number, on = '2021-08-15') =>
  sanctions.issueWarning(kit.db, { organisationId: str(organisationId), by: str(by), on, reason: '整改后仍无明显改进', documentNo: null }, ACTOR);

/** The relationships from an organisation, oldest first, as [kind, toId, validFrom, validTo]. */
async function relationshipsOf(id: number) {
  const rows = await kit.db.select().from(s.relationships).where(eq(s.relationships.fromId, id)).orderBy(asc(s.relationships.id));
  return rows.map((r) => [r.kind, r.toId, r.validFrom, r.validTo]);
}

async function organisation(id: number) {
  const [row] = await kit.db.select().from(s.organisations).where(eq(s.organisations.id, id));
  return row!;
}

async function eventsOf(id: number) {
  return kit.db.select().from(s.events).where(eq(s.events.organisationId, id)).orderBy(asc(s.events.id));
}

async function application(id: number) {
  const [row] = await kit.db.select().from(s.applications).where(eq(s.applications.id, id));
  return row!;
}

/** Runs `body` with a district recording by `mode`, then puts it back to review (the kit's default). */
async function withApprovalMode<T>(districtCode: string, mode: 'APPROVAL' | 'FILING', body: () => Promise<T>): Promise<T> {
  await structure.setApprovalMode(kit.db, districtCode, mode, null, todayInChina(), ACTOR);
  try {
    return await body();
  } finally {
    await structure.setApprovalMode(kit.db, districtCode, 'APPROVAL', null, todayInChina(), ACTOR);
  }
}

describe('Level and liaison (Art. 3)', () => {
  it('R3.level: an association approved by a district association is district-level, under that district', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    expect(await organisation(id)).toMatchObject({ status: 'ACTIVE', level: 'DISTRICT', districtCode: SHAPINGBA, establishedOn: '2020-01-06' });
    expect(await relationshipsOf(id)).toEqual([['APPROVAL', kit.districtId(SHAPINGBA), '2020-01-06', null]]);
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(['APPLIED', 'APPROVED']);
  });

  it('R3.level: an association approved by the municipal association is municipal-level', async () => {
    const id = await municipalLevel();
    expect(await organisation(id)).toMatchObject({ status: 'ACTIVE', level: 'MUNICIPAL' });
    expect(await approverOn(kit.db, id, '2021-04-01')).toBe(kit.municipalId);
  });

  it('R3.level: a workstation gets no level, whoever approves it', async () => {
    const id = await kit.association({ kind: 'WORKSTATION' });
    expect(await organisation(id)).toMatchObject({ status: 'ACTIVE', level: null });
  });

  it('R3.level: only the association applied to replies, approving or rejecting, and only once; nothing changes', async () => {
    const applied = await apply(await kit.enterprise({ districtCode: SHAPINGBA }), kit.districtId(SHAPINGBA));
    const applicationId = applied.application.id;
    const extensions = await kit.refused('organisations', () => approve(applicationId, kit.districtId(JIULONGPO)), 'RULE_VIOLATION', 'R3.level');
    expect(extensions).toMatchObject({ expected: str(kit.districtId(SHAPINGBA)), received: str(kit.districtId(JIULONGPO)) });
    await kit.refused('organisations', () => approve(applicationId, kit.municipalId), 'RULE_VIOLATION', 'R3.level');
    await kit.refused('organisations', () => reject(applicationId, kit.municipalId), 'RULE_VIOLATION', 'R3.level');
    expect((await approve(applicationId, kit.districtId(SHAPINGBA))).level).toBe('DISTRICT');
    await kit.refused('organisations', () => approve(applicationId, kit.districtId(SHAPINGBA), '2021-04-02'), 'ILLEGAL_TRANSITION');
  });

  it('R3.liaison: a municipal-level association is liaised by its registered district, and the reply is copied to it', async () => {
    const applied = await apply(await kit.enterprise({ districtCode: JIULONGPO, ownership: 'MUNICIPAL_SOE' }), kit.municipalId);
    const id = (await approve(applied.application.id, kit.municipalId)).id;
    expect(await relationshipsOf(id)).toEqual([
      ['APPROVAL', kit.municipalId, '2021-04-01', null],
      ['LIAISON', kit.districtId(JIULONGPO), '2021-04-01', null],
    ]);
    expect(await application(applied.application.id)).toMatchObject({ decision: 'APPROVED', copiedToId: kit.districtId(JIULONGPO) });
    const liaisons = await kit.db.select().from(s.hierarchyLiaisons).where(eq(s.hierarchyLiaisons.organisationId, id));
    expect(liaisons).toEqual([{ organisationId: id, districtId: kit.districtId(JIULONGPO), validFrom: '2021-04-01', validTo: null }]);
  });

  it('R3.liaison: a district-level association has no liaison, and its reply is copied to no one', async () => {
    const applied = await apply(await kit.enterprise({ districtCode: SHAPINGBA }), kit.districtId(SHAPINGBA));
    const id = (await approve(applied.application.id, kit.districtId(SHAPINGBA))).id;
    expect((await relationshipsOf(id)).map(([kind]) => kind)).toEqual(['APPROVAL']);
    expect((await application(applied.application.id)).copiedToId).toBeNull();
  });

  it('R3.liaison: refuses a liaison from a district-level association, or to a district other than the registered one; nothing changes', async () => {
    const local = await kit.association({ districtCode: SHAPINGBA });
    await kit.refused('organisations', () => addRelationship('LIAISON', local, kit.districtId(SHAPINGBA)), 'RULE_VIOLATION', 'R3.liaison');

    const id = await municipalLevel(JIULONGPO);
    await kit.refused('organisations', () => addRelationship('LIAISON', id, kit.districtId(SHAPINGBA), '2021-07-01'), 'RULE_VIOLATION', 'R3.liaison');
    await kit.refused('organisations', () => addRelationship('LIAISON', id, kit.municipalId, '2021-07-01'), 'RULE_VIOLATION', 'R3.liaison');
    // Its registered district already liaises with it: one liaison at a time.
    await kit.refused('organisations', () => addRelationship('LIAISON', id, kit.districtId(JIULONGPO), '2021-07-01'), 'RELATIONSHIP_CONFLICT');
  });
});

describe('Transfer of affiliation (Art. 3)', () => {
  it('R3.transfer: moves a district-level association to the new district on one day, keeping the history', async () => {
    const enterpriseId = await kit.enterprise({ districtCode: SHAPINGBA });
    const id = await kit.association({ enterpriseIds: [enterpriseId] });
    const moved = await transfer(id, JIULONGPO, '2021-05-01');
    expect(moved.districtCode).toBe(JIULONGPO);
    expect(await relationshipsOf(id)).toEqual([
      ['APPROVAL', kit.districtId(SHAPINGBA), '2020-01-06', '2021-05-01'],
      ['APPROVAL', kit.districtId(JIULONGPO), '2021-05-01', null],
    ]);
    expect(await approverOn(kit.db, id, '2021-04-30')).toBe(kit.districtId(SHAPINGBA));
    expect(await approverOn(kit.db, id, '2021-05-01')).toBe(kit.districtId(JIULONGPO));
    const [enterprise] = await kit.db.select().from(s.enterprises).where(eq(s.enterprises.id, enterpriseId));
    expect(enterprise!.districtCode).toBe(JIULONGPO);
    const paths = await kit.db.select().from(s.hierarchyPaths).where(eq(s.hierarchyPaths.organisationId, id)).orderBy(asc(s.hierarchyPaths.validFrom));
    expect(paths.map((p) => [p.path, p.validFrom, p.validTo])).toEqual([
      [[kit.municipalId, kit.districtId(SHAPINGBA), id], '2020-01-06', '2021-05-01'],
      [[kit.municipalId, kit.districtId(JIULONGPO), id], '2021-05-01', null],
    ]);
    expect((await eventsOf(id)).at(-1)).toMatchObject({
      kind: 'TRANSFERRED',
      actor: ACTOR,
      effectiveOn: '2021-05-01',
      before: { districtCode: SHAPINGBA, APPROVAL: kit.districtId(SHAPINGBA) },
      after: { districtCode: JIULONGPO, APPROVAL: kit.districtId(JIULONGPO) },
    });
  });

  it("R3.transfer: the enterprise's other organisations move with it, and the enterprise keeps its old district as history", async () => {
    const enterprise = await kit.enterprise({ districtCode: SHAPINGBA });
    const id = await kit.association({ enterpriseIds: [enterprise] });
    const workstation = await kit.association({ enterpriseIds: [enterprise], kind: 'WORKSTATION' });
    await transfer(id, JIULONGPO, '2021-05-01');
    expect(await organisation(workstation)).toMatchObject({ districtCode: JIULONGPO });
    expect(await relationshipsOf(workstation)).toEqual([
      ['APPROVAL', kit.districtId(SHAPINGBA), '2020-01-06', '2021-05-01'],
      ['APPROVAL', kit.districtId(JIULONGPO), '2021-05-01', null],
    ]);
    expect((await eventsOf(workstation)).at(-1)).toMatchObject({ kind: 'TRANSFERRED', effectiveOn: '2021-05-01', before: { districtCode: SHAPINGBA }, after: { districtCode: JIULONGPO } });
    const history = await kit.db.select().from(s.enterpriseDistricts).where(eq(s.enterpriseDistricts.enterpriseId, enterprise)).orderBy(asc(s.enterpriseDistricts.id));
    expect(history.map((h) => [h.districtCode, h.validFrom, h.validTo])).toEqual([
      [SHAPINGBA, null, '2021-05-01'],
      [JIULONGPO, '2021-05-01', null],
    ]);
  });

  it('R3.transfer, R3.liaison: a municipal-level association keeps its approval and only changes its liaison district', async () => {
    const id = await municipalLevel(SHAPINGBA);
    await transfer(id, JIULONGPO, '2021-05-01');
    expect(await relationshipsOf(id)).toEqual([
      ['APPROVAL', kit.municipalId, '2021-04-01', null],
      ['LIAISON', kit.districtId(SHAPINGBA), '2021-04-01', '2021-05-01'],
      ['LIAISON', kit.districtId(JIULONGPO), '2021-05-01', null],
    ]);
    expect(await organisation(id)).toMatchObject({ level: 'MUNICIPAL', districtCode: JIULONGPO });
  });

  it('R3.transfer: refuses a transfer on the day the approval began, or before a later transfer; nothing changes', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA, on: '2020-01-06' });
    await kit.refused('organisations', () => transfer(id, JIULONGPO, '2020-01-06'), 'ILLEGAL_TRANSITION', 'R3.transfer');
    await kit.refused('organisations', () => transfer(id, JIULONGPO, '2019-12-31'), 'ILLEGAL_TRANSITION', 'R3.transfer');
    await transfer(id, JIULONGPO, '2021-05-01');
    await kit.refused('organisations', () => transfer(id, NANAN, '2021-03-01'), 'ILLEGAL_TRANSITION', 'R3.transfer');
  });

  it('R3.transfer: refuses a transfer to the district it is already in, or to an unknown one; nothing changes', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    await kit.refused('organisations', () => transfer(id, SHAPINGBA), 'ILLEGAL_TRANSITION');
    await kit.refused('organisations', () => transfer(id, '999999'), 'NOT_FOUND');
  });

  it('R3.transfer: of two concurrent transfers of one association exactly one succeeds', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    const results = await Promise.allSettled([transfer(id, JIULONGPO), transfer(id, NANAN)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const failed = results.find((r) => r.status === 'rejected');
    expect((failed?.reason as { extensions?: { code?: string } }).extensions?.code).toBe('ILLEGAL_TRANSITION');
    const open = await kit.db
      .select()
      .from(s.relationships)
      .where(and(eq(s.relationships.fromId, id), eq(s.relationships.kind, 'APPROVAL'), isNull(s.relationships.validTo)));
    expect(open).toHaveLength(1);
  });
});

describe('Application (Art. 13, 14)', () => {
  it('R13.consent: refuses an application without the consent of the Party organisation; nothing changes', async () => {
    const enterpriseId = await kit.enterprise({ hasPartyOrganisation: true });
    const consent = { by: 'DECISION_MAKING_LEVEL' as const, on: '2021-02-20', documentNo: null };
    const extensions = await kit.refused('organisations', () => apply(enterpriseId, kit.districtId(SHAPINGBA), { consent }), 'RULE_VIOLATION', 'R13.consent');
    expect(extensions).toMatchObject({ expected: 'PARTY_ORGANISATION', received: 'DECISION_MAKING_LEVEL' });
  });

  it('R13.consent: an enterprise without a Party organisation applies with the consent of its decision-making level', async () => {
    const enterpriseId = await kit.enterprise({ hasPartyOrganisation: false });
    await kit.refused('organisations', () => apply(enterpriseId, kit.districtId(SHAPINGBA)), 'RULE_VIOLATION', 'R13.consent');
    const applied = await apply(enterpriseId, kit.districtId(SHAPINGBA), { consent: { by: 'DECISION_MAKING_LEVEL', on: '2021-02-20', documentNo: '董事会决议〔2021〕1号' } });
    expect(applied.organisation.status).toBe('APPLIED');
    expect(await application(applied.application.id)).toMatchObject({ consentBy: 'DECISION_MAKING_LEVEL', consentOn: '2021-02-20', decision: null });
  });

  it('R13.large: a large enterprise applying to a district association gets an advisory notice, not a refusal', async () => {
    for (const ownership of ['CENTRAL_SOE_SUBSIDIARY', 'MUNICIPAL_SOE', 'LARGE_PRIVATE'] as const) {
      const applied = await apply(await kit.enterprise({ ownership }), kit.districtId(SHAPINGBA));
      expect(applied.organisation.status).toBe('APPLIED');
      expect(applied.notices).toEqual([{ rule: 'R13.large', message: expect.stringMatching(/municipal association in principle/) as unknown }]);
    }
  });

  it('R13.large: no notice for an ordinary enterprise, nor for a large one applying to the municipal association', async () => {
    expect((await apply(await kit.enterprise({ ownership: 'OTHER' }), kit.districtId(SHAPINGBA))).notices).toEqual([]);
    expect((await apply(await kit.enterprise({ ownership: 'LARGE_PRIVATE' }), kit.municipalId)).notices).toEqual([]);
  });

  it('R14.materials: refuses to approve a municipal-level application lacking a document, naming it; nothing changes', async () => {
    const documents = ALL_DOCUMENTS.filter((d) => d !== 'CHARTER');
    const applied = await apply(await kit.enterprise({ ownership: 'CENTRAL_SOE_SUBSIDIARY' }), kit.municipalId, { documents });
    const extensions = await kit.refused('organisations', () => approve(applied.application.id, kit.municipalId), 'RULE_VIOLATION', 'R14.materials');
    expect(extensions.missing).toEqual(['CHARTER']);
  });

  it('R14.materials: the municipal association approves with all five documents; a district association without them', async () => {
    const municipal = await apply(await kit.enterprise({ ownership: 'MUNICIPAL_SOE' }), kit.municipalId);
    expect((await approve(municipal.application.id, kit.municipalId)).level).toBe('MUNICIPAL');
    const district = await apply(await kit.enterprise({ districtCode: SHAPINGBA }), kit.districtId(SHAPINGBA), { documents: ['REQUEST'] });
    expect((await approve(district.application.id, kit.districtId(SHAPINGBA))).level).toBe('DISTRICT');
  });

  it('R14.mode: a district that records by filing activates the association at once, with no review step', async () => {
    const today = todayInChina();
    await withApprovalMode(TONGLIANG, 'FILING', async () => {
      const applied = await apply(await kit.enterprise({ districtCode: TONGLIANG }), kit.districtId(TONGLIANG), { submittedOn: today, consent: { by: 'PARTY_ORGANISATION', on: today, documentNo: null } });
      expect(applied.organisation).toMatchObject({ status: 'ACTIVE', level: 'DISTRICT', establishedOn: today });
      expect(applied.application).toMatchObject({ decision: 'FILED', decidedOn: today, decisionDocumentNo: expect.stringMatching(/^备案/) as unknown });
      expect(await relationshipsOf(applied.organisation.id)).toEqual([['APPROVAL', kit.districtId(TONGLIANG), today, null]]);
      expect((await eventsOf(applied.organisation.id)).map((e) => e.kind)).toEqual(['APPLIED', 'FILED']);
      await kit.refused('organisations', () => approve(applied.application.id, kit.districtId(TONGLIANG), today), 'ILLEGAL_TRANSITION');
    });
  });

  it('R14.mode: an application follows the mode in force when it was submitted: one pending under review stays so after a switch to filing', async () => {
    const applied = await apply(await kit.enterprise({ districtCode: NANAN }), kit.districtId(NANAN));
    expect(applied.organisation.status).toBe('APPLIED');
    await withApprovalMode(NANAN, 'FILING', async () => {
      expect((await approve(applied.application.id, kit.districtId(NANAN))).status).toBe('ACTIVE');
    });
  });

  it('R14.mode: a mode has a validity period that starts today or later, never earlier; nothing changes', async () => {
    await kit.refused('organisations', () => structure.setApprovalMode(kit.db, NANAN, 'FILING', '2021-01-01', todayInChina(), ACTOR), 'RULE_VIOLATION', 'R14.mode');
    // A switch dated in the future leaves today's mode and the applications before it alone.
    const nextYear = `${Number(todayInChina().slice(0, 4)) + 1}-01-01`;
    const district = await structure.setApprovalMode(kit.db, NANAN, 'FILING', nextYear, todayInChina(), ACTOR);
    try {
      expect(district.approvalMode).toBe('APPROVAL');
      const applied = await apply(await kit.enterprise({ districtCode: NANAN }), kit.districtId(NANAN));
      expect(applied.application.decision).toBeNull();
      const later = await apply(await kit.enterprise({ districtCode: NANAN }), kit.districtId(NANAN), { submittedOn: nextYear, consent: { by: 'PARTY_ORGANISATION', on: nextYear, documentNo: null } });
      expect(later.application.decision).toBe('FILED');
    } finally {
      await structure.setApprovalMode(kit.db, NANAN, 'APPROVAL', nextYear, todayInChina(), ACTOR);
    }
  });
});

describe('Groups (Art. 16, 17)', () => {
  /** A parent enterprise with an approved association, and a subsidiary of it. */
  async function group() {
    const parentEnterprise = await kit.enterprise({ districtCode: SHAPINGBA });
    const parentAssociation = await kit.association({ enterpriseIds: [parentEnterprise] });
    const child = await kit.enterprise({ districtCode: SHAPINGBA, parentEnterpriseId: parentEnterprise });
    return { parentEnterprise, parentAssociation, child };
  }

  it("R16.group: refuses a subsidiary's application without the parent's Party organisation consent; nothing changes", async () => {
    const { child } = await group();
    await kit.refused('organisations', () => apply(child, kit.districtId(SHAPINGBA)), 'RULE_VIOLATION', 'R16.group');
  });

  it("R16.group: a subsidiary applies with the parent's consent, which is recorded", async () => {
    const { child } = await group();
    const applied = await apply(child, kit.districtId(SHAPINGBA), { parentConsent: { on: '2021-02-25', documentNo: '集团党委〔2021〕2号' } });
    expect(applied.organisation.status).toBe('APPLIED');
    expect(await application(applied.application.id)).toMatchObject({ parentConsentOn: '2021-02-25', parentConsentDocumentNo: '集团党委〔2021〕2号' });
  });

  it("R16.group: a subsidiary's association is guided by and joins its parent's association", async () => {
    const { parentAssociation, child } = await group();
    const applied = await apply(child, kit.districtId(SHAPINGBA), { parentConsent: { on: '2021-02-25', documentNo: null } });
    const id = (await approve(applied.application.id, kit.districtId(SHAPINGBA))).id;
    expect(await addRelationship('GROUP_GUIDANCE', id, parentAssociation)).toMatchObject({ kind: 'GROUP_GUIDANCE', fromId: id, toId: parentAssociation });
    expect(await join(id, parentAssociation)).toMatchObject({ decision: 'ACCEPTED', organisationId: id, appliedToId: parentAssociation });
    // The same group membership twice at once is refused.
    await kit.refused('organisations', () => groupMembership.applyForGroupMembership(kit.db, { organisationId: str(id), toId: str(parentAssociation), on: '2021-06-01', documentNo: null }, ACTOR), 'DUPLICATE');
  });

  it("R16.group: refuses group guidance by any association but the parent enterprise's; nothing changes", async () => {
    const { child } = await group();
    const applied = await apply(child, kit.districtId(SHAPINGBA), { parentConsent: { on: '2021-02-25', documentNo: null } });
    const id = (await approve(applied.application.id, kit.districtId(SHAPINGBA))).id;
    const stranger = await kit.association({ districtCode: SHAPINGBA });
    await kit.refused('organisations', () => addRelationship('GROUP_GUIDANCE', id, stranger), 'RULE_VIOLATION', 'R16.group');
    // An association of an enterprise outside any group has no one to be group-guided by.
    await kit.refused('organisations', () => addRelationship('GROUP_GUIDANCE', stranger, id), 'RULE_VIOLATION', 'R16.group');
  });

  it('R17.group-member: an association applies to its district association and the municipal association, which decide', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    const toDistrict = await groupMembership.applyForGroupMembership(kit.db, { organisationId: str(id), toId: str(kit.districtId(SHAPINGBA)), on: '2021-05-01', documentNo: '申请〔2021〕1号' }, ACTOR);
    expect(toDistrict).toMatchObject({ decision: null, submittedOn: '2021-05-01' });
    expect(await relationshipsOf(id)).toEqual([['APPROVAL', kit.districtId(SHAPINGBA), '2020-01-06', null]]);
    const accepted = await groupMembership.decideGroupMembership(kit.db, { applicationId: str(toDistrict.id), by: str(kit.districtId(SHAPINGBA)), accept: true, on: '2021-05-20', documentNo: '沙科协〔2021〕9号' }, ACTOR);
    expect(accepted).toMatchObject({ decision: 'ACCEPTED', decidedOn: '2021-05-20', relationshipId: expect.any(Number) as unknown });
    const toCity = await groupMembership.applyForGroupMembership(kit.db, { organisationId: str(id), toId: str(kit.municipalId), on: '2021-06-01', documentNo: null }, ACTOR);
    expect((await groupMembership.decideGroupMembership(kit.db, { applicationId: str(toCity.id), by: str(kit.municipalId), accept: false, on: '2021-06-20', documentNo: '渝科协〔2021〕3号' }, ACTOR)).decision).toBe('REFUSED');
    expect(await relationshipsOf(id)).toEqual([
      ['APPROVAL', kit.districtId(SHAPINGBA), '2020-01-06', null],
      ['GROUP_MEMBER', kit.districtId(SHAPINGBA), '2021-05-20', null],
    ]);
    expect((await eventsOf(id)).map((e) => e.kind).slice(-4)).toEqual(['GROUP_MEMBERSHIP_APPLIED', 'RELATIONSHIP_STARTED', 'GROUP_MEMBERSHIP_APPLIED', 'GROUP_MEMBERSHIP_REFUSED']);
  });

  it('R17.group-member: only the body applied to decides, once; nothing changes', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    const applied = await groupMembership.applyForGroupMembership(kit.db, { organisationId: str(id), toId: str(kit.municipalId), on: '2021-05-01', documentNo: null }, ACTOR);
    const decide = (by: number) => groupMembership.decideGroupMembership(kit.db, { applicationId: str(applied.id), by: str(by), accept: true, on: '2021-05-10', documentNo: 'x' }, ACTOR);
    // The association's own district cannot enrol it in the municipal association.
    await kit.refused('organisations', () => decide(kit.districtId(SHAPINGBA)), 'RULE_VIOLATION', 'R17.group-member');
    await decide(kit.municipalId);
    await kit.refused('organisations', () => decide(kit.municipalId), 'ILLEGAL_TRANSITION');
  });

  it('R17.group-member: only enterprise, park and consortium associations join, and not by a direct relationship; nothing changes', async () => {
    const apply = (from: number, to: number) => () => groupMembership.applyForGroupMembership(kit.db, { organisationId: str(from), toId: str(to), on: '2021-05-01', documentNo: null }, ACTOR);
    // A district association, or a workstation, does not join as a group member.
    await kit.refused('organisations', apply(kit.districtId(SHAPINGBA), kit.municipalId), 'RULE_VIOLATION', 'R17.group-member');
    const workstation = await kit.association({ districtCode: SHAPINGBA, kind: 'WORKSTATION' });
    await kit.refused('organisations', apply(workstation, kit.districtId(SHAPINGBA)), 'RULE_VIOLATION', 'R17.group-member');
    const id = await kit.association({ districtCode: SHAPINGBA });
    await kit.refused('organisations', () => addRelationship('GROUP_MEMBER', id, kit.districtId(SHAPINGBA)), 'RULE_VIOLATION', 'R17.group-member');
  });

  it('R17.group-member: refuses group membership of an association outside the group; nothing changes', async () => {
    const a = await kit.association({ districtCode: SHAPINGBA });
    const b = await kit.association({ districtCode: SHAPINGBA });
    await kit.refused('organisations', () => groupMembership.applyForGroupMembership(kit.db, { organisationId: str(a), toId: str(b), on: '2021-05-01', documentNo: null }, ACTOR), 'RULE_VIOLATION', 'R17.group-member');
  });
});

describe('Sanctions and deregistration (Art. 19)', () => {
  it('R19.authority: only the approving association orders a rectification, not another district nor the guiding municipal association', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    const extensions = await kit.refused('organisations', () => rectify(id, kit.districtId(JIULONGPO)), 'RULE_VIOLATION', 'R19.authority');
    expect(extensions).toMatchObject({ expected: str(kit.districtId(SHAPINGBA)), received: str(kit.districtId(JIULONGPO)) });
    await kit.refused('organisations', () => rectify(id, kit.municipalId), 'RULE_VIOLATION', 'R19.authority');
    expect(await rectify(id, kit.districtId(SHAPINGBA))).toMatchObject({ kind: 'RECTIFICATION', byId: kit.districtId(SHAPINGBA), deadline: '2021-07-31', completedOn: null });
  });

  it('R19.authority: only the approving association accepts a rectification as done', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    const sanction = await rectify(id, kit.districtId(SHAPINGBA));
    const complete = (by: number) => sanctions.completeRectification(kit.db, { sanctionId: str(sanction.id), by: str(by), on: '2021-06-10' }, ACTOR);
    await kit.refused('organisations', () => complete(kit.municipalId), 'RULE_VIOLATION', 'R19.authority');
    expect(await complete(kit.districtId(SHAPINGBA))).toMatchObject({ id: sanction.id, completedOn: '2021-06-10' });
  });

  it('R19.authority: revocation by the approving association ends the association and its relationships, keeping the history', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    await join(id, kit.municipalId);
    const revoke = (by: number) => sanctions.revokeAssociation(kit.db, { organisationId: str(id), by: str(by), on: '2021-09-01', reason: '违法', documentNo: null }, ACTOR);
    await kit.refused('organisations', () => revoke(kit.municipalId), 'RULE_VIOLATION', 'R19.authority');
    expect((await revoke(kit.districtId(SHAPINGBA))).status).toBe('REVOKED');
    expect(await relationshipsOf(id)).toEqual([
      ['APPROVAL', kit.districtId(SHAPINGBA), '2020-01-06', '2021-09-01'],
      ['GROUP_MEMBER', kit.municipalId, '2021-05-01', '2021-09-01'],
    ]);
    expect(await approverOn(kit.db, id, '2021-08-31')).toBe(kit.districtId(SHAPINGBA));
    expect(await approverOn(kit.db, id, '2021-09-01')).toBeNull();
    expect((await eventsOf(id)).map((e) => e.kind)).toEqual(['APPLIED', 'APPROVED', 'GROUP_MEMBERSHIP_APPLIED', 'RELATIONSHIP_STARTED', 'REVOKED']);
    // Once revoked, nothing more can be ordered.
    await kit.refused('organisations', () => rectify(id, kit.districtId(SHAPINGBA), '2021-09-05', '2021-10-01'), 'ILLEGAL_TRANSITION');
  });

  it('R19.authority: after a transfer the authority follows the approval that holds on the effective date', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    await transfer(id, JIULONGPO, '2021-05-01');
    await kit.refused('organisations', () => rectify(id, kit.districtId(SHAPINGBA), '2021-06-01', '2021-08-31'), 'RULE_VIOLATION', 'R19.authority');
    await kit.refused('organisations', () => rectify(id, kit.districtId(JIULONGPO), '2021-04-01', '2021-06-30'), 'RULE_VIOLATION', 'R19.authority');
    expect((await rectify(id, kit.districtId(JIULONGPO), '2021-06-01', '2021-08-31')).byId).toBe(kit.districtId(JIULONGPO));
  });

  it('R19.authority: the old district cannot act after a transfer by dating its decision before it; nothing changes', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    await transfer(id, JIULONGPO, '2021-05-01');
    // Shapingba held the approval on 2021-04-01, but no longer holds it today.
    const extensions = await kit.refused('organisations', () => rectify(id, kit.districtId(SHAPINGBA), '2021-04-01', '2021-06-30'), 'RULE_VIOLATION', 'R19.authority');
    expect(extensions).toMatchObject({ expected: str(kit.districtId(JIULONGPO)), received: str(kit.districtId(SHAPINGBA)), on: todayInChina() });
    const revoke = (by: number, on: string) => sanctions.revokeAssociation(kit.db, { organisationId: str(id), by: str(by), on, reason: '违法', documentNo: null }, ACTOR);
    await kit.refused('organisations', () => revoke(kit.districtId(SHAPINGBA), '2021-04-15'), 'RULE_VIOLATION', 'R19.authority');
    // Nor can the new district backdate a revocation to before its own approval: the association would show REVOKED
    // while still approved by it.
    await kit.refused('organisations', () => revoke(kit.districtId(JIULONGPO), '2021-04-15'), 'RULE_VIOLATION', 'R19.authority');
    expect((await revoke(kit.districtId(JIULONGPO), '2021-09-01')).status).toBe('REVOKED');
    expect((await relationshipsOf(id)).filter((r) => r[3] === null)).toEqual([]);
  });

  it('R19.authority: guidance is not approval: the municipal association sanctions no district association; nothing changes', async () => {
    const district = kit.districtId(SHAPINGBA);
    await kit.refused('organisations', () => rectify(district, kit.municipalId), 'RULE_VIOLATION', 'R19.authority');
    const revoke = () => sanctions.revokeAssociation(kit.db, { organisationId: str(district), by: str(kit.municipalId), on: '2021-09-01', reason: '违法', documentNo: null }, ACTOR);
    await kit.refused('organisations', revoke, 'RULE_VIOLATION', 'R19.authority');
  });

  it('R19.authority: a revocation dated before a relationship that began later is refused, so none outlives it; nothing changes', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    await join(id, kit.districtId(SHAPINGBA), '2021-05-01');
    const revoke = () => sanctions.revokeAssociation(kit.db, { organisationId: str(id), by: str(kit.districtId(SHAPINGBA)), on: '2021-03-01', reason: '违法', documentNo: null }, ACTOR);
    await kit.refused('organisations', revoke, 'INVALID_ARGUMENT');
  });

  it('R19.warning: refuses a warning without an earlier order to rectify of the same association; nothing changes', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    await kit.refused('organisations', () => warn(id, kit.districtId(SHAPINGBA)), 'RULE_VIOLATION', 'R19.warning');
    // Another association's rectification does not count.
    const other = await kit.association({ districtCode: SHAPINGBA });
    await rectify(other, kit.districtId(SHAPINGBA));
    await kit.refused('organisations', () => warn(id, kit.districtId(SHAPINGBA)), 'RULE_VIOLATION', 'R19.warning');
    // Nor does one ordered on the day of the warning, or after it.
    await rectify(id, kit.districtId(SHAPINGBA), '2021-08-15', '2021-09-30');
    await kit.refused('organisations', () => warn(id, kit.districtId(SHAPINGBA), '2021-08-15'), 'RULE_VIOLATION', 'R19.warning');
    await kit.refused('organisations', () => warn(id, kit.districtId(SHAPINGBA), '2021-08-01'), 'RULE_VIOLATION', 'R19.warning');
  });

  it('R19.warning: refuses a warning before the deadline of the order to rectify, or once the rectification was accepted as done; nothing changes', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    const order = await rectify(id, kit.districtId(SHAPINGBA), '2021-05-01', '2021-07-31');
    // The day after the order, and on the deadline itself: the time to rectify has not run out.
    await kit.refused('organisations', () => warn(id, kit.districtId(SHAPINGBA), '2021-05-02'), 'RULE_VIOLATION', 'R19.warning');
    await kit.refused('organisations', () => warn(id, kit.districtId(SHAPINGBA), '2021-07-31'), 'RULE_VIOLATION', 'R19.warning');
    // Accepted as done after the deadline: there is no longer anything to warn about.
    await sanctions.completeRectification(kit.db, { sanctionId: str(order.id), by: str(kit.districtId(SHAPINGBA)), on: '2021-08-10' }, ACTOR);
    const extensions = await kit.refused('organisations', () => warn(id, kit.districtId(SHAPINGBA), '2021-08-15'), 'RULE_VIOLATION', 'R19.warning');
    expect(extensions.rule).toBe('R19.warning');
  });

  it('R19.warning: a warning after an order to rectify whose deadline passed is issued by the approving association', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    await rectify(id, kit.districtId(SHAPINGBA), '2021-05-01', '2021-07-31');
    await kit.refused('organisations', () => warn(id, kit.municipalId), 'RULE_VIOLATION', 'R19.authority');
    expect(await warn(id, kit.districtId(SHAPINGBA), '2021-08-15')).toMatchObject({ kind: 'WARNING', byId: kit.districtId(SHAPINGBA), decidedOn: '2021-08-15' });
    expect((await eventsOf(id)).at(-1)).toMatchObject({ kind: 'WARNED', effectiveOn: '2021-08-15' });
  });

  it('R19.dereg: an association is deregistered for each of the three reasons, the reason recorded and its relationships ended', async () => {
    for (const reason of ['DECIDED_TO_DISSOLVE', 'ENTERPRISE_DISSOLVED', 'TERMINATED_OTHERWISE'] as const) {
      const id = await kit.association({ districtCode: SHAPINGBA });
      await applyToDeregister(id, reason);
      const done = await sanctions.deregisterAssociation(kit.db, { organisationId: str(id), by: str(kit.districtId(SHAPINGBA)), on: '2021-09-01', reason, documentNo: '注销〔2021〕1号' }, ACTOR);
      expect(done.status).toBe('DEREGISTERED');
      expect(await relationshipsOf(id)).toEqual([['APPROVAL', kit.districtId(SHAPINGBA), '2020-01-06', '2021-09-01']]);
      expect((await eventsOf(id)).slice(-2)).toMatchObject([
        { kind: 'DEREGISTRATION_APPLIED', effectiveOn: '2021-08-01', after: { reason } },
        { kind: 'DEREGISTERED', effectiveOn: '2021-09-01', documentNo: '注销〔2021〕1号', after: { status: 'DEREGISTERED', reason } },
      ]);
    }
  });

  it('R19.dereg, R19.authority: only the approving association records a deregistration, and only once; nothing changes', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    await applyToDeregister(id, 'ENTERPRISE_DISSOLVED');
    const deregister = (by: number) =>
      sanctions.deregisterAssociation(kit.db, { organisationId: str(id), by: str(by), on: '2021-09-01', reason: 'ENTERPRISE_DISSOLVED', documentNo: null }, ACTOR);
    await kit.refused('organisations', () => deregister(kit.districtId(JIULONGPO)), 'RULE_VIOLATION', 'R19.authority');
    await kit.refused('organisations', () => deregister(kit.municipalId), 'RULE_VIOLATION', 'R19.authority');
    expect((await deregister(kit.districtId(SHAPINGBA))).status).toBe('DEREGISTERED');
    await kit.refused('organisations', () => deregister(kit.districtId(SHAPINGBA)), 'ILLEGAL_TRANSITION');
  });

  it('R19.dereg-application: no deregistration without the association\'s own application, for the reason it gave; nothing changes', async () => {
    const id = await kit.association({ districtCode: SHAPINGBA });
    const deregister = (reason: 'DECIDED_TO_DISSOLVE' | 'ENTERPRISE_DISSOLVED', on = '2021-09-01') => () =>
      sanctions.deregisterAssociation(kit.db, { organisationId: str(id), by: str(kit.districtId(SHAPINGBA)), on, reason, documentNo: null }, ACTOR);
    await kit.refused('organisations', deregister('DECIDED_TO_DISSOLVE'), 'RULE_VIOLATION', 'R19.dereg-application');
    await applyToDeregister(id, 'DECIDED_TO_DISSOLVE', '2021-08-01');
    // Not before the application, and not for another reason.
    await kit.refused('organisations', deregister('DECIDED_TO_DISSOLVE', '2021-07-01'), 'RULE_VIOLATION', 'R19.dereg-application');
    await kit.refused('organisations', deregister('ENTERPRISE_DISSOLVED'), 'RULE_VIOLATION', 'R19.dereg');
    expect((await deregister('DECIDED_TO_DISSOLVE')()).status).toBe('DEREGISTERED');
  });
});

describe('Uniqueness, consent and liaison (Art. 3, 13, 16)', () => {
  it('R13.unique: refuses a second enterprise association of one enterprise, naming the first; nothing changes', async () => {
    const enterprise = await kit.enterprise({ districtCode: SHAPINGBA });
    const first = await apply(enterprise, kit.districtId(SHAPINGBA));
    const extensions = await kit.refused('organisations', () => apply(enterprise, kit.districtId(SHAPINGBA)), 'RULE_VIOLATION', 'R13.unique');
    expect(extensions.organisationId).toBe(str(first.organisation.id));
    // Once the first is rejected, the enterprise may apply again.
    await reject(first.application.id, kit.districtId(SHAPINGBA));
    expect((await apply(enterprise, kit.districtId(SHAPINGBA))).organisation.status).toBe('APPLIED');
  });

  it('R13.consent: every enterprise behind a park association consents by its own body, not only the first; nothing changes', async () => {
    const a = await kit.enterprise({ districtCode: SHAPINGBA });
    const b = await kit.enterprise({ districtCode: SHAPINGBA, hasPartyOrganisation: false });
    const park = (otherConsents: ApplyInput['otherConsents']) => () => apply(a, kit.districtId(SHAPINGBA), { kind: 'PARK_ASSOCIATION', enterpriseIds: [str(a), str(b)], otherConsents });
    expect(await kit.refused('organisations', park([]), 'RULE_VIOLATION', 'R13.consent')).toMatchObject({ enterpriseId: str(b), expected: 'DECISION_MAKING_LEVEL', received: null });
    await kit.refused('organisations', park([{ enterpriseId: str(b), by: 'PARTY_ORGANISATION', on: '2021-02-20', documentNo: null }]), 'RULE_VIOLATION', 'R13.consent');
    await kit.refused('organisations', park([{ enterpriseId: str(b), by: 'DECISION_MAKING_LEVEL', on: '2021-03-05', documentNo: null }]), 'INVALID_ARGUMENT');
    const applied = await park([{ enterpriseId: str(b), by: 'DECISION_MAKING_LEVEL', on: '2021-02-25', documentNo: '董事会〔2021〕1号' }])();
    expect((await application(applied.application.id)).otherConsents).toEqual([{ enterpriseId: b, by: 'DECISION_MAKING_LEVEL', on: '2021-02-25', documentNo: '董事会〔2021〕1号' }]);
  });

  it("R16.group: refuses a parent's consent dated after the application, or from a parent without a Party organisation; nothing changes", async () => {
    const parent = await kit.enterprise({ districtCode: SHAPINGBA });
    const child = await kit.enterprise({ districtCode: SHAPINGBA, parentEnterpriseId: parent });
    await kit.refused('organisations', () => apply(child, kit.districtId(SHAPINGBA), { parentConsent: { on: '2021-03-05', documentNo: null } }), 'RULE_VIOLATION', 'R16.group');
    const parentWithout = await kit.enterprise({ districtCode: SHAPINGBA, hasPartyOrganisation: false });
    const childOfIt = await kit.enterprise({ districtCode: SHAPINGBA, parentEnterpriseId: parentWithout });
    await kit.refused('organisations', () => apply(childOfIt, kit.districtId(SHAPINGBA), { parentConsent: { on: '2021-02-25', documentNo: null } }), 'RULE_VIOLATION', 'R16.group');
    expect((await apply(child, kit.districtId(SHAPINGBA), { parentConsent: { on: '2021-03-01', documentNo: null } })).organisation.status).toBe('APPLIED');
  });

  it('R3.liaison: a liaison is never ended on its own, which would leave the association without one; nothing changes', async () => {
    const id = await municipalLevel(JIULONGPO);
    const [liaison] = await kit.db.select().from(s.relationships).where(and(eq(s.relationships.fromId, id), eq(s.relationships.kind, 'LIAISON'), isNull(s.relationships.validTo)));
    await kit.refused('organisations', () => structure.endRelationship(kit.db, { relationshipId: str(liaison!.id), on: '2021-06-01', documentNo: null }, ACTOR), 'RULE_VIOLATION', 'R3.liaison');
    // A transfer replaces it.
    await transfer(id, NANAN, '2021-06-01');
    expect((await relationshipsOf(id)).filter((r) => r[0] === 'LIAISON')).toEqual([
      ['LIAISON', kit.districtId(JIULONGPO), '2021-04-01', '2021-06-01'],
      ['LIAISON', kit.districtId(NANAN), '2021-06-01', null],
    ]);
  });
});

async function applyToDeregister(id: number, reason: 'DECIDED_TO_DISSOLVE' | 'ENTERPRISE_DISSOLVED' | 'TERMINATED_OTHERWISE', on = '2021-08-01') {
  await sanctions.applyToDeregister(kit.db, { organisationId: str(id), on, reason, documentNo: null }, ACTOR);
}

describe('Science and technology workers through time (R26.assembly)', () => {
  it('R26.assembly: keeps every count of an enterprise dated, and gives an association the sum of its enterprises on a day', async () => {
    const a = await kit.enterprise({ districtCode: SHAPINGBA, scienceWorkerCount: 500 });
    const b = await kit.enterprise({ districtCode: SHAPINGBA, scienceWorkerCount: 30 });
    const park = await kit.association({ kind: 'PARK_ASSOCIATION', enterpriseIds: [a, b] });
    await applications.recordScienceWorkerCount(kit.db, { enterpriseId: str(a), count: 60, on: '2023-01-01', documentNo: null });
    expect(await scienceWorkersOn(kit.db, park, '2022-12-31')).toBe(530);
    expect(await scienceWorkersOn(kit.db, park, '2023-01-01')).toBe(90);
    expect((await kit.db.select().from(s.enterprises).where(eq(s.enterprises.id, a)))[0]!.scienceWorkerCount).toBe(60);
    const counts = await kit.db.select().from(s.scienceWorkerCounts).where(eq(s.scienceWorkerCounts.enterpriseId, a)).orderBy(asc(s.scienceWorkerCounts.id));
    expect(counts.map((c) => [c.count, c.validFrom])).toEqual([[500, null], [60, '2023-01-01']]);
    await kit.refused('organisations', () => applications.recordScienceWorkerCount(kit.db, { enterpriseId: str(a), count: -1, on: '2024-01-01', documentNo: null }), 'INVALID_ARGUMENT');
  });
});
