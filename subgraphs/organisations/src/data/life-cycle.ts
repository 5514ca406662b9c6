// All SQL of the organisations subgraph's write side and of applications and sanctions. Writes take the
// transaction they run in; the rules that decide whether to write live in ../commands.
import type { Page } from '@cq/service-kit';
import { anyOf, type Db, intArray, queryRows, schema as s, textArray } from '@cq/db';
import { belowDistricts, listCounts, type ListCountRow, type ListDimension } from '@cq/db/hierarchy';
import { and, asc, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import type { OrganisationRow } from './organisations.ts';
import { insertSearchKeys } from './search.ts';

export type ApplicationRow = typeof s.applications.$inferSelect;
export type SanctionRow = typeof s.sanctions.$inferSelect;
export type DocumentKind = (typeof s.applicationDocument.enumValues)[number];
export const ALL_DOCUMENTS = s.applicationDocument.enumValues;

export interface Notice {
  rule: string;
  message: string;
}

export interface ApplicationResultModel {
  organisation: OrganisationRow;
  application: ApplicationRow;
  notices: Notice[];
}

// ---- reads

export async function applicationsOf(db: Db, organisationIds: readonly number[]): Promise<ApplicationRow[]> {
  return db
    .select()
    .from(s.applications)
    .where(anyOf(s.applications.organisationId, organisationIds))
    .orderBy(desc(s.applications.id));
}

export async function sanctionsOf(db: Db, organisationIds: readonly number[]): Promise<SanctionRow[]> {
  return db
    .select()
    .from(s.sanctions)
    .where(anyOf(s.sanctions.organisationId, organisationIds))
    .orderBy(asc(s.sanctions.decidedOn), asc(s.sanctions.id));
}

export type GroupMemberApplicationRow = typeof s.groupMemberApplications.$inferSelect;

/** Group-member applications an organisation made or received, newest first. */
export async function groupMemberApplicationsOf(db: Db, organisationIds: readonly number[]): Promise<(GroupMemberApplicationRow & { anchor: number })[]> {
  return queryRows(
    db,
    sql`select x.anchor, g.id, g.organisation_id as "organisationId", g.applied_to_id as "appliedToId", g.submitted_on::text as "submittedOn",
               g.document_no as "documentNo", g.decision, g.decided_on::text as "decidedOn", g.decision_document_no as "decisionDocumentNo",
               g.relationship_id as "relationshipId", g.created_at as "createdAt"
        from unnest(${intArray(organisationIds)}) as x(anchor)
        join org.group_member_applications g on g.organisation_id = x.anchor or g.applied_to_id = x.anchor
        order by g.id desc`,
  );
}

export async function groupMemberApplicationsByIds(db: Db, ids: readonly number[]): Promise<GroupMemberApplicationRow[]> {
  return db.select().from(s.groupMemberApplications).where(anyOf(s.groupMemberApplications.id, ids));
}

export async function lockGroupMemberApplication(tx: Db, id: number): Promise<GroupMemberApplicationRow | null> {
  const [row] = await tx.select().from(s.groupMemberApplications).where(eq(s.groupMemberApplications.id, id)).for('update');
  return row ?? null;
}

/** A pending application of `organisationId` to `appliedToId`, if there is one. */
export async function pendingGroupMemberApplication(tx: Db, organisationId: number, appliedToId: number): Promise<GroupMemberApplicationRow | null> {
  const [row] = await tx
    .select()
    .from(s.groupMemberApplications)
    .where(and(eq(s.groupMemberApplications.organisationId, organisationId), eq(s.groupMemberApplications.appliedToId, appliedToId), isNull(s.groupMemberApplications.decision)));
  return row ?? null;
}

export async function insertGroupMemberApplication(tx: Db, values: typeof s.groupMemberApplications.$inferInsert): Promise<GroupMemberApplicationRow> {
  const [row] = await tx.insert(s.groupMemberApplications).values(values).returning();
  return row!;
}

export async function decideGroupMemberApplication(
  tx: Db,
  id: number,
  values: Pick<GroupMemberApplicationRow, 'decision' | 'decidedOn' | 'decisionDocumentNo' | 'relationshipId'>,
): Promise<GroupMemberApplicationRow> {
  const [row] = await tx.update(s.groupMemberApplications).set(values).where(eq(s.groupMemberApplications.id, id)).returning();
  return row!;
}

export async function applicationsByIds(db: Db, ids: readonly number[]): Promise<ApplicationRow[]> {
  return db.select().from(s.applications).where(anyOf(s.applications.id, ids));
}

export async function sanctionsByIds(db: Db, ids: readonly number[]): Promise<SanctionRow[]> {
  return db.select().from(s.sanctions).where(anyOf(s.sanctions.id, ids));
}

/** Overdue: the deadline (inclusive) is before `asOf` and the rectification was not accepted as done by then. */
const overdue = (asOf: string) =>
  sql`s.kind = 'RECTIFICATION' and s.deadline < ${asOf}::date and (s.completed_on is null or s.completed_on > s.deadline and s.completed_on > ${asOf}::date)`;

export async function overdueOrganisationIds(db: Db, organisationIds: readonly number[], asOf: string): Promise<{ organisationId: number }[]> {
  return queryRows(
    db,
    sql`select distinct s.organisation_id as "organisationId" from org.sanctions s
        where s.organisation_id = any(${intArray(organisationIds)}) and ${overdue(asOf)}`,
  );
}

export interface OverdueArgs {
  asOf: string;
  /** Registered districts (deprecated filter): the associations' district codes as they are today. */
  districtCodes: string[] | null;
  /** District associations: associations below one of them in the guidance chain on `asOf` (the hierarchy read model). */
  districtIds?: readonly number[] | null;
  kinds?: readonly string[] | null;
}

const overdueFrom = (args: OverdueArgs) => sql`
  from org.sanctions s join org.organisations o on o.id = s.organisation_id
  where ${overdue(args.asOf)} and o.status = 'ACTIVE'
  ${args.districtCodes?.length ? sql`and o.district_code = any(${`{${args.districtCodes.map((c) => `"${c.replace(/["\\]/g, '')}"`).join(',')}}`}::text[])` : sql``}
  ${args.districtIds ? sql`and ${belowDistricts(sql`o.id`, sql`${args.asOf}::date`, args.districtIds)}` : sql``}
  ${args.kinds ? sql`and o.kind::text = any(${textArray(args.kinds)})` : sql``}`;

export async function overdueRectifications(db: Db, args: OverdueArgs, page: Page): Promise<SanctionRow[]> {
  const after = page.after ? sql`and (s.deadline, s.id) > (${page.after[0]}::date, ${page.after[1]})` : sql``;
  return queryRows(
    db,
    sql`
      select s.id, s.organisation_id as "organisationId", s.kind, s.by_id as "byId", s.decided_on::text as "decidedOn",
             s.deadline::text as deadline, s.completed_on::text as "completedOn", s.reason, s.document_no as "documentNo",
             s.created_at as "createdAt"
      ${overdueFrom(args)} ${after}
      order by s.deadline, s.id limit ${page.first + 1}`,
  );
}

export async function countOverdueRectifications(db: Db, args: OverdueArgs): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${overdueFrom(args)}`);
  return row?.n ?? 0;
}

