// A test kit for the rules, without HTTP: a fresh migrated database holding only the fixed frame of the network
// (the municipal association and the district associations of Chongqing's districts), and builders that make
// everything else through the subgraphs' own commands, so every fixture has passed the same rules as real data.
// Ids come from what the builders return, never from the demo seed.
import { type Db } from '@cq/db';
import { rebuildHierarchy } from '@cq/db/hierarchy-maintenance';
import * as s from '@cq/db/schema';
import { readDistricts } from '@cq/db/seed';
import { DomainError, todayInChina, withCreditCodeCheckCharacter } from '@cq/domain';
import * as applications from '@cq/organisations/commands/applications';
import * as leadership from '@cq/people/commands/leadership';
import * as membership from '@cq/people/commands/membership';
import { eq, inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { OWNER_TABLES, snapshot } from '../helpers/refusal.ts';

export const ACTOR = 'test:kit';
export const ALL_DOCUMENTS = ['REQUEST', 'CHARTER', 'PREPARATION_REPORT', 'CANDIDATE_LIST', 'ELECTION_RULES'] as const;


export interface EnterpriseOptions {
  districtCode?: string;
  ownership?: 'CENTRAL_SOE_SUBSIDIARY' | 'MUNICIPAL_SOE' | 'LARGE_PRIVATE' | 'OTHER';
  hasPartyOrganisation?: boolean;
  scienceWorkerCount?: number;
  parentEnterpriseId?: number;
}

export interface AssociationOptions extends EnterpriseOptions {
  kind?: 'ENTERPRISE_ASSOCIATION' | 'WORKSTATION' | 'PARK_ASSOCIATION' | 'CONSORTIUM' | 'FEDERATION';
  /** The enterprises behind it; by default one new enterprise of `districtCode` */
  enterpriseIds?: number[];
  /** Whom it applies to; by default the district association of its district */
  appliedToId?: number;
  /** The day it applies; it is approved the same day. Default 2020-01-06. */
  on?: string;
}

export interface Kit {
  db: Db;
  municipalId: number;
  /** The district association of a district, by district code (e.g. 500106, 沙坪坝区). */
  districtId(code: string): number;
  enterprise(options?: EnterpriseOptions): Promise<number>;
  /** An association applied for and approved through the commands; its id. */
  association(options?: AssociationOptions): Promise<number>;
  person(options?: { category?: 'SCIENCE_TECHNOLOGY_WORKER' | 'MANAGER' | 'SENIOR_SKILLED_WORKER'; employerEnterpriseId?: number }): Promise<number>;
  /** A membership applied for and admitted on `on`; its id. */
  member(personId: number, organisationId: number, on?: string): Promise<number>;
  /**
   * R28.reports: a congress (a representative congress of `termYears` years, on `heldOn`, default 2021-01-01) and the
   * committee (kind COMMITTEE) it elected, whose term is the congress's.
   */
  committee(organisationId: number, options?: { heldOn?: string; termYears?: number; name?: string }): Promise<{ congressId: number; committeeId: number; termEnd: string }>;
  /**
   * Runs a command that must be refused with `code` (and `rule`): returns the error's extensions and checks that
   * none of the owner's tables changed.
   */
  refused(owner: keyof typeof OWNER_TABLES, command: () => Promise<unknown>, code: string, rule?: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

let serial = 0;

export async function openKit(): Promise<Kit> {
  const database: TestDatabase = await openTestDatabase();
  await database.migrate();
  const db = database.db;
  const districtIds = await frame(db);
  const [municipal] = await db.select({ id: s.organisations.id }).from(s.organisations).where(eqKind('MUNICIPAL_ASSOCIATION'));

  const kit: Kit = {
    db,
    municipalId: municipal!.id,
    districtId(code) {
      const id = districtIds.get(code);
      if (id === undefined) throw new Error(`no district ${code}`);
      return id;
    },
    async enterprise(o = {}) {
      serial += 1;
      const row = await applications.registerEnterprise(db, {
        nameZh: `规则测试企业${serial}有限公司`,
        creditCode: withCreditCodeCheckCharacter(`91500000MA${String(process.pid % 10_000).padStart(4, '0')}${String(serial).padStart(3, '0')}`),
        districtCode: o.districtCode ?? '500106',
        ownership: o.ownership ?? 'OTHER',
        hasPartyOrganisation: o.hasPartyOrganisation ?? true,
        scienceWorkerCount: o.scienceWorkerCount ?? 120,
        parentEnterpriseId: o.parentEnterpriseId === undefined ? null : String(o.parentEnterpriseId),
      });
      return row.id;
    },
    async association(o = {}) {
      const districtCode = o.districtCode ?? '500106';
      const enterpriseIds = o.enterpriseIds ?? [await kit.enterprise(o)];
      const appliedToId = o.appliedToId ?? kit.districtId(districtCode);
      const on = o.on ?? '2020-01-06';
      serial += 1;
      // R13.consent: every enterprise after the first consents by its own body.
      const others = enterpriseIds.length > 1 ? await db.select().from(s.enterprises).where(inArray(s.enterprises.id, enterpriseIds.slice(1))) : [];
      const applied = await applications.applyForAssociation(
        db,
        {
          kind: o.kind ?? 'ENTERPRISE_ASSOCIATION',
          nameZh: `规则测试科协${serial}`,
          enterpriseIds: enterpriseIds.map(String),
          appliedToId: String(appliedToId),
          submittedOn: on,
          consent: { by: 'PARTY_ORGANISATION', on, documentNo: `党委〔${on.slice(0, 4)}〕${serial}号` },
          otherConsents: others.map((e) => ({ enterpriseId: String(e.id), by: e.hasPartyOrganisation ? 'PARTY_ORGANISATION' : 'DECISION_MAKING_LEVEL', on, documentNo: null })),
          documents: [...ALL_DOCUMENTS],
        },
        todayInChina(),
        ACTOR,
      );
      if (applied.organisation.status === 'ACTIVE') return applied.organisation.id;
      const approved = await applications.approveApplication(
        db,
        { applicationId: String(applied.application.id), by: String(appliedToId), on, documentNo: `批复〔${on.slice(0, 4)}〕${serial}号` },
        ACTOR,
      );
      return approved.id;
    },
    async person(o = {}) {
      serial += 1;
      const row = await membership.registerPerson(
        db,
        { nameZh: `测试人员${serial}`, category: o.category ?? 'SCIENCE_TECHNOLOGY_WORKER', employerEnterpriseId: o.employerEnterpriseId === undefined ? null : String(o.employerEnterpriseId), professionalFields: [], titles: [] },
        ACTOR,
      );
      return row.id;
    },
    async member(personId, organisationId, on = '2021-03-01') {
      const applied = await membership.applyForMembership(db, { personId: String(personId), organisationId: String(organisationId), on }, todayInChina(), ACTOR);
      const admitted = await membership.admitMember(db, { membershipId: String(applied.id), on }, ACTOR);
      return admitted.id;
    },
    async committee(organisationId, o = {}) {
      const heldOn = o.heldOn ?? '2021-01-01';
      const congress = await leadership.recordCongress(
        db,
        { organisationId: String(organisationId), kind: 'REPRESENTATIVE_CONGRESS', heldOn, termYears: o.termYears ?? 5, scienceWorkerCount: null, charterAmended: null },
        ACTOR,
      );
      const committee = await leadership.createCommittee(
        db,
        { organisationId: String(organisationId), kind: 'COMMITTEE', name: o.name ?? '委员会', termStart: heldOn, termEnd: null, congressId: String(congress.id) },
        ACTOR,
      );
      return { congressId: congress.id, committeeId: committee.id, termEnd: committee.termEnd! };
    },
    async refused(owner, command, code, rule) {
      const before = await snapshot(db, OWNER_TABLES[owner]);
      const error = await command().then(
        (result) => {
          throw new Error(`expected a refusal with ${code}${rule ? ` (${rule})` : ''}, but the command succeeded with ${JSON.stringify(result)}`);
        },
        (e: unknown) => e,
      );
      if (!(error instanceof DomainError)) throw error;
      expect(error.extensions.code, error.message).toBe(code);
      if (rule) expect(error.extensions.rule, error.message).toBe(rule);
      expect(await snapshot(db, OWNER_TABLES[owner])).toEqual(before);
      return error.extensions;
    },
    close: () => database.close(),
  };
  return kit;
}

const eqKind = (kind: 'MUNICIPAL_ASSOCIATION') => eq(s.organisations.kind, kind);

/**
 * The fixed frame no command creates: Chongqing's districts (every one reviewing applications), the municipal
 * association, and each district's association under its guidance since 2015.
 */
async function frame(db: Db): Promise<Map<string, number>> {
  const districts = readDistricts();
  await db.insert(s.districts).values(districts.map((d) => ({ ...d, approvalMode: 'APPROVAL' as const })));
  const [municipal] = await db
    .insert(s.organisations)
    .values({ kind: 'MUNICIPAL_ASSOCIATION', nameZh: '重庆市科学技术协会', status: 'ACTIVE', establishedOn: '1958-11-01' })
    .returning({ id: s.organisations.id });
  const rows = await db
    .insert(s.organisations)
    .values(districts.map((d) => ({ kind: 'DISTRICT_ASSOCIATION' as const, nameZh: `${d.nameZh}科学技术协会`, status: 'ACTIVE' as const, districtCode: d.code, establishedOn: '1980-01-01' })))
    .returning({ id: s.organisations.id, districtCode: s.organisations.districtCode });
  await db.insert(s.relationships).values(rows.map((r) => ({ kind: 'GUIDANCE' as const, fromId: r.id, toId: municipal!.id, validFrom: '2015-01-01', documentNo: '渝科协发〔2015〕1号' })));
  await rebuildHierarchy(db);
  return new Map(rows.map((r) => [r.districtCode!, r.id]));
}
