// Maintenance of the hierarchy read model (org.hierarchy), shared by the organisations subgraph, which calls it in
// the transaction of every structural change, and by the demo seed. Readers only ever read the table.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from './client.ts';

/** Edges of the guidance chain: at most one per organisation at a time (a database constraint holds it so). */
const CHAIN = sql`select from_id, to_id, valid_from, valid_to from org.relationships where kind in ('GUIDANCE', 'APPROVAL')`;

/** Extends paths one edge down, intersecting validity; a path never visits an organisation twice. */
const STEP = sql`
  select c.from_id, w.path || c.from_id, greatest(w.valid_from, c.valid_from), least(w.valid_to, c.valid_to)
  from walk w join chain c on c.to_id = w.organisation_id
  where c.valid_from < coalesce(w.valid_to, 'infinity') and w.valid_from < coalesce(c.valid_to, 'infinity')
    and not c.from_id = any(w.path)`;

function insertWalk(base: SQL): SQL {
  return sql`
    insert into org.hierarchy (organisation_id, path, valid_from, valid_to)
    with recursive chain as (${CHAIN}),
    walk (organisation_id, path, valid_from, valid_to) as (
      select * from (${base}) b
      union all
      ${STEP}
    )
    select * from walk`;
}

/** Recomputes the whole read model. */
export async function rebuildHierarchy(db: Db): Promise<void> {
  await db.execute(sql`delete from org.hierarchy`);
  await db.execute(
    insertWalk(sql`
      select o.id, array[o.id], '-infinity'::date, null::date from org.organisations o
      where not exists (select 1 from org.relationships r where r.from_id = o.id and r.kind in ('GUIDANCE', 'APPROVAL'))`),
  );
}

/**
 * Recomputes the rows of one organisation and everything below it, after its place in the chain changed. The
 * rows of its ancestors are untouched and serve as the starting point.
 */
export async function rebuildSubtree(db: Db, organisationId: number): Promise<void> {
  await db.execute(sql`delete from org.hierarchy where path @> array[${organisationId}::int]`);
  await db.execute(
    insertWalk(sql`
      with chain as (${CHAIN})
      select c.from_id, p.path || c.from_id, greatest(p.valid_from, c.valid_from), least(p.valid_to, c.valid_to)
      from chain c join org.hierarchy p on p.organisation_id = c.to_id
      where c.from_id = ${organisationId}
        and c.valid_from < coalesce(p.valid_to, 'infinity') and p.valid_from < coalesce(c.valid_to, 'infinity')
      union all
      select ${organisationId}::int, array[${organisationId}::int], '-infinity'::date, null::date
      where not exists (select 1 from chain c where c.from_id = ${organisationId})`),
  );
}

/**
 * Which of `ids` a district association's staff may see in full on a day: the district association itself, the
 * organisations below it in the guidance chain, and the municipal-level associations it liaises with (Art. 3).
 * Part of the shared read model, so that every subgraph scopes district staff the same way.
 */
export async function withinDistrictScope(db: Db, districtAssociationId: number, ids: readonly number[], on: string): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`
    select x.id from unnest(${`{${ids.join(',')}}`}::int[]) as x(id)
    where x.id = ${districtAssociationId}
       or exists (select 1 from org.hierarchy h where h.organisation_id = x.id and h.path @> array[${districtAssociationId}::int]
                  and h.valid_from <= ${on}::date and (h.valid_to is null or h.valid_to > ${on}::date))
       or exists (select 1 from org.relationships r where r.from_id = x.id and r.to_id = ${districtAssociationId} and r.kind = 'LIAISON'
                  and r.valid_from <= ${on}::date and (r.valid_to is null or r.valid_to > ${on}::date))`,
  );
  return rows.map((r) => r.id);
}

/** Whether an organisation exists: every organisation has at least one row in the read model. */
export async function organisationExists(db: Db, id: number): Promise<boolean> {
  const [row] = await queryRows<{ found: boolean }>(db, sql`select exists (select 1 from org.hierarchy where organisation_id = ${id}) as found`);
  return row?.found ?? false;
}

/** The path through the guidance chain of an organisation on a day, root first and itself last; null if it has none then. */
export async function chainPathOn(db: Db, id: number, on: string): Promise<number[] | null> {
  const [row] = await queryRows<{ path: number[] }>(
    db,
    sql`select path from org.hierarchy where organisation_id = ${id} and valid_from <= ${on}::date and (valid_to is null or valid_to > ${on}::date)`,
  );
  return row?.path ?? null;
}
