// Activity and funding roll-ups over the hierarchy read model (@cq/db/hierarchy: kept by the organisations
// subgraph, read here, never written).
import { type Db, queryRows } from '@cq/db';
import * as hierarchy from '@cq/db/hierarchy';
import { sql, type SQL } from 'drizzle-orm';
import type { ActivityKind } from './activities.ts';
import type { FundingSource } from './funding.ts';

export interface StatsArgs {
  /** One year, or null for every year */
  year: number | null;
  includeDescendants: boolean;
  /** The day the hierarchy is read on, for descendants */
  asOf: string;
}

/** Each root with the organisations whose figures it sums (the hierarchy read model's subtree on `asOf`). */
const organisationsUnder = (ids: readonly number[], { includeDescendants, asOf }: StatsArgs): SQL => hierarchy.subtreeOn(ids, asOf, includeDescendants);

/** `column` falls in the calendar year; a range on the column itself, so that its index serves. */
const inYear = (column: SQL, year: number): SQL => sql`${column} >= make_date(${year}::int, 1, 1) and ${column} < make_date(${year}::int + 1, 1, 1)`;

/**
 * Activities by kind and start year for each organisation, one statement for the batch. An activity that two of a
 * root's organisations co-organised counts once (`count(distinct)`).
 *
 * With descendants and one year, the year's activities are found first through the start-date index and joined
 * with the organisers below the roots: the planner cannot tell how many organisations lie below a root, and when
 * told nothing it looks the activities up one organiser at a time, which for the whole network (the municipal
 * association, `large` scale, PostgreSQL) takes ~315 ms against ~100 ms this way; every district at once takes
 * ~70-90 ms either way. Otherwise each organiser's activities are looked up by index, cheapest for a few.
 */
export async function activityStatsOf(db: Db, ids: readonly number[], args: StatsArgs): Promise<{ organisationId: number; kind: ActivityKind; year: number; count: number }[]> {
  const organisations = organisationsUnder(ids, args);
  const query =
    args.year !== null && args.includeDescendants
      ? sql`with in_year as materialized (
              select x.id, x.kind from activities.activities x where ${inYear(sql`x.starts_on`, args.year)}
            )
            select o.root as "organisationId", y.kind, ${args.year}::int as year, count(distinct y.id)::int as count
            from (${organisations}) o
            join activities.activity_organisers ao on ao.organisation_id = o.organisation_id
            join in_year y on y.id = ao.activity_id
            group by 1, 2 order by 1, 2`
      : sql`select o.root as "organisationId", x.kind, extract(year from x.starts_on)::int as year, count(distinct x.id)::int as count
            from (${organisations}) o
            join activities.activity_organisers ao on ao.organisation_id = o.organisation_id
            join activities.activities x on x.id = ao.activity_id
            ${args.year === null ? sql`` : sql`where ${inYear(sql`x.starts_on`, args.year)}`}
            group by 1, 2, 3 order by 1, 3 desc, 2`;
  return queryRows(db, query);
}

/** Income per organisation (with descendants: per root), year received and source, summed exactly in the database (bigint fen, as text). */
export async function fundingTotalsOf(db: Db, ids: readonly number[], args: StatsArgs): Promise<{ organisationId: number; year: number; source: FundingSource; fen: string }[]> {
  return queryRows(
    db,
    sql`select o.root as "organisationId", extract(year from f.received_on)::int as year, f.source, sum(f.amount_fen)::text as fen
        from (${organisationsUnder(ids, args)}) o
        join activities.funding_records f on f.organisation_id = o.organisation_id
        ${args.year === null ? sql`` : sql`where ${inYear(sql`f.received_on`, args.year)}`}
        group by 1, 2, 3 order by 1, 2 desc, 3`,
  );
}
