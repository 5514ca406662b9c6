// The hierarchy read model as every subgraph but organisations sees it: the only way they read structure. Each
// reader takes the day it reads on; nothing here touches the `org` tables, so a subgraph with a database of its own
// works as long as the read model's tables are replicated into it (docs/read-model.md).
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client.ts';
import { intArray, textArray } from '../sql.ts';

/** Rows of hierarchy.paths (aliased `alias`) that hold on `on`. */
function holdsOn(alias: string, on: string): SQL {
  const a = sql.raw(alias);
  return sql`${a}.valid_from <= ${on}::date and (${a}.valid_to is null or ${a}.valid_to > ${on}::date)`;
}

/**
 * A relation of (root, organisation_id): for each of `roots`, itself and, with `descendants`, every organisation
 * below it in the guidance chain on `on`. A root with no place in the chain that day (after its revocation, say)
 * still stands for itself. An organisation has at most one path on a day, so each comes once per root. Join it to a
 * subgraph's own table on organisation_id to roll figures up to the roots in one statement.
 */
export function subtreeOn(roots: readonly number[], on: string, descendants = true): SQL {
  if (!descendants) return sql`select r.id as root, r.id as organisation_id from unnest(${intArray(roots)}) as r(id)`;
  return sql`
    select r.id as root, h.organisation_id from unnest(${intArray(roots)}) as r(id)
    join hierarchy.paths h on h.path @> array[r.id] and ${holdsOn('h', on)}
    union all
    select r.id, r.id from unnest(${intArray(roots)}) as r(id)
    where not exists (select 1 from hierarchy.paths h where h.organisation_id = r.id and ${holdsOn('h', on)})`;
}

/**
 * A relation of (organisation_id): what a district association's staff may see in full on a day: the district
 * association itself, the organisations below it in the guidance chain, and the municipal-level associations it
 * liaises with (Art. 3).
 */
export function districtScopeOn(districtAssociationId: number, on: string): SQL {
  return sql`
    select ${districtAssociationId}::int as organisation_id
    union select h.organisation_id from hierarchy.paths h where h.path @> array[${districtAssociationId}::int] and ${holdsOn('h', on)}
    union select l.organisation_id from hierarchy.liaisons l where l.district_id = ${districtAssociationId} and ${holdsOn('l', on)}`;
}

