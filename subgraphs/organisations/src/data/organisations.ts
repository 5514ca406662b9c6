// All SQL of the organisations subgraph's read side.
import type { Page } from '@cq/service-kit';
import { anyOf, containsPattern, type Db, intArray, queryRows, schema as s, textArray } from '@cq/db';
import { matchesSearch } from './search.ts';
import { and, asc, count, eq, gt, ilike, inArray, sql, type SQL } from 'drizzle-orm';

export type OrganisationRow = typeof s.organisations.$inferSelect;
export type EnterpriseRow = typeof s.enterprises.$inferSelect;
export type DistrictRow = typeof s.districts.$inferSelect;
export type RelationshipKind = (typeof s.relationshipKind.enumValues)[number];
export type RelationshipRow = typeof s.relationships.$inferSelect;
export type EventRow = typeof s.events.$inferSelect;

/** In force on a day: started on or before it and not yet ended (valid-to is exclusive). */
export const inForce = (alias: string, asOf: string) =>
  sql`${sql.raw(alias)}.valid_from <= ${asOf}::date and (${sql.raw(alias)}.valid_to is null or ${sql.raw(alias)}.valid_to > ${asOf}::date)`;

export interface OrganisationFilter {
  kinds?: OrganisationRow['kind'][] | null;
  levels?: NonNullable<OrganisationRow['level']>[] | null;
  statuses?: OrganisationRow['status'][] | null;
  districtCodes?: string[] | null;
  nameContains?: string | null;
  /** By name, abbreviation or pinyin initials (search.ts) */
  search?: string | null;
}

const o = s.organisations;

export async function organisationsByIds(db: Db, ids: readonly number[]): Promise<OrganisationRow[]> {
  return db.select().from(o).where(anyOf(o.id, ids));
}