/**
 * overdueRectifications counted by district and kind (listCounts): the rows countOverdueRectifications counts. The
 * kind is the organisation's own column, which the list's kind filter reads.
 */
export async function countOverdueRectificationsBy(db: Db, args: OverdueArgs, groupBy: readonly ListDimension[]): Promise<ListCountRow[]> {
  return queryRows(db, listCounts(overdueFrom(args), sql`o.id`, sql`${args.asOf}::date`, groupBy, sql`o.kind`));
}

// ---- writes (inside a transaction)

/** Locks the organisation's row until the transaction ends, so that two changes of it run one after the other. */
export async function lockOrganisation(tx: Db, id: number): Promise<OrganisationRow | null> {
  const [row] = await tx.select().from(s.organisations).where(eq(s.organisations.id, id)).for('update');
  return row ?? null;
}

export async function lockApplication(tx: Db, id: number): Promise<ApplicationRow | null> {
  const [row] = await tx.select().from(s.applications).where(eq(s.applications.id, id)).for('update');
  return row ?? null;
}

/** R13.unique: the enterprise association of an enterprise that is applied for or active, if there is one. */
export async function liveEnterpriseAssociation(tx: Db, enterpriseId: number): Promise<{ id: number; nameZh: string; status: string } | undefined> {
  const [row] = await tx
    .select({ id: s.organisations.id, nameZh: s.organisations.nameZh, status: s.organisations.status })
    .from(s.organisations)
    .where(and(eq(s.organisations.enterpriseId, enterpriseId), eq(s.organisations.kind, 'ENTERPRISE_ASSOCIATION'), inArray(s.organisations.status, ['APPLIED', 'ACTIVE'])))
    .limit(1);
  return row;
}