/** Which of `ids` a district association's staff may see in full on a day (districtScopeOn). */
export async function withinDistrictScope(db: Db, districtAssociationId: number, ids: readonly number[], on: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select x.id from unnest(${intArray(ids)}) as x(id) where x.id in (${districtScopeOn(districtAssociationId, on)})`,
  );
  return rows.map((r) => r.id);
}

/** Whether an organisation exists. */
export async function organisationExists(db: Db, id: number): Promise<boolean> {
  return (await unknownOrganisations(db, [id])).length === 0;
}

/** Which of `ids` name no organisation, in ascending order. */
export async function unknownOrganisations(db: Db, ids: readonly number[]): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`select x.id from unnest(${intArray(ids)}) as x(id)
        where not exists (select 1 from hierarchy.organisations o where o.id = x.id) order by x.id`,
  );
  return rows.map((r) => r.id);
}

/** The path through the guidance chain of an organisation on a day, root first and itself last; null if it has none then. */
export async function chainPathOn(db: Db, id: number, on: string): Promise<number[] | null> {
  const [row] = await queryRows<{ path: number[] }>(db, sql`select path from hierarchy.paths h where h.organisation_id = ${id} and ${holdsOn('h', on)}`);
  return row?.path ?? null;
}

/**
 * The organisations above one in the guidance chain on a day, root first, with their kinds; empty when it has no
 * place in the chain that day (or is the root).
 */
export async function ancestorsOn(db: Db, organisationId: number, on: string): Promise<{ id: number; kind: string }[]> {
  return queryRows(
    db,
    sql`select p.id, o.kind
        from hierarchy.paths h
        cross join lateral unnest(h.path) with ordinality as p(id, n)
        join hierarchy.organisations o on o.id = p.id
        where h.organisation_id = ${organisationId} and p.id <> ${organisationId} and ${holdsOn('h', on)}
        order by p.n`,
  );
}

export interface OrganisationOn {
  id: number;
  kind: string;
  /** The day it was founded (approved or filed); null if it never was. */
  establishedOn: string | null;
  /** Its status on the day asked about; null before it existed. */
  status: string | null;
}

/** Kind, founding day and status on a day of each of `ids` that exists, in ascending id order. */
export async function organisationsOn(db: Db, ids: readonly number[], on: string): Promise<OrganisationOn[]> {
  return queryRows(
    db,
    sql`select o.id, o.kind, o.established_on::text as "establishedOn", s.status
        from hierarchy.organisations o
        left join hierarchy.statuses s on s.organisation_id = o.id and ${holdsOn('s', on)}
        where o.id = any(${intArray(ids)}) order by o.id`,
  );
}

/**
 * A SQL condition: organisation `column` was ACTIVE on the day `on` (a SQL date expression, e.g. a column of the
 * caller's own table), for filtering a subgraph's own rows to active associations in one statement.
 */
export function activeOn(column: SQL, on: SQL): SQL {
  return sql`exists (select 1 from hierarchy.statuses hs where hs.organisation_id = ${column} and hs.status = 'ACTIVE'
                     and hs.valid_from <= ${on} and (hs.valid_to is null or hs.valid_to > ${on}))`;
}

/**
 * R26.assembly: the science and technology workers behind an association on a day: the sum of its enterprises'
 * recorded counts then; null when no enterprise stands behind it.
 */
export async function scienceWorkersOn(db: Db, organisationId: number, on: string): Promise<number | null> {
  const [row] = await queryRows<{ n: number | null }>(
    db,
    sql`select sum(w.count)::int as n
        from hierarchy.organisation_enterprises oe
        join hierarchy.science_workers w on w.enterprise_id = oe.enterprise_id and ${holdsOn('w', on)}
        where oe.organisation_id = ${organisationId}`,
  );
  return row?.n ?? null;
}

/**
 * A relation (id, kind, established_on) of the organisations of `kinds` that were ever founded (approved or filed),
 * for a subgraph to start from when a rule concerns associations that may have no row of its own yet (one that never
 * held a congress, say). Combine with `activeOn` for a day.
 */
export function foundedOrganisations(kinds: readonly string[]): SQL {
  return sql`select o.id, o.kind, o.established_on from hierarchy.organisations o where o.kind = any(${textArray(kinds)}) and o.established_on is not null`;
}

/**
 * A SQL scalar: the district association above (or being) organisation `organisation` in the guidance chain on the
 * day `on` (both SQL expressions, e.g. columns of the caller's query); null for a municipal-level association or one
 * with no place in the chain that day. For grouping a subgraph's own rows by district in one statement.
 */
export function districtAssociationOn(organisation: SQL, on: SQL): SQL {
  return sql`(select dp.district_id from hierarchy.paths dp
              where dp.organisation_id = ${organisation} and dp.valid_from <= ${on} and (dp.valid_to is null or dp.valid_to > ${on}) limit 1)`;
}

/**
 * A SQL condition for the district filter of a dashboard's list: organisation `organisation` lies below one of the
 * district associations `districtIds` in the guidance chain on the day `on` (both SQL expressions), or is one of them
 * (districtAssociationOn). Municipal-level associations and those with no place in the chain that day lie below none.
 */
export function belowDistricts(organisation: SQL, on: SQL, districtIds: readonly number[]): SQL {
  return sql`${districtAssociationOn(organisation, on)} = any(${intArray(districtIds)})`;
}

/** A SQL condition for the kind filter of a dashboard's list: organisation `organisation` (a SQL expression) is of one of `kinds`. */
export function ofKinds(organisation: SQL, kinds: readonly string[]): SQL {
  return sql`exists (select 1 from hierarchy.organisations hk where hk.id = ${organisation} and hk.kind = any(${textArray(kinds)}))`;
}

/** The filters of a dashboard's list: district associations (each with everything below it) and kinds; null: any. */
export interface ListFilter {
  districtIds?: readonly number[] | null;
  kinds?: readonly string[] | null;
}

/**
 * A SQL condition: organisation `organisation` passes `filter` on the day `on` (belowDistricts and ofKinds); `true`
 * when the filter gives neither. For the dashboards' lists, in the statement that reads the page or the count.
 */
export function passesListFilter(organisation: SQL, on: SQL, filter: ListFilter | null): SQL {
  const conditions: SQL[] = [];
  if (filter?.districtIds) conditions.push(belowDistricts(organisation, on, filter.districtIds));
  if (filter?.kinds) conditions.push(ofKinds(organisation, filter.kinds));
  return conditions.length ? sql.join(conditions, sql` and `) : sql`true`;
}

/** The dimensions a dashboard's list counts its rows by (its connection's `countsBy`). */
export type ListDimension = 'DISTRICT' | 'KIND';

/** One group of a list's countsBy; the dimensions not grouped by are null. */
export interface ListCountRow {
  /** The district association above the listed organisation on the list's day; null for municipal-level ones. */
  districtId: number | null;
  kind: string | null;
  count: number;
}

/**
 * A SQL statement: the rows of a dashboard's list counted by `groupBy`, largest count first, in one statement
 * whatever the number of groups. `rows` is the list's own `from … where …` clause (the one its page and totalCount
 * read, so the counts add up to totalCount), `organisation` the listed organisation in it and `on` the list's day
 * (a SQL date that does not refer to the rows). DISTRICT is districtAssociationOn(organisation, on), the very
 * attribution belowDistricts filters on, so a district's count equals the list's totalCount filtered by that
 * district; KIND is `kind`, by default the read model's kind, which ofKinds filters on (a list that filters on
 * another column passes that column).
 */
export function listCounts(rows: SQL, organisation: SQL, on: SQL, groupBy: readonly ListDimension[], kind?: SQL): SQL {
  const byDistrict = groupBy.includes('DISTRICT');
  const byKind = groupBy.includes('KIND');
  // The rows are read as a subquery of their own: their aliases (a list's `d`, say) cannot meet those of the
  // district's subquery.
  const district = byDistrict ? districtAssociationOn(sql`listed.organisation_id`, on) : sql`null::int`;
  const kindOf = byKind ? (kind ? sql`listed.kind` : sql`(select hk.kind from hierarchy.organisations hk where hk.id = listed.organisation_id)`) : sql`null`;
  // Without a dimension there is no group by: one total, 0 for an empty list, as organisationCounts gives.
  const grouped = [...(byDistrict ? [sql.raw('1')] : []), ...(byKind ? [sql.raw('2')] : [])];
  return sql`select ${district} as "districtId", ${kindOf}::text as kind, count(*)::int as count
             from (select ${organisation} as organisation_id, ${kind && byKind ? sql`${kind}::text` : sql`null::text`} as kind ${rows}) listed
             ${grouped.length ? sql`group by ${sql.join(grouped, sql`, `)}` : sql``} order by count desc, 1, 2`;
}
