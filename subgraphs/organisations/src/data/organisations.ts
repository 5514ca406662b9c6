// All SQL of the organisations subgraph's read side.
import { containsPattern, intArray, textArray, type Page } from '@cq/common';
import { queryRows, schema as s, type Db } from '@cq/db';
import { and, asc, count, eq, gt, ilike, inArray, sql, type SQL } from 'drizzle-orm';

export type OrganisationRow = typeof s.organisations.$inferSelect;
export type EnterpriseRow = typeof s.enterprises.$inferSelect;
export type DistrictRow = typeof s.districts.$inferSelect;
export type RelationshipKind = (typeof s.relationshipKind.enumValues)[number];

export interface OrganisationFilter {
  kinds?: OrganisationRow['kind'][] | null;
  levels?: NonNullable<OrganisationRow['level']>[] | null;
  statuses?: OrganisationRow['status'][] | null;
  districtCodes?: string[] | null;
  nameContains?: string | null;
}

const o = s.organisations;

export async function organisationsByIds(db: Db, ids: readonly number[]): Promise<OrganisationRow[]> {
  return db.select().from(o).where(inArray(o.id, [...ids]));
}

export async function enterprisesByIds(db: Db, ids: readonly number[]): Promise<EnterpriseRow[]> {
  return db.select().from(s.enterprises).where(inArray(s.enterprises.id, [...ids]));
}

export async function districtsByCodes(db: Db, codes: readonly string[]): Promise<DistrictRow[]> {
  return db.select().from(s.districts).where(inArray(s.districts.code, [...codes]));
}

export async function allDistricts(db: Db): Promise<DistrictRow[]> {
  return db.select().from(s.districts).orderBy(asc(s.districts.code));
}

export async function districtAssociationsByCodes(db: Db, codes: readonly string[]): Promise<OrganisationRow[]> {
  return db
    .select()
    .from(o)
    .where(and(eq(o.kind, 'DISTRICT_ASSOCIATION'), inArray(o.districtCode, [...codes])));
}

function filterCondition(filter: OrganisationFilter): SQL | undefined {
  return and(
    filter.kinds?.length ? inArray(o.kind, filter.kinds) : undefined,
    filter.levels?.length ? inArray(o.level, filter.levels) : undefined,
    filter.statuses?.length ? inArray(o.status, filter.statuses) : undefined,
    filter.districtCodes?.length ? inArray(o.districtCode, filter.districtCodes) : undefined,
    filter.nameContains ? ilike(o.nameZh, containsPattern(filter.nameContains)) : undefined,
  );
}

/** One page of a search, `page.first + 1` rows at most (the extra row tells that a next page exists). */
export async function searchOrganisations(db: Db, filter: OrganisationFilter, page: Page): Promise<OrganisationRow[]> {
  const after = page.after ? gt(o.id, page.after[0] as number) : undefined;
  return db
    .select()
    .from(o)
    .where(and(filterCondition(filter), after))
    .orderBy(asc(o.id))
    .limit(page.first + 1);
}

export async function countOrganisations(db: Db, filter: OrganisationFilter): Promise<number> {
  const [row] = await db.select({ n: count() }).from(o).where(filterCondition(filter));
  return row?.n ?? 0;
}

export interface ChildrenArgs {
  kinds: RelationshipKind[];
  asOf: string;
}

/** Relationships of the given kinds pointing at `parent`, in force on `asOf` (valid-to is exclusive). */
function childIdsOf(parent: SQL, args: ChildrenArgs): SQL {
  return sql`
    select r.from_id from org.relationships r
    where r.to_id = ${parent}
      and r.kind = any(${textArray(args.kinds, 'org.relationship_kind')})
      and r.valid_from <= ${args.asOf}::date and (r.valid_to is null or r.valid_to > ${args.asOf}::date)`;
}

const organisationColumns = sql`
  c.id, c.kind, c.name_zh as "nameZh", c.name_en as "nameEn", c.level, c.status, c.district_code as "districtCode",
  c.enterprise_id as "enterpriseId", c.established_on::text as "establishedOn", c.created_at as "createdAt"`;

/** The first page of children of each parent, in one statement for the whole batch of parents. */
export async function childrenOfParents(
  db: Db,
  parentIds: readonly number[],
  args: ChildrenArgs,
  page: Page,
): Promise<(OrganisationRow & { parentId: number })[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  return queryRows(
    db,
    sql`
      select p.parent_id as "parentId", ${organisationColumns}
      from unnest(${intArray(parentIds)}) as p(parent_id)
      cross join lateral (
        select * from org.organisations c
        where c.id in (${childIdsOf(sql`p.parent_id`, args)}) and c.id > ${after}
        order by c.id
        limit ${page.first + 1}
      ) c
      order by p.parent_id, c.id`,
  );
}

export async function countChildrenOfParents(
  db: Db,
  parentIds: readonly number[],
  args: ChildrenArgs,
): Promise<{ parentId: number; n: number }[]> {
  return queryRows(
    db,
    sql`
      select p.parent_id as "parentId", (select count(distinct x.from_id)::int from (${childIdsOf(sql`p.parent_id`, args)}) x) as n
      from unnest(${intArray(parentIds)}) as p(parent_id)`,
  );
}