export async function enterprisesByIds(db: Db, ids: readonly number[]): Promise<EnterpriseRow[]> {
  return db.select().from(s.enterprises).where(anyOf(s.enterprises.id, ids));
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
    filter.search?.trim() ? matchesSearch(sql`${o.id}`, sql`${o.nameZh}`, filter.search) : undefined,
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

/**
 * Each organisation as it stood on a day, from its event history: the status of its latest status-changing event by
 * then (null before its first one, so it did not yet exist), and the district of its latest transfer by then.
 * Organisations with no status event at all (the root) are taken as they are now. `asOf` may be a SQL date
 * expression (a column of an outer query); `only` limits the organisations read.
 */
export const stateOn = (asOf: string | SQL, only?: SQL) => sql`
  select c.*,
    coalesce(
      (select e.after->>'status' from org.events e where e.organisation_id = c.id and e.effective_on <= ${asOf}::date and e.after ? 'status'
       order by e.effective_on desc, e.id desc limit 1),
      case when exists (select 1 from org.events e where e.organisation_id = c.id and e.after ? 'status') then null else c.status::text end
    ) as status_on,
    coalesce(
      (select e.after->>'districtCode' from org.events e where e.organisation_id = c.id and e.kind = 'TRANSFERRED' and e.effective_on <= ${asOf}::date
       order by e.effective_on desc, e.id desc limit 1),
      (select e.before->>'districtCode' from org.events e where e.organisation_id = c.id and e.kind = 'TRANSFERRED' and e.effective_on > ${asOf}::date
       order by e.effective_on, e.id limit 1),
      c.district_code
    ) as district_on
  from org.organisations c ${only ? sql`where ${only}` : sql``}`;

/**
 * stateOn, for today read straight from the organisations' own columns, as the list without `asOf` reads them (the
 * event history is for other days): the same rows, without two look-ups in the events per organisation.
 */
export const stateOf = (asOf: string, today: string): SQL =>
  asOf === today ? sql`select c.*, c.status::text as status_on, c.district_code as district_on from org.organisations c` : stateOn(asOf);

export function historicalCondition(filter: OrganisationFilter): SQL {
  const parts: SQL[] = [sql`c.status_on is not null`];
  if (filter.kinds?.length) parts.push(sql`c.kind = any(${textArray(filter.kinds, 'org.organisation_kind')})`);
  if (filter.levels?.length) parts.push(sql`c.level = any(${textArray(filter.levels, 'org.organisation_level')})`);
  if (filter.statuses?.length) parts.push(sql`c.status_on = any(${textArray(filter.statuses)})`);
  if (filter.districtCodes?.length) parts.push(sql`c.district_on = any(${textArray(filter.districtCodes)})`);
  if (filter.nameContains) parts.push(sql`c.name_zh ilike ${containsPattern(filter.nameContains)}`);
  if (filter.search?.trim()) parts.push(matchesSearch(sql`c.id`, sql`c.name_zh`, filter.search));
  return sql.join(parts, sql` and `);
}

/** The search as of a day: one statement, the filters applied to the state on that day. */
export async function searchOrganisationsOn(db: Db, filter: OrganisationFilter, asOf: string, page: Page): Promise<OrganisationRow[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  return queryRows(
    db,
    sql`select ${organisationColumns} from (${stateOn(asOf)}) c
        where c.id > ${after} and ${historicalCondition(filter)}
        order by c.id limit ${page.first + 1}`,
  );
}

export async function countOrganisationsOn(db: Db, filter: OrganisationFilter, asOf: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from (${stateOn(asOf)}) c where ${historicalCondition(filter)}`);
  return row?.n ?? 0;
}

/** Each organisation's status on a day, one statement for the batch. */
export async function statusesOn(db: Db, ids: readonly number[], asOf: string): Promise<{ id: number; status: OrganisationRow['status'] | null }[]> {
  return queryRows(db, sql`select c.id, c.status_on as status from (${stateOn(asOf)}) c where c.id = any(${intArray(ids)})`);
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
      and ${inForce('r', args.asOf)}`;
}

/** An organisation row from raw SQL, aliased `c`, in the shape drizzle gives. */
export const organisationColumns = sql`
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

/** A relationship row from raw SQL, aliased `r`, in the shape drizzle gives. */
export const relationshipColumns = sql`
  r.id, r.kind, r.from_id as "fromId", r.to_id as "toId", r.valid_from::text as "validFrom", r.valid_to::text as "validTo",
  r.document_no as "documentNo", r.document_date::text as "documentDate", r.created_at as "createdAt"`;

export type Direction = 'UP' | 'DOWN' | 'BOTH';

export interface RelationshipArgs {
  direction: Direction;
  kinds: RelationshipKind[] | null;
  /** null: every relationship ever, ended ones included */
  asOf: string | null;
}

/** Each organisation's relationships, one statement for the batch; `anchor` tells which organisation it was for. */
export async function relationshipsOf(db: Db, ids: readonly number[], args: RelationshipArgs): Promise<(RelationshipRow & { anchor: number })[]> {
  const ends = { UP: sql`r.from_id = p.id`, DOWN: sql`r.to_id = p.id`, BOTH: sql`(r.from_id = p.id or r.to_id = p.id)` }[args.direction];
  return queryRows(
    db,
    sql`
      select p.id as anchor, ${relationshipColumns}
      from unnest(${intArray(ids)}) as p(id)
      join org.relationships r on ${ends}
      where true
        ${args.kinds?.length ? sql`and r.kind = any(${textArray(args.kinds, 'org.relationship_kind')})` : sql``}
        ${args.asOf ? sql`and ${inForce('r', args.asOf)}` : sql``}
      order by p.id, r.valid_from, r.id`,
  );
}

/** Each organisation's body above it in the guidance chain on a day. */
export async function approversOf(db: Db, ids: readonly number[], asOf: string): Promise<{ childId: number; approverId: number }[]> {
  return queryRows(
    db,
    sql`
      select r.from_id as "childId", r.to_id as "approverId" from org.relationships r
      where r.from_id = any(${intArray(ids)}) and r.kind in ('GUIDANCE', 'APPROVAL') and ${inForce('r', asOf)}`,
  );
}

export async function enterprisesOfOrganisations(db: Db, ids: readonly number[]): Promise<(EnterpriseRow & { organisationId: number })[]> {
  return db
    .select({ organisationId: s.organisationEnterprises.organisationId, enterprise: s.enterprises })
    .from(s.organisationEnterprises)
    .innerJoin(s.enterprises, eq(s.enterprises.id, s.organisationEnterprises.enterpriseId))
    .where(anyOf(s.organisationEnterprises.organisationId, ids))
    .orderBy(asc(s.organisationEnterprises.organisationId), asc(s.enterprises.id))
    .then((rows) => rows.map((r) => ({ ...r.enterprise, organisationId: r.organisationId })));
}

// occurred_at as ISO 8601 text (to_json's form): a raw statement's timestamptz arrives as the driver's text otherwise.
const eventColumns = sql`
  ev.id, ev.organisation_id as "organisationId", ev.kind, ev.actor, to_json(ev.occurred_at) #>> '{}' as "occurredAt",
  ev.effective_on::text as "effectiveOn", ev.document_no as "documentNo", ev.before, ev.after`;

/** Each organisation's events, newest first, one statement for the batch. */
export async function eventsOf(db: Db, ids: readonly number[], page: Page): Promise<EventRow[]> {
  const before = (page.after?.[0] as number | undefined) ?? 2_147_483_647;
  return queryRows(
    db,
    sql`
      select ev.* from unnest(${intArray(ids)}) as p(id)
      cross join lateral (
        select ${eventColumns} from org.events ev where ev.organisation_id = p.id and ev.id < ${before}
        order by ev.id desc limit ${page.first + 1}
      ) ev
      order by ev."organisationId", ev.id desc`,
  );
}

export async function countEventsOf(db: Db, ids: readonly number[]): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    db,
    sql`select organisation_id as "organisationId", count(*)::int as n from org.events where organisation_id = any(${intArray(ids)}) group by 1`,
  );
}

/** Member associations of federations and groups: FEDERATION_MEMBER and GROUP_MEMBER relationships. */
export function memberArgs(asOf: string): ChildrenArgs {
  return { kinds: ['FEDERATION_MEMBER', 'GROUP_MEMBER'], asOf };
}