export async function findEnterprise(tx: Db, id: number) {
  const [row] = await tx.select().from(s.enterprises).where(eq(s.enterprises.id, id));
  return row ?? null;
}

export async function findOrganisation(tx: Db, id: number): Promise<OrganisationRow | null> {
  const [row] = await tx.select().from(s.organisations).where(eq(s.organisations.id, id));
  return row ?? null;
}

export async function findDistrict(tx: Db, code: string) {
  const [row] = await tx.select().from(s.districts).where(eq(s.districts.code, code));
  return row ?? null;
}

export async function districtAssociation(tx: Db, code: string): Promise<OrganisationRow | null> {
  const [row] = await tx
    .select()
    .from(s.organisations)
    .where(and(eq(s.organisations.kind, 'DISTRICT_ASSOCIATION'), eq(s.organisations.districtCode, code)));
  return row ?? null;
}

export async function enterpriseByCreditCode(tx: Db, creditCode: string) {
  const [row] = await tx.select().from(s.enterprises).where(eq(s.enterprises.creditCode, creditCode));
  return row ?? null;
}

export async function insertEnterprise(tx: Db, values: typeof s.enterprises.$inferInsert) {
  const [row] = await tx.insert(s.enterprises).values(values).returning();
  return row!;
}

/**
 * R3.transfer: moves an enterprise to another registered district from `on`, keeping the old one as history: the
 * first move also records the district it held since registration.
 */
export async function moveEnterprise(tx: Db, enterprise: { id: number; districtCode: string }, districtCode: string, on: string, documentNo: string): Promise<void> {
  await tx.execute(sql`
    insert into org.enterprise_districts (enterprise_id, district_code, valid_from, valid_to)
    select ${enterprise.id}, ${enterprise.districtCode}, null, null
    where not exists (select 1 from org.enterprise_districts where enterprise_id = ${enterprise.id})`);
  await tx.update(s.enterpriseDistricts).set({ validTo: on }).where(and(eq(s.enterpriseDistricts.enterpriseId, enterprise.id), isNull(s.enterpriseDistricts.validTo)));
  await tx.insert(s.enterpriseDistricts).values({ enterpriseId: enterprise.id, districtCode, validFrom: on, documentNo });
  await tx.update(s.enterprises).set({ districtCode }).where(eq(s.enterprises.id, enterprise.id));
}

export type EnterpriseDistrictRow = typeof s.enterpriseDistricts.$inferSelect;
export type ScienceWorkerCountRow = typeof s.scienceWorkerCounts.$inferSelect;
export type EnterpriseConsentRow = ApplicationRow['otherConsents'][number];

/** R26.assembly: records a count from `on` (null: the registration count); the enterprise row keeps the latest. */
export async function recordScienceWorkerCount(tx: Db, enterpriseId: number, count: number, on: string | null, documentNo: string | null): Promise<void> {
  await tx.insert(s.scienceWorkerCounts).values({ enterpriseId, count, validFrom: on, documentNo });
  await tx.execute(sql`
    update org.enterprises e set science_worker_count = (
      select c.count from org.science_worker_counts c where c.enterprise_id = e.id order by coalesce(c.valid_from, '-infinity'::date) desc, c.id desc limit 1)
    where e.id = ${enterpriseId}`);
}

/** Recorded counts of enterprises, oldest first. */
export async function scienceWorkerCountsOf(db: Db, enterpriseIds: readonly number[]): Promise<ScienceWorkerCountRow[]> {
  return db
    .select()
    .from(s.scienceWorkerCounts)
    .where(anyOf(s.scienceWorkerCounts.enterpriseId, enterpriseIds))
    .orderBy(sql`coalesce(${s.scienceWorkerCounts.validFrom}, '-infinity'::date)`, asc(s.scienceWorkerCounts.id));
}

/** The registered districts of enterprises through time, oldest first (none for an enterprise never moved). */
export async function enterpriseDistrictsOf(db: Db, enterpriseIds: readonly number[]): Promise<EnterpriseDistrictRow[]> {
  return db.select().from(s.enterpriseDistricts).where(anyOf(s.enterpriseDistricts.enterpriseId, enterpriseIds)).orderBy(asc(s.enterpriseDistricts.id));
}

