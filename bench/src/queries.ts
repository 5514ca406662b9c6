// The fixed set of queries. The first four carry the targets; the rest time the hierarchy and the roll-ups, with
// the same answer's SQL run alone beside them so that a slow figure can be told apart from a slow statement.
import { activityStatsOf } from '@cq/activities/data/roll-ups';
import { queryRows, type Database } from '@cq/db';
import { countDescendantsOf, descendantsOf, neighbourhoodIds, shortestPaths } from '@cq/organisations/data/hierarchy';
import { countMembersWithDescendants, membersOfOrganisations } from '@cq/people/data/people';
import { countMembers } from '@cq/people/data/counts';
import { countLateCongressReportsBy, countOverdueAssociationsBy } from '@cq/people/data/leadership';
import { countActivities, countAwards, countEvaluations } from '@cq/activities/data/counts';
import { countOn } from '@cq/organisations/data/counts';
import { countOverdueRectificationsBy } from '@cq/organisations/data/life-cycle';
import { sql, type SQL } from 'drizzle-orm';

export interface BenchQuery {
  id: string;
  query: string;
  /** The subgraph that answers it alone: it is also run there directly, for the gateway/direct ratio. */
  subgraph?: 'organisations' | 'people';
  /** Its floor is the same answer from one hand-written SQL statement (floor.ts) rather than its data functions. */
  floor?: boolean;
  /** Target: the gateway's requests per second at least this share of the floor's. */
  floorTarget?: number;
  /** The same answer's SQL, called directly and timed alone. */
  rawSql?: () => Promise<unknown>;
  /** Target: one request through the gateway within this many times `rawSql`. */
  withinSql?: number;
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
  // The last whole year: a year's activities, awards and evaluations for the dashboard.
  const year = Number(asOf.slice(0, 4)) - 1;

  return [
    { id: 'organisation-by-id', subgraph: 'organisations', query: `{ organisation(id: "2") { id nameZh kind status district { nameZh } } }` },
    { id: 'organisations-page', subgraph: 'organisations', query: `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION]}, first: 20) { totalCount edges { node { id nameZh level } } } }` },
    { id: 'persons-page', subgraph: 'people', query: `{ persons(first: 20) { edges { node { id nameZh category } } } }` },
    { id: 'nested', floor: true, floorTarget: 0.5, query: NESTED_QUERY },
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
      floorTarget: 0.5,
      rawSql: () => neighbourhoodIds(db, 2, 2, null, asOf),
    },
    {
      id: 'member-count-rollup',
      query: `{ organisation(id: "1") { memberCount(includeDescendants: true) } }`,
      floorTarget: 0.33,
      rawSql: () => countMembersWithDescendants(db, [1], asOf),
    },
    {
      id: 'activity-stats-rollup',
      query: `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 41) { edges { node { id activityStats(year: 2025, includeDescendants: true) { kind count } } } } }`,
      floorTarget: 0.33,
      rawSql: () => activityStatsOf(db, districts, { year: 2025, includeDescendants: true, asOf }),
    },
    {
      id: 'district-dashboard',
      query: districtDashboard(year),
      // The same figures from the same statements the subgraphs send, called directly and at once.
      rawSql: () =>
        Promise.all([
          countOn(db, { statuses: ['ACTIVE'] }, asOf, ['DISTRICT', 'KIND'], asOf),
          countMembers(db, asOf, null, ['DISTRICT'], asOf),
          countActivities(db, { from: `${year}-01-01`, to: `${year}-12-31`, period: 'MONTH', kinds: null, districtIds: null, groupBy: ['DISTRICT', 'KIND'] }),
          countAwards(db, `${year}-01-01`, `${year}-12-31`, 'YEAR', null, ['DISTRICT', 'KIND']),
          countEvaluations(db, [year], null, ['DISTRICT', 'GRADE']),
          countOverdueAssociationsBy(db, asOf, null, ['DISTRICT']),
          countLateCongressReportsBy(db, asOf, null, ['DISTRICT']),
          countOverdueRectificationsBy(db, { asOf, districtCodes: null, districtIds: null, kinds: null }, ['DISTRICT']),
        ]),
      withinSql: 3,
      floorTarget: 0.33,
    },
    {
      id: 'members-of-100',
      query: `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION], statuses: [ACTIVE]}, first: 100) { edges { node { members(first: 10) { edges { node { id } } } } } } }`,
      rawSql: () => membersOfOrganisations(db, hundred, { asOf, categories: null }, { first: 10, after: null }),
    },
  ];
}

/**
 * A district dashboard for all 41 districts in one request (docs/dashboards.md): active associations by district and
 * kind, members with everything below each district, activities by month and kind for a year, awards by kind,
 * evaluations by grade, and the overdue lists' counts by district.
 */
const districtDashboard = (year: number) => `{
  organisationCounts(groupBy: [DISTRICT, KIND], filter: {statuses: [ACTIVE]}) { district { code } kind count }
  memberCounts(groupBy: [DISTRICT]) { district { id } count }
  activityCounts(from: "${year}-01-01", to: "${year}-12-31", period: MONTH, groupBy: [DISTRICT, KIND]) { period kind district { id } count }
  awardCounts(from: "${year}-01-01", to: "${year}-12-31", groupBy: [DISTRICT, KIND]) { kind district { id } count }
  evaluationCounts(years: [${year}], groupBy: [DISTRICT, GRADE]) { grade district { id } count }
  overdueAssociations(first: 0) { totalCount countsBy(groupBy: [DISTRICT]) { district { id } count } }
  lateCongressReports(first: 0) { totalCount countsBy(groupBy: [DISTRICT]) { district { id } count } }
  overdueRectifications(first: 0) { totalCount countsBy(groupBy: [DISTRICT]) { district { id } count } }
}`;

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
  'district-dashboard': 'a district dashboard for all 41 districts in one request: associations by kind, members, activities by month, awards, evaluations, overdue lists',
};
