// `npm run bench -- --scale small|large --duration 10 --connections 10`: loads a scale, starts the whole graph in
// this process, and measures a fixed set of queries with autocannon on loopback, through the gateway and, for
// single-subgraph queries, against the owning subgraph directly. Prints a table and writes bench/RESULTS.md.
import { parseArgs } from 'node:util';
import { INTERNAL_HEADER, loadConfig, signInternalIdentity, signUserToken, todayInChina, type Identity } from '@cq/common';
import { queryRows, sqlStatements } from '@cq/db';
import type { ScaleName } from '@cq/db/seed';
import { startGraph } from '@cq/gateway';
import { neighbourhoodIds, shortestPaths, descendantsOf, countDescendantsOf } from '@cq/organisations/data/hierarchy';
import { activityStatsOf } from '@cq/activities/data/records';
import { countMembersWithDescendants, membersOfOrganisations } from '@cq/people/data/people';
import { sql } from 'drizzle-orm';
import { benchDatabase, sizes } from './database.ts';
import { nestedSql, startFloor } from './floor.ts';
import { load, type LoadResult } from './load.ts';
import { writeReport, type Row } from './report.ts';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: 'small' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
});
const scale = values.scale as ScaleName;
if (!['small', 'large'].includes(scale)) throw new Error(`Expected --scale small or large, received ${scale}.`);
const options = { duration: Number(values.duration), connections: Number(values.connections) };

const config = loadConfig();
const database = await benchDatabase(scale);
const graph = await startGraph({
  host: '127.0.0.1',
  ports: { gateway: 0, organisations: 0, people: 0, activities: 0 },
  databases: { organisations: database, people: database, activities: database },
  auth: config.auth,
  limits: config.limits,
  production: false,
});
const asOf = todayInChina();
const floor = await startFloor(database, asOf);
const staff: Identity = { subject: 'bench', role: 'MUNICIPAL_STAFF', organisationId: null };
const userHeaders = { authorization: `Bearer ${await signUserToken(staff, config.auth.secret)}` };

// Ids that exist at every scale: two enterprise associations in different districts for a path, and 100
// associations for the per-parent page.
const pick = async (query: ReturnType<typeof sql>) => (await queryRows<{ id: number }>(database.db, query)).map((r) => r.id);
const [a, b] = [
  ...(await pick(sql`select min(r.from_id) as id from org.relationships r where r.kind = 'APPROVAL' and r.valid_to is null and r.to_id = 2`)),
  ...(await pick(sql`select min(r.from_id) as id from org.relationships r where r.kind = 'APPROVAL' and r.valid_to is null and r.to_id = 30`)),
];
const hundred = await pick(sql`select id from org.organisations where kind = 'ENTERPRISE_ASSOCIATION' and status = 'ACTIVE' order by id limit 100`);
const page = { first: 10, after: null };
const districts = await pick(sql`select id from org.organisations where kind = 'DISTRICT_ASSOCIATION' order by id`);

interface Case {
  name: string;
  query: string;
  /** The subgraph that answers it alone, for the gateway/direct ratio */
  subgraph?: 'organisations' | 'people';
  /** The same answer's SQL run alone, timed in this run as the floor */
  rawSql?: () => Promise<unknown>;
  /** Served by the hand-written single-statement endpoint as the floor */
  floor?: boolean;
}