/** The other live organisations of an enterprise (its workstation, say), locked: a transfer moves them too. */
export async function lockOtherOrganisationsOfEnterprise(tx: Db, enterpriseId: number, exceptId: number): Promise<OrganisationRow[]> {
  return tx
    .select()
    .from(s.organisations)
    .where(and(eq(s.organisations.enterpriseId, enterpriseId), inArray(s.organisations.status, ['APPLIED', 'ACTIVE']), sql`${s.organisations.id} <> ${exceptId}`))
    .orderBy(asc(s.organisations.id))
    .for('update');
}

export async function insertOrganisation(tx: Db, values: typeof s.organisations.$inferInsert): Promise<OrganisationRow> {
  const [row] = await tx.insert(s.organisations).values(values).returning();
  await insertSearchKeys(tx, row!.id, row!.nameZh);
  return row!;
}

export async function updateOrganisation(
  tx: Db,
  id: number,
  values: Partial<Pick<OrganisationRow, 'status' | 'level' | 'establishedOn' | 'districtCode'>>,
): Promise<OrganisationRow> {
  const [row] = await tx.update(s.organisations).set(values).where(eq(s.organisations.id, id)).returning();
  return row!;
}

export async function linkEnterprises(tx: Db, organisationId: number, enterpriseIds: number[]): Promise<void> {
  await tx.insert(s.organisationEnterprises).values(enterpriseIds.map((enterpriseId) => ({ organisationId, enterpriseId })));
}

export async function insertApplication(tx: Db, values: typeof s.applications.$inferInsert): Promise<ApplicationRow> {
  const [row] = await tx.insert(s.applications).values(values).returning();
  return row!;
}

export async function decideApplication(
  tx: Db,
  id: number,
  values: Pick<ApplicationRow, 'decision' | 'decidedOn' | 'decisionDocumentNo' | 'copiedToId'>,
): Promise<ApplicationRow> {
  const [row] = await tx.update(s.applications).set(values).where(eq(s.applications.id, id)).returning();
  return row!;
}

export async function insertRelationship(tx: Db, values: typeof s.relationships.$inferInsert) {
  const [row] = await tx.insert(s.relationships).values(values).returning();
  return row!;
}

/** Sets the end of a relationship; the only update a relationship ever gets. */
export async function endRelationship(tx: Db, id: number, on: string) {
  const [row] = await tx.update(s.relationships).set({ validTo: on }).where(eq(s.relationships.id, id)).returning();
  return row!;
}

export async function lockRelationship(tx: Db, id: number) {
  const [row] = await tx.select().from(s.relationships).where(eq(s.relationships.id, id)).for('update');
  return row ?? null;
}

/** The relationships of these kinds from an organisation that hold on a day or start after it. */
export async function relationshipsFromOnOrAfter(tx: Db, fromId: number, kinds: (typeof s.relationshipKind.enumValues)[number][], on: string) {
  return queryRows<{ id: number; kind: string; toId: number; validFrom: string; validTo: string | null }>(
    tx,
    sql`select id, kind, to_id as "toId", valid_from::text as "validFrom", valid_to::text as "validTo" from org.relationships
        where from_id = ${fromId} and kind = any(${`{${kinds.join(',')}}`}::org.relationship_kind[])
          and (valid_to is null or valid_to > ${on}::date)
        order by valid_from`,
  );
}

/** R19.dereg-application: the association's latest application to deregister, on or before `on`. */
export async function deregistrationApplication(tx: Db, organisationId: number, on: string): Promise<{ effectiveOn: string; reason: string } | undefined> {
  const [row] = await queryRows<{ effectiveOn: string; reason: string }>(
    tx,
    sql`select effective_on::text as "effectiveOn", after->>'reason' as reason from org.events
        where organisation_id = ${organisationId} and kind = 'DEREGISTRATION_APPLIED' and effective_on <= ${on}::date
        order by effective_on desc, id desc limit 1`,
  );
  return row;
}

/** Every event says the day it took effect: never the database's `current_date`, which is UTC on most servers. */
export async function insertEvent(tx: Db, values: typeof s.events.$inferInsert & { effectiveOn: string }): Promise<void> {
  await tx.insert(s.events).values(values);
}

export async function insertSanction(tx: Db, values: typeof s.sanctions.$inferInsert): Promise<SanctionRow> {
  const [row] = await tx.insert(s.sanctions).values(values).returning();
  return row!;
}

