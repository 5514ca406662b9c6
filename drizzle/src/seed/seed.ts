// Deterministic demo data. The structure (districts, enterprises, associations, relationships) is computed here row
// by row; the bulk (persons, memberships, activities) is generated inside the database with generate_series so that
// the `large` bench scale loads in seconds rather than minutes.
import { readFileSync } from 'node:fs';
import { withCreditCodeCheckCharacter } from '@cq/domain';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { rebuildHierarchy } from '../hierarchy/maintain.ts';
import { rebuildDecisions } from '../decisions/publish.ts';
import { resetSequences } from './sql.ts';
import { rebuildActivityCounts, seedActivities, seedActivityRecords } from './activities.ts';
import { forgetMemberCounts, seedLeadership, seedPeople } from './people.ts';
import * as s from '../schema/index.ts';
import { COMPANY_SUFFIXES, ENTERPRISE_PREFIXES, INDUSTRIES, LEARNED_SOCIETIES, shortDistrictName } from './names.ts';
import type { SeedScale } from './scales.ts';


interface District {
  code: string;
  nameZh: string;
  nameEn: string;
  kind: string;
}

export function readDistricts(): District[] {
  const text = readFileSync(new URL('../../data/chongqing-districts.csv', import.meta.url), 'utf8');
  const [, ...lines] = text.trim().split('\n');
  return lines.map((line) => {
    const [code, nameZh, nameEn, kind] = line.split(',');
    return { code: code!, nameZh: nameZh!, nameEn: nameEn!, kind: kind! };
  });
}

export const MUNICIPAL_ID = 1;
/** Districts get ids 2..42 in the order of the districts file. */
export const districtAssociationId = (index: number) => 2 + index;
/** Districts that record new associations by filing (备案制) instead of reviewing them. */
const FILING_DISTRICTS = new Set(['500151', '500152', '500153', 'LJXQ']);

type OrganisationRow = typeof s.organisations.$inferInsert;
type EnterpriseRow = typeof s.enterprises.$inferInsert;
type RelationshipRow = typeof s.relationships.$inferInsert;
type EventRow = typeof s.events.$inferInsert;
type ApplicationRow = typeof s.applications.$inferInsert;
type SanctionRow = typeof s.sanctions.$inferInsert;
type OrganisationEnterpriseRow = typeof s.organisationEnterprises.$inferInsert;

const ALL_DOCUMENTS = ['REQUEST', 'CHARTER', 'PREPARATION_REPORT', 'CANDIDATE_LIST', 'ELECTION_RULES'] as const;

const addDays = (isoDate: string, days: number) => {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
};

export async function isSeeded(db: Db): Promise<boolean> {
  const rows = await db.select({ id: s.organisations.id }).from(s.organisations).limit(1);
  return rows.length > 0;
}