const cases: Case[] = [
  { name: 'organisation by id', subgraph: 'organisations', query: `{ organisation(id: "2") { id nameZh kind status district { nameZh } } }` },
  { name: 'organisations page', subgraph: 'organisations', query: `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION]}, first: 20) { totalCount edges { node { id nameZh level } } } }` },
  { name: 'persons page', subgraph: 'people', query: `{ persons(first: 20) { edges { node { id nameZh category } } } }` },
  {
    name: 'nested: districts → 10 associations → count, 5 members',
    floor: true,
    query: `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 41) { edges { node { id nameZh children(first: 10) { edges { node { id nameZh memberCount members(first: 5) { edges { node { person { id nameZh } } } } } } } } } } }`,
  },
  {
    name: 'descendants of the municipal association',
    subgraph: 'organisations',
    query: `{ organisation(id: "1") { descendants(first: 100) { totalCount edges { node { id kind } } } } }`,
    rawSql: () => Promise.all([descendantsOf(database.db, [1], { asOf, maxDepth: null, kinds: null }, { first: 100, after: null }), countDescendantsOf(database.db, [1], { asOf, maxDepth: null, kinds: null })]),
  },
  {
    name: 'path between two associations',
    subgraph: 'organisations',
    query: `{ paths(fromId: "${a}", toId: "${b}") { nodes { id } edges { kind } } }`,
    rawSql: () => shortestPaths(database.db, a!, b!, null, asOf, 6),
  },
  {
    name: '2-hop neighbourhood of a district',
    subgraph: 'organisations',
    query: `{ neighbourhood(id: "2", hops: 2) { truncated nodes { id } edges { id } } }`,
    rawSql: () => neighbourhoodIds(database.db, 2, 2, null, asOf),
  },
  {
    name: 'member count of the municipal association, all descendants',
    query: `{ organisation(id: "1") { memberCount(includeDescendants: true) } }`,
    rawSql: () => countMembersWithDescendants(database.db, [1], asOf),
  },
  {
    name: 'activity counts by kind, every district with descendants, one year',
    query: `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 41) { edges { node { id activityStats(year: 2025, includeDescendants: true) { kind count } } } } }`,
    rawSql: () => activityStatsOf(database.db, districts, { year: 2025, includeDescendants: true, asOf }),
  },
  {
    name: 'first 10 members of each of 100 associations',
    query: `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION], statuses: [ACTIVE]}, first: 100) { edges { node { members(first: 10) { edges { node { id } } } } } } }`,
    rawSql: () => membersOfOrganisations(database.db, hundred, { asOf, categories: null }, page),
  },
];

async function statementsPerRequest(url: string, body: string, headers: Record<string, string>): Promise<number> {
  const before = sqlStatements.count;
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  const json = (await res.json()) as { errors?: unknown[] };
  if (json.errors) throw new Error(`The bench query failed: ${body}\n${JSON.stringify(json.errors, null, 2)}`);
  return sqlStatements.count - before;
}

async function timeSql(run: () => Promise<unknown>, times = 20): Promise<number> {
  await run();
  const started = process.hrtime.bigint();
  for (let i = 0; i < times; i++) await run();
  return Number(process.hrtime.bigint() - started) / 1e6 / times;
}

// Counted first, while nothing else runs: requests still in flight after a load run would add their statements.
const statements = new Map<string, number>();
for (const c of cases) {
  statements.set(c.name, await statementsPerRequest(graph.url, JSON.stringify({ query: c.query }), userHeaders));
  console.log(`${c.name}: ${statements.get(c.name)} SQL statements per request`);
}

const rows: Row[] = [];
for (const c of cases) {
  const body = JSON.stringify({ query: c.query });
  const gateway = await load(graph.url, body, userHeaders, options);
  let direct: LoadResult | undefined;
  if (c.subgraph) {
    const url = graph.subgraphs[c.subgraph].url;
    // Signed just before the run: the gateway's word is valid for a minute.
    const internal = { [INTERNAL_HEADER]: await signInternalIdentity(staff, config.auth.internalSecret) };
    direct = await load(url, body, internal, options);
  }
  let floorResult: LoadResult | undefined;
  if (c.floor) {
    await queryRows(database.db, nestedSql(asOf));
    floorResult = await load(floor.url, '{}', {}, options);
  }
  const rawSqlMs = c.rawSql ? await timeSql(c.rawSql) : undefined;
  rows.push({ name: c.name, statements: statements.get(c.name)!, gateway, direct, floor: floorResult, rawSqlMs });
  console.log(`  gateway ${gateway.rps.toFixed(0)} req/s${direct ? `, direct ${direct.rps.toFixed(0)} req/s` : ''}${floorResult ? `, floor ${floorResult.rps.toFixed(0)} req/s` : ''}${rawSqlMs !== undefined ? `, raw SQL ${rawSqlMs.toFixed(2)} ms` : ''}`);
}

const report = writeReport({ scale, driver: database.driver, sizes: await sizes(database), options, rows });
console.log(`\n${report}`);
// Let the last run's requests in flight finish before the servers go.
await new Promise((resolve) => setTimeout(resolve, 2000));
await floor.close();
await graph.close();
await database.close();
