// The fixed set of queries. The first four carry the targets; the rest time the hierarchy and the roll-ups, with
// the same answer's SQL run alone beside them so that a slow figure can be told apart from a slow statement.
import { activityStatsOf } from '@cq/activities/data/roll-ups';
import { queryRows, type Database } from '@cq/db';
import { countDescendantsOf, descendantsOf, neighbourhoodIds, shortestPaths } from '@cq/organisations/data/hierarchy';
import { countMembersWithDescendants, membersOfOrganisations } from '@cq/people/data/people';
import { sql, type SQL } from 'drizzle-orm';

export interface BenchQuery {
  id: string;
  query: string;
  /** The subgraph that answers it alone: it is also run there directly, for the gateway/direct ratio. */
  subgraph?: 'organisations' | 'people';
  /** Compared with the floor, the same answer from one hand-written SQL statement. */
  floor?: boolean;
  /** The same answer's SQL, called directly and timed alone. */
  rawSql?: () => Promise<unknown>;
}

export const NESTED_QUERY = `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 41) { edges { node { id nameZh children(first: 10) { edges { node { id nameZh memberCount members(first: 5) { edges { node { person { id nameZh } } } } } } } } } } }`;

export async function benchQueries(database: Database, asOf: string): Promise<BenchQuery[]> {
  const { db } = database;
  const pick = async (query: SQL) => (await queryRows<{ id: number }>(db, query)).map((r) => r.id);
  // Ids that exist at every scale: two associations approved in different districts for a path, 100 active
  // associations for the per-parent page, and the districts.
  const [from, to] = [
    ...(await pick(sql`select min(r.from_id) as id from org.relationships r where r.kind = 'APPROVAL' and r.valid_to is null and r.to_id = 2`)),
    ...(await pick(sql`select min(r.from_id) as id from org.relationships r where r.kind = 'APPROVAL' and r.valid_to is null and r.to_id = 30`)),
  ];
  if (from === undefined || to === undefined) throw new Error('Expected approved associations in districts 2 and 30; is the database seeded?');
  const hundred = await pick(sql`select id from org.organisations where kind = 'ENTERPRISE_ASSOCIATION' and status = 'ACTIVE' order by id limit 100`);
  const districts = await pick(sql`select id from org.organisations where kind = 'DISTRICT_ASSOCIATION' order by id`);
  const tree = { asOf, maxDepth: null, kinds: null };

  return [
    { id: 'organisation-by-id', subgraph: 'organisations', query: `{ organisation(id: "2") { id nameZh kind status district { nameZh } } }` },
    { id: 'organisations-page', subgraph: 'organisations', query: `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION]}, first: 20) { totalCount edges { node { id nameZh level } } } }` },
    { id: 'persons-page', subgraph: 'people', query: `{ persons(first: 20) { edges { node { id nameZh category } } } }` },
    { id: 'nested', floor: true, query: NESTED_QUERY },
    {
      id: 'descendants',
      subgraph: 'organisations',
      query: `{ organisation(id: "1") { descendants(first: 100) { totalCount edges { node { id kind } } } } }`,
      rawSql: () => Promise.all([descendantsOf(db, [1], tree, { first: 100, after: null }), countDescendantsOf(db, [1], tree)]),
    },
    {
      id: 'path',
      subgraph: 'organisations',
      query: `{ paths(fromId: "${from}", toId: "${to}") { nodes { id } edges { kind } } }`,
      rawSql: () => shortestPaths(db, from, to, null, asOf, 6),
    },
    {
      id: 'neighbourhood',
      subgraph: 'organisations',
      query: `{ neighbourhood(id: "2", hops: 2) { truncated nodes { id } edges { id } } }`,
      rawSql: () => neighbourhoodIds(db, 2, 2, null, asOf),
    },
    {
      id: 'member-count-rollup',
      query: `{ organisation(id: "1") { memberCount(includeDescendants: true) } }`,
      rawSql: () => countMembersWithDescendants(db, [1], asOf),
    },
    {
      id: 'activity-stats-rollup',
      query: `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 41) { edges { node { id activityStats(year: 2025, includeDescendants: true) { kind count } } } } }`,
      rawSql: () => activityStatsOf(db, districts, { year: 2025, includeDescendants: true, asOf }),
    },
    {
      id: 'members-of-100',
      query: `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION], statuses: [ACTIVE]}, first: 100) { edges { node { members(first: 10) { edges { node { id } } } } } } }`,
      rawSql: () => membersOfOrganisations(db, hundred, { asOf, categories: null }, { first: 10, after: null }),
    },
  ];
}

/** What each query asks, for the report. */
export const DESCRIPTIONS: Record<string, string> = {
  'organisation-by-id': 'one organisation and its district',
  'organisations-page': 'a page of 20 enterprise associations with the total',
  'persons-page': 'a page of 20 persons',
  nested: 'districts → first 10 associations → member count, first 5 members',
  descendants: 'descendants of the municipal association, first 100 and the total',
  path: 'paths between associations in two districts',
  neighbourhood: '2-hop neighbourhood of a district',
  'member-count-rollup': 'member count of the municipal association with all descendants',
  'activity-stats-rollup': 'activity counts by kind for every district with descendants, one year',
  'members-of-100': 'first 10 members of each of 100 associations',
};
