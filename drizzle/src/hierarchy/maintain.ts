// Keeping the hierarchy read model (schema `hierarchy`, see ../schema/hierarchy.ts) in step with the `org` tables it
// is derived from. Only the organisations subgraph, in the transaction of every structural change, and the demo seed
// call these; every other reader goes through ./read.ts.
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';
import * as s from '../schema/hierarchy.ts';

/** Edges of the guidance chain: at most one per organisation at a time (a database constraint holds it so). */
const CHAIN = sql`select from_id, to_id, valid_from, valid_to from org.relationships where kind in ('GUIDANCE', 'APPROVAL')`;

/** Extends paths one edge down, intersecting validity; a path never visits an organisation twice. */
const STEP = sql`
  select c.from_id, w.path || c.from_id, greatest(w.valid_from, c.valid_from), least(w.valid_to, c.valid_to)
  from walk w join chain c on c.to_id = w.organisation_id
  where c.valid_from < coalesce(w.valid_to, 'infinity') and w.valid_from < coalesce(c.valid_to, 'infinity')
    and not c.from_id = any(w.path)`;

/** The district association on a path (hierarchy.organisations must hold the path's organisations already). */
const DISTRICT_ON_PATH = sql`(select d.id from unnest(w.path) as d(id) join hierarchy.organisations k on k.id = d.id and k.kind = 'DISTRICT_ASSOCIATION' limit 1)`;

function insertWalk(base: SQL): SQL {
  return sql`
    insert into hierarchy.paths (organisation_id, path, valid_from, valid_to, district_id)
    with recursive chain as (${CHAIN}),
    walk (organisation_id, path, valid_from, valid_to) as (
      select * from (${base}) b
      union all
      ${STEP}
    )
    select w.*, ${DISTRICT_ON_PATH} from walk w`;
}

const LIAISONS = sql`select from_id, to_id, valid_from, valid_to from org.relationships where kind = 'LIAISON'`;

const ORGANISATIONS = sql`select id, kind::text, established_on from org.organisations`;

/**
 * Status periods from the events that set a status (the last one of a day counts); an organisation with no such
 * event (the municipal association, created with the system) has its current status since always.
 */
const STATUSES = sql`
  select organisation_id, status, valid_from, lead(valid_from) over (partition by organisation_id order by valid_from) as valid_to
  from (
    select distinct on (e.organisation_id, e.effective_on) e.organisation_id, e.after->>'status' as status, e.effective_on as valid_from
    from org.events e where e.after ? 'status'
    order by e.organisation_id, e.effective_on, e.id desc
  ) changes
  union all
  select o.id, o.status::text, '-infinity'::date, null::date from org.organisations o
  where not exists (select 1 from org.events e where e.organisation_id = o.id and e.after ? 'status')`;

const ORGANISATION_ENTERPRISES = sql`
  select id as organisation_id, enterprise_id from org.organisations where enterprise_id is not null
  union select organisation_id, enterprise_id from org.organisation_enterprises`;

/** Count periods from the recorded counts (the last of a day counts); the registration count, where none was recorded, since always. */
const SCIENCE_WORKERS = sql`
  select enterprise_id, count, valid_from, lead(valid_from) over (partition by enterprise_id order by valid_from) as valid_to
  from (
    select distinct on (c.enterprise_id, coalesce(c.valid_from, '-infinity'::date)) c.enterprise_id, c.count, coalesce(c.valid_from, '-infinity'::date) as valid_from
    from org.science_worker_counts c
    order by c.enterprise_id, coalesce(c.valid_from, '-infinity'::date), c.id desc
  ) counts
  union all
  select e.id, e.science_worker_count, '-infinity'::date, null::date from org.enterprises e
  where not exists (select 1 from org.science_worker_counts c where c.enterprise_id = e.id)`;

/** Recomputes the whole read model. */
export async function rebuildHierarchy(db: Db): Promise<void> {
  await db.execute(sql`delete from hierarchy.paths`);
  await db.execute(sql`delete from hierarchy.liaisons`);
  await db.execute(sql`delete from hierarchy.organisation_enterprises`);
  await db.execute(sql`delete from hierarchy.science_workers`);
  await db.execute(sql`insert into hierarchy.organisation_enterprises (organisation_id, enterprise_id) ${ORGANISATION_ENTERPRISES}`);
  await db.execute(sql`insert into hierarchy.science_workers (enterprise_id, count, valid_from, valid_to) ${SCIENCE_WORKERS}`);
  await db.execute(sql`delete from hierarchy.statuses`);
  await db.execute(sql`delete from hierarchy.organisations`);
  await db.execute(sql`insert into hierarchy.organisations (id, kind, established_on) ${ORGANISATIONS}`);
  await db.execute(sql`insert into hierarchy.statuses (organisation_id, status, valid_from, valid_to) ${STATUSES}`);
  await db.execute(sql`insert into hierarchy.liaisons (organisation_id, district_id, valid_from, valid_to) ${LIAISONS}`);
  await db.execute(
    insertWalk(sql`
      select o.id, array[o.id], '-infinity'::date, null::date from org.organisations o
      where not exists (select 1 from org.relationships r where r.from_id = o.id and r.kind in ('GUIDANCE', 'APPROVAL'))`),
  );
}

