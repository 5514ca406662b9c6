// The hierarchy read model is the contract between the organisations subgraph and the others: a people and
// activities subgraph on a database of its own, holding none of the `org` tables' rows, works once the read model is
// copied into it, and follows structural changes at the next copy (docs/read-model.md).
import { type Identity, loadConfig, signUserToken } from '@cq/service-kit';
import { queryRows } from '@cq/db';
import { copyReadModel, rebuildHierarchy } from '@cq/db/hierarchy-maintenance';
import { SCALES, seed } from '@cq/db/seed';
import type { RunningGraph } from '@cq/launcher';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { startGraphOver } from '../helpers/graph.ts';

let organisationsDb: TestDatabase; // the organisations subgraph's own database
let peopleDb: TestDatabase; // the people and activities subgraphs' own database
let graph: RunningGraph;
let districts: number[];

const MUNICIPAL: Identity = { subject: 'test.municipal', role: 'MUNICIPAL_STAFF', organisationId: null };

async function query(identity: Identity, q: string, variables?: Record<string, unknown>): Promise<any> {
  const token = await signUserToken(identity, loadConfig().auth.secret);
  const res = await fetch(graph.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: q, variables }),
  });
  return res.json();
}

const ids = async (db: TestDatabase, q: ReturnType<typeof sql>) => (await queryRows<{ id: number }>(db.db, q)).map((r) => r.id);

/** Each district's member count with descendants, as the people subgraph answers it, and as the sum of its parts. */
async function rollUpsAndSums(): Promise<{ rollUps: number[]; sums: number[] }> {
  const body = await query(
    MUNICIPAL,
    `{ organisations(filter: { kinds: [DISTRICT_ASSOCIATION] }, first: 50) { edges { node { id memberCount(includeDescendants: true)
        own: memberCount descendants(first: 100) { totalCount edges { node { memberCount } } } } } } }`,
  );
  expect(body.errors).toBeUndefined();
  const rows = (body.data.organisations.edges as any[]).map((e) => e.node);
  expect(rows.map((r) => Number(r.id))).toEqual(districts);
  for (const r of rows) expect(r.descendants.totalCount).toBeLessThanOrEqual(100);
  return {
    rollUps: rows.map((r) => r.memberCount),
    sums: rows.map((r) => r.own + r.descendants.edges.reduce((n: number, e: any) => n + e.node.memberCount, 0)),
  };
}

beforeAll(async () => {
  [organisationsDb, peopleDb] = await Promise.all([openTestDatabase(), openTestDatabase()]);
  for (const database of [organisationsDb, peopleDb]) {
    await database.migrate();
    await seed(database.db, SCALES.tiny);
  }
  // The people subgraph's database keeps its own rows and nothing of the organisations subgraph's, read model included.
  const orgTables = await queryRows<{ name: string }>(
    peopleDb.db,
    sql`select format('%I.%I', table_schema, table_name) as name from information_schema.tables where table_schema in ('org', 'hierarchy') and table_type = 'BASE TABLE'`,
  );
  await peopleDb.db.execute(sql.raw(`truncate ${orgTables.map((t) => t.name).join(', ')} cascade`));
  districts = await ids(organisationsDb, sql`select id from org.organisations where kind = 'DISTRICT_ASSOCIATION' order by id`);

  graph = await startGraphOver({ organisations: organisationsDb, people: peopleDb, activities: peopleDb });
});

afterAll(async () => {
  await graph?.close();
  await Promise.all([organisationsDb?.close(), peopleDb?.close()]);
});