export async function seed(db: Db, scale: SeedScale, options: { identityNumberKey?: string | undefined } = {}): Promise<void> {
  const districts = readDistricts();
  const enterprises: EnterpriseRow[] = [];
  const organisations: OrganisationRow[] = [];
  const relationships: RelationshipRow[] = [];
  const events: EventRow[] = [];
  const applications: ApplicationRow[] = [];
  const sanctions: SanctionRow[] = [];
  const organisationEnterprises: OrganisationEnterpriseRow[] = [];

  const approve = (
    organisation: OrganisationRow & { id: number },
    approverId: number,
    on: string,
    documentNo: string,
    kind: 'APPROVAL' | 'GUIDANCE' = 'APPROVAL',
  ) => {
    relationships.push({ kind, fromId: organisation.id, toId: approverId, validFrom: on, documentNo, documentDate: on });
    events.push({
      organisationId: organisation.id,
      kind: kind === 'APPROVAL' ? 'APPROVED' : 'GUIDANCE_STARTED',
      actor: `organisation:${approverId}`,
      occurredAt: new Date(`${on}T10:00:00+08:00`),
      effectiveOn: on,
      documentNo,
      after: { status: 'ACTIVE', approverId },
    });
  };

  organisations.push({
    id: MUNICIPAL_ID,
    kind: 'MUNICIPAL_ASSOCIATION',
    nameZh: '重庆市科学技术协会',
    nameEn: 'Chongqing Association for Science and Technology',
    status: 'ACTIVE',
    establishedOn: '1958-11-01',
  });
  districts.forEach((d, index) => {
    const row = {
      id: districtAssociationId(index),
      kind: 'DISTRICT_ASSOCIATION' as const,
      nameZh: `${d.nameZh}科学技术协会`,
      nameEn: `${d.nameEn} Association for Science and Technology`,
      status: 'ACTIVE' as const,
      districtCode: d.code,
      establishedOn: '1980-01-01',
    };
    organisations.push(row);
    approve(row, MUNICIPAL_ID, '2015-01-01', '渝科协发〔2015〕1号', 'GUIDANCE');
  });
  let nextId = districtAssociationId(districts.length);
  LEARNED_SOCIETIES.forEach((name, i) => {
    const row = { id: nextId++, kind: 'LEARNED_SOCIETY' as const, nameZh: name, status: 'ACTIVE' as const, establishedOn: `198${i}-05-01` };
    organisations.push(row);
    approve(row, MUNICIPAL_ID, '2016-03-01', '渝科协发〔2016〕12号', 'GUIDANCE');
  });

  // Enterprises and the association (or workstation) each one has.
  const associationOfEnterprise = new Map<number, number>();
  for (let i = 1; i <= scale.enterprises; i++) {
    const d = (i - 1) % districts.length;
    const district = districts[d]!;
    const q = Math.floor((i - 1) / districts.length);
    const extra = Math.floor(q / 1200);
    const nameZh =
      shortDistrictName(district.nameZh) +
      ENTERPRISE_PREFIXES[Math.floor(q / 60) % 20]! +
      INDUSTRIES[Math.floor(q / 4) % 15]! +
      (extra ? `第${extra + 1}` : '') +
      COMPANY_SUFFIXES[q % 4]!;
    const ownership =
      i % 50 === 1 ? 'CENTRAL_SOE_SUBSIDIARY' : i % 50 === 2 ? 'MUNICIPAL_SOE' : i % 25 === 3 ? 'LARGE_PRIVATE' : 'OTHER';
    const parent = i % 10 === 4 && i > 50 ? i - (i % 50) + 2 : null;
    enterprises.push({
      id: i,
      nameZh,
      creditCode: withCreditCodeCheckCharacter(`915001${String(d).padStart(2, '0')}MA${String(i).padStart(7, '0')}`),
      districtCode: district.code,
      ownership,
      hasPartyOrganisation: i % 7 !== 0,
      scienceWorkerCount: 20 + ((i * 37) % 480),
      parentEnterpriseId: parent,
    });

    const id = nextId++;
    associationOfEnterprise.set(i, id);
    const establishedOn = addDays('2018-01-01', (i * 53) % 3000);
    const year = establishedOn.slice(0, 4);
    const districtId = districtAssociationId(d);
    const isWorkstation = i % 12 === 0;
    // Large enterprises apply to the municipal association in principle (Art. 13); every fourth one here did not.
    const municipal = !isWorkstation && ownership !== 'OTHER' && i % 100 !== 3;
    const status =
      i % 37 === 0 ? 'APPLIED' : i % 53 === 0 ? 'REVOKED' : i % 61 === 0 ? 'DEREGISTERED' : i % 97 === 0 ? 'REJECTED' : 'ACTIVE';
    const row: OrganisationRow & { id: number } = {
      id,
      kind: isWorkstation ? 'WORKSTATION' : 'ENTERPRISE_ASSOCIATION',
      nameZh: isWorkstation ? `${nameZh}科协工作站` : `${nameZh}科学技术协会`,
      level: isWorkstation || status === 'APPLIED' || status === 'REJECTED' ? null : municipal ? 'MUNICIPAL' : 'DISTRICT',
      status,
      districtCode: district.code,
      enterpriseId: i,
      establishedOn: status === 'APPLIED' || status === 'REJECTED' ? null : establishedOn,
    };
    organisations.push(row);
    organisationEnterprises.push({ organisationId: id, enterpriseId: i });

    // The application behind every association (Art. 13-14). Some pending municipal applications still lack
    // their charter, which blocks approval (R14.materials).
    const appliedToId = municipal ? MUNICIPAL_ID : districtId;
    const filing = !municipal && FILING_DISTRICTS.has(district.code);
    const pending = status === 'APPLIED';
    const submittedOn = pending ? addDays('2026-09-01', i % 60) : addDays(establishedOn, -30);
    applications.push({
      organisationId: id,
      appliedToId,
      submittedOn,
      consentBy: i % 7 !== 0 ? 'PARTY_ORGANISATION' : 'DECISION_MAKING_LEVEL',
      consentOn: addDays(submittedOn, -10),
      consentDocumentNo: `党委〔${submittedOn.slice(0, 4)}〕${i % 90 + 1}号`,
      parentConsentOn: parent ? addDays(submittedOn, -5) : null,
      documents: municipal && pending && i % 2 === 1 ? ALL_DOCUMENTS.filter((d) => d !== 'CHARTER') : [...ALL_DOCUMENTS],
      decision: pending ? null : status === 'REJECTED' ? 'REJECTED' : filing ? 'FILED' : 'APPROVED',
      decidedOn: pending ? null : status === 'REJECTED' ? addDays(submittedOn, 20) : establishedOn,
      copiedToId: municipal && !pending ? districtId : null,
    });
    if (status === 'APPLIED' || status === 'REJECTED') continue;

    const docNo = (approver: string) => `${approver}〔${year}〕${100 + (i % 900)}号`;
    if (municipal) {
      approve(row, MUNICIPAL_ID, establishedOn, docNo('渝科协函'));
      relationships.push({ kind: 'LIAISON', fromId: id, toId: districtId, validFrom: establishedOn, documentNo: docNo('渝科协函') });
    } else if (i % 71 === 0 && establishedOn < '2024-06-30' && status === 'ACTIVE') {
      // A transfer of affiliation (转隶, Art. 3): the enterprise moved here from another district in mid-2024.
      const fromIndex = (d + 5) % districts.length;
      const fromId = districtAssociationId(fromIndex);
      const transferredOn = '2024-06-30';
      relationships.push(
        { kind: 'APPROVAL', fromId: id, toId: fromId, validFrom: establishedOn, validTo: transferredOn, documentNo: docNo(`${shortDistrictName(districts[fromIndex]!.nameZh)}科协`), documentDate: establishedOn },
        { kind: 'APPROVAL', fromId: id, toId: districtId, validFrom: transferredOn, documentNo: `${shortDistrictName(district.nameZh)}科协〔2024〕转${i}号`, documentDate: transferredOn },
      );
      events.push(
        { organisationId: id, kind: 'APPROVED', actor: `organisation:${fromId}`, occurredAt: new Date(`${establishedOn}T10:00:00+08:00`), effectiveOn: establishedOn, after: { status: 'ACTIVE', approverId: fromId } },
        { organisationId: id, kind: 'TRANSFERRED', actor: `organisation:${fromId}`, occurredAt: new Date(`${transferredOn}T10:00:00+08:00`), effectiveOn: transferredOn, before: { approverId: fromId, districtCode: districts[fromIndex]!.code }, after: { approverId: districtId, districtCode: district.code } },
      );
    } else {
      approve(row, districtId, establishedOn, docNo(`${shortDistrictName(district.nameZh)}科协`));
    }
    if (status === 'REVOKED' || status === 'DEREGISTERED') {
      const endedOn = addDays(establishedOn, 400);
      if (status === 'REVOKED') {
        sanctions.push({ organisationId: id, kind: 'REVOCATION', byId: appliedToId, decidedOn: endedOn, reason: '严重违反章程，造成严重不良后果', documentNo: docNo('撤') });
      }
      for (const r of relationships) if (r.fromId === id && !r.validTo) r.validTo = endedOn;
      events.push({ organisationId: id, kind: status, actor: `organisation:${municipal ? MUNICIPAL_ID : districtId}`, occurredAt: new Date(`${endedOn}T10:00:00+08:00`), effectiveOn: endedOn, before: { status: 'ACTIVE' }, after: { status } });
      continue;
    }
    // Sanctions (Art. 19): rectifications, some done, some past their deadline, and warnings after some of those.
    if (i % 43 === 0 && !isWorkstation) {
      const decidedOn = addDays('2025-03-01', i % 200);
      sanctions.push({ organisationId: id, kind: 'RECTIFICATION', byId: appliedToId, decidedOn, deadline: addDays(decidedOn, 90), completedOn: i % 3 === 0 ? addDays(decidedOn, 60) : null, reason: '履职不力、组织涣散', documentNo: docNo('整改') });
      if (i % 2 === 0 && i % 3 !== 0) {
        sanctions.push({ organisationId: id, kind: 'WARNING', byId: appliedToId, decidedOn: addDays(decidedOn, 120), reason: '限期整改后仍无明显改进', documentNo: docNo('警告') });
      }
    }
    if (i % 9 === 0) {
      relationships.push({ kind: 'GROUP_MEMBER', fromId: id, toId: municipal ? MUNICIPAL_ID : districtId, validFrom: addDays(establishedOn, 90) });
    }
  }

  // Group guidance (Art. 16): a subsidiary's association is guided by, and every other one joins, its parent's.
  const byId = new Map(organisations.map((o) => [o.id!, o]));
  for (const e of enterprises) {
    const own = associationOfEnterprise.get(e.id!);
    const parent = e.parentEnterpriseId ? associationOfEnterprise.get(e.parentEnterpriseId) : undefined;
    const ownRow = own ? byId.get(own) : undefined;
    const parentRow = parent ? byId.get(parent) : undefined;
    if (!own || !parent || ownRow?.status !== 'ACTIVE' || parentRow?.status !== 'ACTIVE' || ownRow.kind !== 'ENTERPRISE_ASSOCIATION') continue;
    const from = ownRow.establishedOn! > parentRow.establishedOn! ? ownRow.establishedOn! : parentRow.establishedOn!;
    relationships.push({ kind: 'GROUP_GUIDANCE', fromId: own, toId: parent, validFrom: from });
    if (e.id! % 20 === 4) relationships.push({ kind: 'GROUP_MEMBER', fromId: own, toId: parent, validFrom: from });
  }

  // Parks, consortia and federations: one park per district, a consortium in every second and a federation in every
  // third, with a quarter of the district's active enterprise associations as federation members.
  districts.forEach((district, d) => {
    const short = shortDistrictName(district.nameZh);
    const districtId = districtAssociationId(d);
    const on = addDays('2021-03-01', d * 11);
    const add = (kind: 'PARK_ASSOCIATION' | 'CONSORTIUM' | 'FEDERATION', nameZh: string) => {
      const row = { id: nextId++, kind, nameZh, level: 'DISTRICT' as const, status: 'ACTIVE' as const, districtCode: district.code, establishedOn: on };
      organisations.push(row);
      approve(row, districtId, on, `${short}科协〔${on.slice(0, 4)}〕${d + 1}号`);
      // The enterprises behind it: a few registered in the same district.
      const behind = kind === 'FEDERATION' ? 0 : kind === 'CONSORTIUM' ? 3 : 2;
      for (let k = 0; k < behind && d + 1 + k * districts.length <= scale.enterprises; k++) {
        organisationEnterprises.push({ organisationId: row.id, enterpriseId: d + 1 + k * districts.length });
      }
      return row.id;
    };
    add('PARK_ASSOCIATION', `${short}${INDUSTRIES[d % 15]}产业园科学技术协会`);
    if (d % 2 === 0) add('CONSORTIUM', `${short}${INDUSTRIES[(d + 3) % 15]}企业科协联合体`);
    if (d % 3 === 0) {
      const federationId = add('FEDERATION', `${short}企业科协联合会`);
      for (const o of organisations) {
        if (o.districtCode === district.code && o.kind === 'ENTERPRISE_ASSOCIATION' && o.status === 'ACTIVE' && o.id! % 4 === 0) {
          relationships.push({ kind: 'FEDERATION_MEMBER', fromId: o.id!, toId: federationId, validFrom: o.establishedOn! > on ? o.establishedOn! : on });
        }
      }
    }
  });

  await db.transaction(async (tx) => {
    await tx.insert(s.districts).values(
      districts.map((d) => ({ ...d, approvalMode: FILING_DISTRICTS.has(d.code) ? ('FILING' as const) : ('APPROVAL' as const) })),
    );
    for (const [table, rows] of [
      [s.enterprises, enterprises],
      [s.organisations, organisations],
      [s.relationships, relationships],
      [s.events, events],
      [s.applications, applications],
      [s.sanctions, sanctions],
      [s.organisationEnterprises, organisationEnterprises],
    ] as const) {
      for (let from = 0; from < rows.length; from += 1000) {
        await tx.insert(table).values(rows.slice(from, from + 1000));
      }
    }
    await seedPeople(tx, scale, options.identityNumberKey);
    await seedActivities(tx, scale);
    // Fresh statistics before the queries that pick rows per organisation, or the planner guesses from empty tables.
    await tx.execute(sql`analyze`);
    await seedLeadership(tx);
    await rebuildDecisions(tx);
    await seedActivityRecords(tx);
    await rebuildHierarchy(tx);
    // The roll-ups the subgraphs keep with every command, after the bulk rows that bypassed them.
    await rebuildActivityCounts(tx);
    await forgetMemberCounts(tx);
    await resetSequences(tx);
  });
}


/** Organisations to hand development tokens for: a district association, an active association, a learned society. */
export async function demoScopes(db: Db): Promise<{ district: number; association: number; society: number }> {
  const pick = async (where: ReturnType<typeof eq>) => (await db.select({ id: s.organisations.id }).from(s.organisations).where(where).orderBy(s.organisations.id).limit(1))[0]?.id ?? MUNICIPAL_ID;
  return {
    district: await pick(and(eq(s.organisations.kind, 'DISTRICT_ASSOCIATION'), eq(s.organisations.districtCode, '500106'))!),
    association: await pick(and(eq(s.organisations.kind, 'ENTERPRISE_ASSOCIATION'), eq(s.organisations.status, 'ACTIVE'), eq(s.organisations.districtCode, '500106'))!),
    society: await pick(eq(s.organisations.kind, 'LEARNED_SOCIETY')),
  };
}