/**
 * Recomputes what the read model says of one organisation after it was created, its status changed or its place
 * changed: its kind, founding day and statuses, its liaison links, and the paths of it and everything below it. The
 * paths of its ancestors are untouched and serve as the starting point.
 */
export async function refreshOrganisation(db: Db, organisationId: number): Promise<void> {
  await db.execute(sql`
    insert into hierarchy.organisations (id, kind, established_on) select * from (${ORGANISATIONS}) o where o.id = ${organisationId}
    on conflict (id) do update set kind = excluded.kind, established_on = excluded.established_on`);
  await db.execute(sql`delete from hierarchy.organisation_enterprises where organisation_id = ${organisationId}`);
  await db.execute(sql`insert into hierarchy.organisation_enterprises (organisation_id, enterprise_id) select * from (${ORGANISATION_ENTERPRISES}) x where x.organisation_id = ${organisationId}`);
  await db.execute(sql`delete from hierarchy.statuses where organisation_id = ${organisationId}`);
  await db.execute(sql`insert into hierarchy.statuses (organisation_id, status, valid_from, valid_to) select * from (${STATUSES}) s where s.organisation_id = ${organisationId}`);
  await db.execute(sql`delete from hierarchy.liaisons where organisation_id = ${organisationId}`);
  await db.execute(sql`
    insert into hierarchy.liaisons (organisation_id, district_id, valid_from, valid_to)
    select * from (${LIAISONS}) l where l.from_id = ${organisationId}`);
  await db.execute(sql`delete from hierarchy.paths where path @> array[${organisationId}::int]`);
  await db.execute(
    insertWalk(sql`
      with chain as (${CHAIN})
      select c.from_id, p.path || c.from_id, greatest(p.valid_from, c.valid_from), least(p.valid_to, c.valid_to)
      from chain c join hierarchy.paths p on p.organisation_id = c.to_id
      where c.from_id = ${organisationId}
        and c.valid_from < coalesce(p.valid_to, 'infinity') and p.valid_from < coalesce(c.valid_to, 'infinity')
      union all
      select ${organisationId}::int, array[${organisationId}::int], '-infinity'::date, null::date
      where not exists (select 1 from chain c where c.from_id = ${organisationId})`),
  );
}

/** Recomputes what the read model says of one enterprise's science and technology workers, after one was registered or counted. */
export async function refreshEnterprise(db: Db, enterpriseId: number): Promise<void> {
  await db.execute(sql`delete from hierarchy.science_workers where enterprise_id = ${enterpriseId}`);
  await db.execute(sql`insert into hierarchy.science_workers (enterprise_id, count, valid_from, valid_to) select * from (${SCIENCE_WORKERS}) w where w.enterprise_id = ${enterpriseId}`);
}

/**
 * Copies the whole read model from the organisations subgraph's database into another subgraph's own database, in
 * one transaction there: readers see the old copy or the new, never a mix. For databases that cannot subscribe to
 * logical replication (PGlite, or a server without `wal_level = logical`); see docs/read-model.md.
 */
export async function copyReadModel(source: Db, target: Db): Promise<Record<'organisations' | 'statuses' | 'paths' | 'liaisons' | 'organisationEnterprises' | 'scienceWorkers', number>> {
  const tables = {
    organisations: s.hierarchyOrganisations,
    statuses: s.hierarchyStatuses,
    paths: s.hierarchyPaths,
    liaisons: s.hierarchyLiaisons,
    organisationEnterprises: s.hierarchyOrganisationEnterprises,
    scienceWorkers: s.hierarchyScienceWorkers,
  } as const;
  const rows = Object.fromEntries(await Promise.all(Object.entries(tables).map(async ([name, table]) => [name, await source.select().from(table)] as const))) as Record<keyof typeof tables, object[]>;
  await target.transaction(async (tx) => {
    for (const table of Object.values(tables)) await tx.delete(table);
    for (const [name, table] of Object.entries(tables) as [keyof typeof tables, (typeof tables)[keyof typeof tables]][]) {
      const all = rows[name];
      for (let i = 0; i < all.length; i += COPY_BATCH) await tx.insert(table).values(all.slice(i, i + COPY_BATCH));
    }
  });
  return Object.fromEntries(Object.entries(rows).map(([name, all]) => [name, all.length])) as Record<keyof typeof tables, number>;
}

/** Rows per insert: well under PostgreSQL's 65,535 parameters for the widest table (5 columns). */
const COPY_BATCH = 5_000;
