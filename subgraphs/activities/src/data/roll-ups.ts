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
 * Activities by kind and start year for each organisation (with descendants: each root and every organisation below
 * it on `asOf`), one statement for the batch, summed from the roll-up the commands keep (activities.activity_counts:
 * per organiser, start year and kind) rather than counted from the activities: for the whole network at the `large`
 * bench scale, 88,000 roll-up rows for every year instead of the 229,000 organisers of 200,000 activities.
 *
 * An activity counts once per root, however many of its organisers lie below it. The roll-up counts it once per
 * organiser, so for each activity with more than one (activities.co_organisers: a seventh of the organisers in the
 * demo data) the statement takes off its organisers below the root but one. Without descendants a root's subtree is
 * itself and nothing is taken off.
 */
export async function activityStatsOf(db: Db, ids: readonly number[], args: StatsArgs): Promise<{ organisationId: number; kind: ActivityKind; year: number; count: number }[]> {
  const ofYear = (column: SQL) => (args.year === null ? sql`true` : sql`${column} = ${args.year}::int`);
  const counted = (organisations: SQL) => sql`
    select o.root, c.kind, c.year, sum(c.activities) as n
    from ${organisations} o join activities.activity_counts c on c.organisation_id = o.organisation_id
    where ${ofYear(sql`c.year`)}
    group by 1, 2, 3`;
  if (!args.includeDescendants) {
    return queryRows(db, sql`select root as "organisationId", kind, year, n::int as count from (${counted(sql`(${organisationsUnder(ids, args)})`)}) c order by 1, 3 desc, 2`);
  }
  // The subtree once, for both sums; no row for a kind and year where nothing is left, as a count gives none.
  return queryRows(
    db,
    sql`with o as materialized (${organisationsUnder(ids, args)}),
        counted as (${counted(sql`o`)}),
        co_organised as (
          select s.root, s.kind, s.year, sum(s.below - 1) as n
          from (select o.root, x.activity_id, x.kind, x.year, count(*) as below
                from o join activities.co_organisers x on x.organisation_id = o.organisation_id
                where ${ofYear(sql`x.year`)}
                group by 1, 2, 3, 4) s
          where s.below > 1
          group by 1, 2, 3
        )
        select c.root as "organisationId", c.kind, c.year, (c.n - coalesce(s.n, 0))::int as count
        from counted c left join co_organised s using (root, kind, year)
        where c.n > coalesce(s.n, 0)
        order by 1, 3 desc, 2`,
  );
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
