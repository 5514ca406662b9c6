// All SQL of the people subgraph's read side.
import { containsPattern, intArray, type Page } from '@cq/common';
import { queryRows, schema as s, type Db } from '@cq/db';
import { and, asc, count, gt, ilike, inArray, sql, type SQL } from 'drizzle-orm';

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

const p = s.persons;

export async function personsByIds(db: Db, ids: readonly number[]): Promise<PersonRow[]> {
  return db.select().from(p).where(inArray(p.id, [...ids]));
}

function personCondition(filter: PersonFilter): SQL | undefined {
  return and(
    filter.categories?.length ? inArray(p.category, filter.categories) : undefined,
    filter.nameContains ? ilike(p.nameZh, containsPattern(filter.nameContains)) : undefined,
  );
}

export async function searchPersons(db: Db, filter: PersonFilter, page: Page): Promise<PersonRow[]> {
  const after = page.after ? gt(p.id, page.after[0] as number) : undefined;
  return db
    .select()
    .from(p)
    .where(and(personCondition(filter), after))
    .orderBy(asc(p.id))
    .limit(page.first + 1);
}

export async function countPersons(db: Db, filter: PersonFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(p).where(personCondition(filter));
  return row?.n ?? 0;
}

const membershipColumns = sql`
  m.id, m.person_id as "personId", m.organisation_id as "organisationId", m.status, m.applied_on::text as "appliedOn",
  m.valid_from::text as "validFrom", m.valid_to::text as "validTo", m.created_at as "createdAt"`;

/** In force on a date: started on or before it and not yet ended (valid-to is exclusive). */
const inForce = (asOf: string) =>
  sql`m.valid_from <= ${asOf}::date and (m.valid_to is null or m.valid_to > ${asOf}::date)`;

/** The first page of members of each organisation, in one statement for the whole batch. */
export async function membersOfOrganisations(db: Db, organisationIds: readonly number[], asOf: string, page: Page): Promise<MembershipRow[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  return queryRows(
    db,
    sql`
      select ${membershipColumns}
      from unnest(${intArray(organisationIds)}) as o(id)
      cross join lateral (
        select * from people.memberships m
        where m.organisation_id = o.id and m.id > ${after} and ${inForce(asOf)}
        order by m.id
        limit ${page.first + 1}
      ) m
      order by m.organisation_id, m.id`,
  );
}

export async function countMembersOfOrganisations(db: Db, organisationIds: readonly number[], asOf: string): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    db,
    sql`
      select m.organisation_id as "organisationId", count(*)::int as n
      from people.memberships m
      where m.organisation_id = any(${intArray(organisationIds)}) and ${inForce(asOf)}
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
