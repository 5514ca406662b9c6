// All SQL of the people subgraph's read side.
import type { Page } from '@cq/service-kit';
import { containsPattern, type Db, intArray, queryRows, schema as s, textArray } from '@cq/db';
import { districtScopeOn, subtreeOn } from '@cq/db/hierarchy';
import { todayInChina } from '@cq/domain';
import { and, asc, count, eq, gt, ilike, inArray, sql, type SQL } from 'drizzle-orm';

export type PersonRow = typeof s.persons.$inferSelect;
export type MembershipRow = typeof s.memberships.$inferSelect;
/** An organisation as this subgraph knows it: by id alone (the organisations subgraph owns the rest). */
export interface OrganisationRef {
  id: string | number;
}

export interface PersonFilter {
  categories?: PersonRow['category'][] | null;
  nameContains?: string | null;
}

/** Which persons a search may match at all (access.ts: personSearchScope). */
export type PersonScope =
  | { kind: 'ALL' }
  | { kind: 'DISTRICT'; districtId: number; on: string }
  | { kind: 'ORGANISATION'; organisationId: number };

const p = s.persons;

const personColumns = sql`
  p.id, p.name_zh as "nameZh", p.category, p.employer_enterprise_id as "employerEnterpriseId", p.professional_fields as "professionalFields",
  p.titles, p.email, p.phone, p.created_at as "createdAt"`;

/** One array parameter rather than one parameter per id: batches here run to thousands of ids. */
export async function personsByIds(db: Db, ids: readonly number[]): Promise<PersonRow[]> {
  return queryRows(db, sql`select ${personColumns} from people.persons p where p.id = any(${intArray(ids)})`);
}

/** Persons tied to one of the scope's organisations by a membership or a post. */
function withinScope(scope: PersonScope): SQL | undefined {
  if (scope.kind === 'ALL') return undefined;
  const organisations = scope.kind === 'DISTRICT' ? districtScopeOn(scope.districtId, scope.on) : sql`select ${scope.organisationId}::int`;
  return sql`(exists (select 1 from people.memberships m where m.person_id = ${p.id} and m.organisation_id in (${organisations}))
           or exists (select 1 from people.posts x where x.person_id = ${p.id} and x.organisation_id in (${organisations})))`;
}

function personCondition(filter: PersonFilter, scope: PersonScope): SQL | undefined {
  return and(
    withinScope(scope),
    filter.categories?.length ? inArray(p.category, filter.categories) : undefined,
    filter.nameContains ? ilike(p.nameZh, containsPattern(filter.nameContains)) : undefined,
  );
}

export async function searchPersons(db: Db, filter: PersonFilter, scope: PersonScope, page: Page): Promise<PersonRow[]> {
  const after = page.after ? gt(p.id, page.after[0] as number) : undefined;
  return db
    .select()
    .from(p)
    .where(and(personCondition(filter, scope), after))
    .orderBy(asc(p.id))
    .limit(page.first + 1);
}

export async function countPersons(db: Db, filter: PersonFilter, scope: PersonScope): Promise<number> {
  const [row] = await db.select({ n: count() }).from(p).where(personCondition(filter, scope));
  return row?.n ?? 0;
}

const membershipColumns = sql`
  m.id, m.person_id as "personId", m.organisation_id as "organisationId", m.status, m.applied_on::text as "appliedOn",
  m.valid_from::text as "validFrom", m.valid_to::text as "validTo", m.created_at as "createdAt"`;

/** In force on a date: started on or before it and not yet ended (valid-to is exclusive). */
export const inForce = (asOf: string) =>
  sql`m.valid_from <= ${asOf}::date and (m.valid_to is null or m.valid_to > ${asOf}::date)`;

/** The first page of members of each organisation, in one statement for the whole batch. */
export interface MemberFilter {
  asOf: string;
  categories: PersonRow['category'][] | null;
}

const ofCategories = (filter: MemberFilter) =>
  filter.categories?.length
    ? sql`and exists (select 1 from people.persons p where p.id = m.person_id and p.category = any(${textArray(filter.categories, 'people.person_category')}))`
    : sql``;

export async function membersOfOrganisations(db: Db, organisationIds: readonly number[], filter: MemberFilter, page: Page): Promise<MembershipRow[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  return queryRows(
    db,
    sql`
      select ${membershipColumns}
      from unnest(${intArray(organisationIds)}) as o(id)
      cross join lateral (
        select * from people.memberships m
        where m.organisation_id = o.id and m.id > ${after} and ${inForce(filter.asOf)} ${ofCategories(filter)}
        order by m.id
        limit ${page.first + 1}
      ) m
      order by m.organisation_id, m.id`,
  );
}