export async function lockSanction(tx: Db, id: number): Promise<SanctionRow | null> {
  const [row] = await tx.select().from(s.sanctions).where(eq(s.sanctions.id, id)).for('update');
  return row ?? null;
}

export async function completeSanction(tx: Db, id: number, on: string): Promise<SanctionRow> {
  const [row] = await tx.update(s.sanctions).set({ completedOn: on }).where(eq(s.sanctions.id, id)).returning();
  return row!;
}

/** Rectifications of the organisation decided before a day (Art. 19: a warning needs one). */
/**
 * R19.warning: orders to rectify that, on `on`, had passed their deadline without being accepted as done (限期整改后
 * 仍无明显改进): decided before `on`, deadline before `on`, not completed by `on`.
 */
export async function unmetRectifications(tx: Db, organisationId: number, on: string): Promise<SanctionRow[]> {
  return tx
    .select()
    .from(s.sanctions)
    .where(
      and(
        eq(s.sanctions.organisationId, organisationId),
        eq(s.sanctions.kind, 'RECTIFICATION'),
        lt(s.sanctions.decidedOn, on),
        lt(s.sanctions.deadline, on),
        or(isNull(s.sanctions.completedOn), gt(s.sanctions.completedOn, on)),
      ),
    );
}

/** All orders to rectify an organisation, oldest first: what a refused warning names. */
export async function rectificationsOf(tx: Db, organisationId: number): Promise<SanctionRow[]> {
  return tx
    .select()
    .from(s.sanctions)
    .where(and(eq(s.sanctions.organisationId, organisationId), eq(s.sanctions.kind, 'RECTIFICATION')))
    .orderBy(asc(s.sanctions.decidedOn), asc(s.sanctions.id));
}

export async function openRectifications(tx: Db, organisationId: number) {
  return tx
    .select()
    .from(s.sanctions)
    .where(and(eq(s.sanctions.organisationId, organisationId), eq(s.sanctions.kind, 'RECTIFICATION'), isNull(s.sanctions.completedOn)));
}

type ApprovalMode = 'APPROVAL' | 'FILING';

/** R14.mode: the mode a district's association founded associations by on a day; the current one if it never changed. */
export async function approvalModeOn(tx: Db, code: string, on: string): Promise<ApprovalMode> {
  const [row] = await queryRows<{ mode: ApprovalMode }>(
    tx,
    sql`select coalesce(
          (select m.mode from org.approval_modes m where m.district_code = ${code} and m.valid_from <= ${on}::date order by m.valid_from desc limit 1),
          d.approval_mode) as mode
        from org.districts d where d.code = ${code}`,
  );
  return row?.mode ?? 'APPROVAL';
}

/**
 * Records that a district uses `mode` from `from` on. The first change also records the mode held before it, since
 * always, so that earlier days keep their mode; `districts.approvalMode` is kept as the mode in force `today`.
 */
export async function recordApprovalMode(tx: Db, code: string, mode: ApprovalMode, from: string, today: string) {
  await tx.execute(sql`
    insert into org.approval_modes (district_code, mode, valid_from)
    select d.code, d.approval_mode, '-infinity'::date from org.districts d
    where d.code = ${code} and not exists (select 1 from org.approval_modes m where m.district_code = d.code)`);
  await tx.insert(s.approvalModes).values({ districtCode: code, mode, validFrom: from }).onConflictDoUpdate({ target: [s.approvalModes.districtCode, s.approvalModes.validFrom], set: { mode } });
  const [row] = await tx.update(s.districts).set({ approvalMode: await approvalModeOn(tx, code, today) }).where(eq(s.districts.code, code)).returning();
  return row ?? null;
}

/** Relationships from or to an organisation that still hold on a day (or start later). */
/** Relationships from or to an organisation that begin after `on`, earliest first. */
export async function relationshipsStartingAfter(tx: Db, id: number, on: string): Promise<{ id: number; validFrom: string }[]> {
  return queryRows(
    tx,
    sql`select id, valid_from::text as "validFrom" from org.relationships where (from_id = ${id} or to_id = ${id}) and valid_from > ${on}::date order by valid_from, id`,
  );
}

export async function relationshipsTouching(tx: Db, id: number, on: string): Promise<{ id: number }[]> {
  return queryRows(
    tx,
    sql`select id from org.relationships where (from_id = ${id} or to_id = ${id}) and valid_from <= ${on}::date and (valid_to is null or valid_to > ${on}::date) order by id`,
  );
}