describe('The hierarchy read model in a subgraph database of its own', () => {
  it('without a copy the people subgraph sees no structure: roll-ups miss the associations below each district', async () => {
    const { rollUps, sums } = await rollUpsAndSums();
    expect(rollUps).not.toEqual(sums);
  });

  it('after copyReadModel, member counts with descendants equal the sum over the organisations subgraph\'s own tree', async () => {
    const copied = await copyReadModel(organisationsDb.db, peopleDb.db);
    expect(copied.organisations).toBeGreaterThan(districts.length);
    const { rollUps, sums } = await rollUpsAndSums();
    expect(rollUps).toEqual(sums);
    expect(sums.some((n) => n > 0)).toBe(true);
  });

  it('district staff are scoped through liaison links read from the copy, not from org.relationships', async () => {
    const [link] = await queryRows<{ organisation: number; district: number }>(
      organisationsDb.db,
      sql`select l.from_id as organisation, l.to_id as district from org.relationships l
          where l.kind = 'LIAISON' and l.valid_to is null
            and not exists (select 1 from org.relationships a where a.from_id = l.from_id and a.to_id = l.to_id and a.kind <> 'LIAISON')
          order by l.from_id limit 1`,
    );
    expect(link).toBeDefined();
    const staff: Identity = { subject: 'test.district', role: 'DISTRICT_STAFF', organisationId: link!.district };
    const members = `query($id: ID!) { organisation(id: $id) { members(first: 1) { totalCount } } }`;
    const body = await query(staff, members, { id: String(link!.organisation) });
    expect(body.errors).toBeUndefined();
    const [{ n }] = (await queryRows<{ n: number }>(
      peopleDb.db,
      sql`select count(*)::int as n from people.memberships where organisation_id = ${link!.organisation} and valid_from <= current_date and (valid_to is null or valid_to > current_date)`,
    )) as [{ n: number }];
    expect(body.data.organisation.members.totalCount).toBe(n);

    // Another district's staff, for whom no liaison link exists, are refused.
    const other = districts.find((d) => d !== link!.district)!;
    const refused = await query({ ...staff, organisationId: other }, members, { id: String(link!.organisation) });
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('a structural change reaches the people subgraph with the next copy', async () => {
    // An association of the first district with members is transferred to the second.
    const [moving] = await ids(
      peopleDb,
      sql`select organisation_id as id from people.memberships where valid_to is null group by organisation_id order by count(*) desc`,
    ).then(async (withMembers) =>
      ids(
        organisationsDb,
        sql`select o.id from org.organisations o join org.relationships r on r.from_id = o.id and r.kind = 'APPROVAL' and r.valid_to is null
            where o.kind = 'ENTERPRISE_ASSOCIATION' and o.status = 'ACTIVE' and r.to_id = ${districts[1]!} and o.id = any(${`{${withMembers.join(',')}}`}::int[])
            order by o.id limit 1`,
      ),
    );
    expect(moving).toBeDefined();
    const [target] = await queryRows<{ code: string }>(organisationsDb.db, sql`select district_code as code from org.organisations where id = ${districts[2]!}`);
    const before = await rollUpsAndSums();
    const moved = await query(
      MUNICIPAL,
      `mutation($input: TransferAffiliationInput!) { transferAffiliation(input: $input) { id } }`,
      { input: { organisationId: String(moving), toDistrictCode: target!.code, on: new Date().toISOString().slice(0, 10), documentNo: '渝科协函〔2026〕1号' } },
    );
    expect(moved.errors).toBeUndefined();

    const stale = await rollUpsAndSums();
    expect(stale.rollUps).toEqual(before.rollUps); // the copy still holds the old structure
    expect(stale.sums).not.toEqual(before.sums); // while the organisations subgraph already has the new one

    await copyReadModel(organisationsDb.db, peopleDb.db);
    const fresh = await rollUpsAndSums();
    expect(fresh.rollUps).toEqual(fresh.sums);
  });

  it('its tables reference no other table and each has a primary key, so they can be replicated on their own', async () => {
    const rows = await queryRows<{ name: string; keyed: boolean; references: number }>(
      organisationsDb.db,
      sql`select c.relname as name,
                 exists (select 1 from pg_index i where i.indrelid = c.oid and i.indisprimary) as keyed,
                 (select count(*)::int from pg_constraint k where k.conrelid = c.oid and k.contype = 'f') as references
          from pg_class c join pg_namespace n on n.oid = c.relnamespace
          where n.nspname = 'hierarchy' and c.relkind = 'r' order by 1`,
    );
    expect(rows).toEqual(['liaisons', 'organisation_enterprises', 'organisations', 'paths', 'science_workers', 'statuses'].map((name) => ({ name, keyed: true, references: 0 })));
  });

  it.runIf(Boolean(loadConfig().subgraphs.organisations.databaseUrl))('PostgreSQL: the whole read model is one publication for logical replication', async () => {
    await organisationsDb.db.execute(sql`create publication cq_hierarchy for tables in schema hierarchy`);
    const published = await queryRows<{ name: string }>(organisationsDb.db, sql`select tablename as name from pg_publication_tables where pubname = 'cq_hierarchy' order by 1`);
    expect(published.map((r) => r.name)).toEqual(['liaisons', 'organisation_enterprises', 'organisations', 'paths', 'science_workers', 'statuses']);
    await organisationsDb.db.execute(sql`drop publication cq_hierarchy`);
  });

  it('keeps founding days and status periods in the transaction of each status change, as a rebuild computes them', async () => {
    const read = async () => ({
      organisations: await queryRows(organisationsDb.db, sql`select id, kind, established_on::text from hierarchy.organisations order by id`),
      statuses: await queryRows(organisationsDb.db, sql`select organisation_id, status, valid_from::text, valid_to::text from hierarchy.statuses order by 1, 3`),
    });
    const [pending, other] = await queryRows<{ id: number; organisation: number; by: number; on: string }>(
      organisationsDb.db,
      sql`select a.id, a.organisation_id as organisation, a.applied_to_id as by, a.submitted_on::text as on from org.applications a join org.organisations o on o.id = a.organisation_id
          where o.status = 'APPLIED' order by a.id limit 2`,
    );
    const decide = (verb: string, a: { id: number; by: number; on: string }) =>
      query(MUNICIPAL, `mutation { ${verb}(input: {applicationId: "${a.id}", by: "${a.by}", on: "${a.on}", documentNo: "读模型-${a.id}"}) { id } }`);
    expect((await decide('approveApplication', pending!)).errors).toBeUndefined();
    expect((await decide('rejectApplication', other!)).errors).toBeUndefined();
    const kept = await read();
    const periods = (id: number) => (kept.statuses as any[]).filter((r) => r.organisation_id === id).map((r) => [r.status, r.valid_from, r.valid_to]);
    expect(periods(pending!.organisation).at(-1)).toEqual(['ACTIVE', pending!.on, null]);
    expect((kept.organisations as any[]).find((o) => o.id === pending!.organisation).established_on).toBe(pending!.on);
    expect(periods(other!.organisation).at(-1)).toEqual(['REJECTED', other!.on, null]);
    await organisationsDb.db.transaction(async (tx) => rebuildHierarchy(tx));
    expect(await read()).toEqual(kept);
  });
});