export async function countMembersOfOrganisations(db: Db, organisationIds: readonly number[], filter: MemberFilter): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    db,
    sql`
      select m.organisation_id as "organisationId", count(*)::int as n
      from people.memberships m
      where m.organisation_id = any(${intArray(organisationIds)}) and ${inForce(filter.asOf)} ${ofCategories(filter)}
      group by m.organisation_id`,
  );
}

/** Each person's membership records, newest first, one statement for the whole batch. */
export async function membershipsOfPersons(db: Db, personIds: readonly number[], page: Page): Promise<MembershipRow[]> {
  const before = (page.after?.[0] as number | undefined) ?? 2_147_483_647;
  return queryRows(
    db,
    sql`
      select ${membershipColumns}
      from unnest(${intArray(personIds)}) as p(id)
      cross join lateral (
        select * from people.memberships m
        where m.person_id = p.id and m.id < ${before}
        order by m.id desc
        limit ${page.first + 1}
      ) m
      order by m.person_id, m.id desc`,
  );
}

export async function countMembershipsOfPersons(db: Db, personIds: readonly number[]): Promise<{ personId: number; n: number }[]> {
  return queryRows(
    db,
    sql`
      select m.person_id as "personId", count(*)::int as n from people.memberships m
      where m.person_id = any(${intArray(personIds)}) group by m.person_id`,
  );
}

export type DuesPaymentRow = typeof s.duesPayments.$inferSelect;
export type EventInsert = typeof s.peopleEvents.$inferInsert;

/**
 * Memberships in force on a day in each organisation and every association below it in the guidance chain on that
 * day, read from the hierarchy read model: one statement for the batch, however deep the tree.
 */
export async function countMembersWithDescendants(db: Db, organisationIds: readonly number[], asOf: string): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    db,
    sql`
      select u.root as "organisationId", count(m.id)::int as n
      from (${subtreeOn(organisationIds, asOf)}) u
      join people.memberships m on m.organisation_id = u.organisation_id and ${inForce(asOf)}
      group by u.root`,
  );
}

/**
 * R22.arrears (第二十二条 (二) 按照有关规定交纳会费): a membership in force on `asOf` whose last dues payment on or
 * before that day (or, with none, its first day) is more than `months` months before it. A period of months ends on
 * the corresponding day (Civil Code Art. 201-203), so the member is in arrears from the day after `dueBy`.
 */
export interface ArrearsRow {
  membership: MembershipRow;
  lastPaidOn: string | null;
  countedFrom: string;
  dueBy: string;
}

export interface ArrearsArgs {
  asOf: string;
  months: number;
}

const arrears = ({ asOf, months }: ArrearsArgs) => sql`
  select m.*, l.paid_on::text as "lastPaidOn", coalesce(l.paid_on, m.valid_from)::text as "countedFrom",
         (coalesce(l.paid_on, m.valid_from) + make_interval(months => ${months}::int))::date::text as "dueBy"
  from people.memberships m
  left join lateral (select max(d.paid_on) as paid_on from people.dues_payments d where d.membership_id = m.id and d.paid_on <= ${asOf}::date) l on true
  where ${inForce(asOf)} and ${asOf}::date > (coalesce(l.paid_on, m.valid_from) + make_interval(months => ${months}::int))::date`;

/** The first page of members in arrears of each organisation, ordered by membership id, one statement per batch. */
export async function arrearsOfOrganisations(db: Db, organisationIds: readonly number[], args: ArrearsArgs, page: Page): Promise<ArrearsRow[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  const rows = await queryRows<MembershipRow & { lastPaidOn: string | null; countedFrom: string; dueBy: string }>(
    db,
    sql`
      select a.id, a.person_id as "personId", a.organisation_id as "organisationId", a.status, a.applied_on::text as "appliedOn",
             a.valid_from::text as "validFrom", a.valid_to::text as "validTo", a.withdrawal_applied_on::text as "withdrawalAppliedOn",
             a.withdrawal_confirmed_on::text as "withdrawalConfirmedOn", a.revocation_ground as "revocationGround",
             a.revocation_resolution_id as "revocationResolutionId", a.created_at as "createdAt", a."lastPaidOn", a."countedFrom", a."dueBy"
      from unnest(${intArray(organisationIds)}) as o(id)
      cross join lateral (${arrears(args)} and m.organisation_id = o.id and m.id > ${after} order by m.id limit ${page.first + 1}) a
      order by a.organisation_id, a.id`,
  );
  return rows.map(({ lastPaidOn, countedFrom, dueBy, ...membership }) => ({ membership, lastPaidOn, countedFrom, dueBy }));
}

export async function countArrearsOfOrganisations(db: Db, organisationIds: readonly number[], args: ArrearsArgs): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    db,
    sql`select a.organisation_id as "organisationId", count(*)::int as n from (${arrears(args)} and m.organisation_id = any(${intArray(organisationIds)})) a group by a.organisation_id`,
  );
}

export async function duesOfMemberships(db: Db, ids: readonly number[]): Promise<DuesPaymentRow[]> {
  return db.select().from(s.duesPayments).where(inArray(s.duesPayments.membershipId, [...ids])).orderBy(asc(s.duesPayments.paidOn), asc(s.duesPayments.id));
}

export async function membershipsByIds(db: Db, ids: readonly number[]): Promise<MembershipRow[]> {
  return db.select().from(s.memberships).where(inArray(s.memberships.id, [...ids]));
}

// ---- writes (inside a transaction)

export async function insertPerson(tx: Db, values: typeof s.persons.$inferInsert): Promise<PersonRow> {
  const [row] = await tx.insert(s.persons).values(values).returning();
  return row!;
}

export async function lockMembership(tx: Db, id: number): Promise<MembershipRow | null> {
  const [row] = await tx.select().from(s.memberships).where(eq(s.memberships.id, id)).for('update');
  return row ?? null;
}

export async function openMembership(tx: Db, personId: number, organisationId: number): Promise<MembershipRow | null> {
  const [row] = await tx
    .select()
    .from(s.memberships)
    .where(and(eq(s.memberships.personId, personId), eq(s.memberships.organisationId, organisationId), inArray(s.memberships.status, ['APPLIED', 'ACTIVE'])));
  return row ?? null;
}

export async function insertMembership(tx: Db, values: typeof s.memberships.$inferInsert): Promise<MembershipRow> {
  const [row] = await tx.insert(s.memberships).values(values).returning();
  return row!;
}

export async function updateMembership(tx: Db, id: number, values: Partial<typeof s.memberships.$inferInsert>): Promise<MembershipRow> {
  const [row] = await tx.update(s.memberships).set(values).where(eq(s.memberships.id, id)).returning();
  return row!;
}

export async function insertDuesPayment(tx: Db, values: typeof s.duesPayments.$inferInsert): Promise<DuesPaymentRow> {
  const [row] = await tx.insert(s.duesPayments).values(values).returning();
  return row!;
}

/**
 * Appends an event. One that names no effective day took effect today in China (todayInChina), never on the
 * database server's current_date, which is the UTC day on most servers: the column has no default on purpose.
 */
export async function insertEvent(tx: Db, values: Omit<EventInsert, 'effectiveOn'> & { effectiveOn?: string | null }): Promise<void> {
  await tx.insert(s.peopleEvents).values({ ...values, effectiveOn: values.effectiveOn ?? todayInChina() });
}

export async function findPerson(tx: Db, id: number): Promise<PersonRow | null> {
  const [row] = await tx.select().from(s.persons).where(eq(s.persons.id, id));
  return row ?? null;
}

/** The organisations each person belongs to or holds a post in (any time), for deciding who may see them. */
export async function organisationsOfPersons(db: Db, personIds: readonly number[]): Promise<{ personId: number; organisationId: number }[]> {
  return queryRows(
    db,
    sql`select person_id as "personId", organisation_id as "organisationId" from people.memberships where person_id = any(${intArray(personIds)})
        union
        select person_id, organisation_id from people.posts where person_id = any(${intArray(personIds)})`,
  );
}

/** The persons among `personIds` with an open link to the society. */
export async function personsLinkedTo(db: Db, societyId: number, personIds: readonly number[]): Promise<number[]> {
  const rows = await queryRows<{ personId: number }>(
    db,
    sql`select person_id as "personId" from people.society_links where society_id = ${societyId} and valid_to is null and person_id = any(${intArray(personIds)})`,
  );
  return rows.map((r) => r.personId);
}
