// Counts of activities for dashboards: by period, kind and district in one statement, an activity counted once in
// each group it falls in (co-organisers in two districts: once in each district, once in the total).
import { intArray, periodOf, queryRows, textArray, type Db, type Period } from '@cq/db';
import { districtAssociationOn } from '@cq/db/hierarchy';
import { sql, type SQL } from 'drizzle-orm';

export type Dimension = 'DISTRICT' | 'KIND';

export interface ActivityCountRow {
  period: string;
  kind: string | null;
  /** The district association, when grouped by district; null for municipal-level organisers. */
  districtId: number | null;
  count: number;
  /** Participations of the activities counted (each activity's once per group it is counted in). */
  participants: number;
}

export interface ActivityCountArgs {
  from: string;
  to: string;
  period: Period;
  kinds: readonly string[] | null;
  /** District associations: activities organised by an association below one of them (on the start day). */
  districtIds: readonly number[] | null;
  groupBy: readonly Dimension[];
}

/**
 * Activities that started from `from` to `to` (both included), counted by period and the dimensions asked for, with
 * their participations (left-joined: an activity without any counts, with none) in the same statement.
 */
export async function countActivities(db: Db, args: ActivityCountArgs): Promise<ActivityCountRow[]> {
  const byKind = args.groupBy.includes('KIND');
  const byDistrict = args.groupBy.includes('DISTRICT') || args.districtIds !== null;
  const district: SQL = byDistrict ? districtAssociationOn(sql`ao.organisation_id`, sql`x.starts_on`) : sql`null::int`;
  const conditions: SQL[] = [sql`x.starts_on between ${args.from}::date and ${args.to}::date`];
  if (args.kinds?.length) conditions.push(sql`x.kind::text = any(${textArray(args.kinds)})`);
  // `grouped` holds each activity once per group it falls in (once per district grouped by district, once otherwise,
  // however many of its organisers the filter kept), so its participations count once in each such group.
  return queryRows(
    db,
    sql`with organised as (
          select distinct x.id, x.kind::text as kind, ${periodOf(args.period, sql`x.starts_on`)} as period, ${district} as district_id
          from activities.activities x join activities.activity_organisers ao on ao.activity_id = x.id
          where ${sql.join(conditions, sql` and `)}
        ), grouped as (
          select distinct id, period, ${byKind ? sql`kind` : sql`null::text`} as kind, ${args.groupBy.includes('DISTRICT') ? sql`district_id` : sql`null::int`} as district_id
          from organised
          ${args.districtIds ? sql`where district_id = any(${intArray(args.districtIds)})` : sql``}
        )
        select g.period, g.kind, g.district_id as "districtId", count(distinct g.id)::int as count, count(p.activity_id)::int as participants
        from grouped g left join activities.participations p on p.activity_id = g.id
        group by 1, 2, 3 order by 1, 3 nulls first, 2`,
  );
}

export interface GradeCountRow {
  year: number;
  grade: string | null;
  districtId: number | null;
  count: number;
}

/**
 * Annual evaluations of the years `years`, counted by year and, as asked, grade and district (the district
 * association above the association on the last day of the year evaluated). `districtIds` keeps those below them.
 */
export async function countEvaluations(db: Db, years: readonly number[], districtIds: readonly number[] | null, groupBy: readonly ('DISTRICT' | 'GRADE')[]): Promise<GradeCountRow[]> {
  const yearEnd = sql`make_date(e.year, 12, 31)`;
  const district = districtAssociationOn(sql`e.organisation_id`, yearEnd);
  return queryRows(
    db,
    sql`select e.year, ${groupBy.includes('GRADE') ? sql`e.grade::text` : sql`null::text`} as grade,
               ${groupBy.includes('DISTRICT') ? district : sql`null::int`} as "districtId", count(*)::int as count
        from activities.evaluations e
        where e.year = any(${intArray(years)}) ${districtIds ? sql`and ${district} = any(${intArray(districtIds)})` : sql``}
        group by 1, 2, 3 order by 1, 3 nulls first, 2`,
  );
}

export interface AwardCountRow {
  period: string;
  kind: string | null;
  outcome: string | null;
  districtId: number | null;
  count: number;
}

/** Awards decided from `from` to `to`, counted by period and, as asked, kind, outcome and the awarding body's district. */
export async function countAwards(db: Db, from: string, to: string, period: Period, districtIds: readonly number[] | null, groupBy: readonly ('DISTRICT' | 'KIND' | 'OUTCOME')[]): Promise<AwardCountRow[]> {
  const district = districtAssociationOn(sql`a.organisation_id`, sql`a.decided_on`);
  return queryRows(
    db,
    sql`select ${periodOf(period, sql`a.decided_on`)} as period,
               ${groupBy.includes('KIND') ? sql`a.kind::text` : sql`null::text`} as kind,
               ${groupBy.includes('OUTCOME') ? sql`a.outcome::text` : sql`null::text`} as outcome,
               ${groupBy.includes('DISTRICT') ? district : sql`null::int`} as "districtId", count(*)::int as count
        from activities.awards a
        where a.decided_on between ${from}::date and ${to}::date ${districtIds ? sql`and ${district} = any(${intArray(districtIds)})` : sql``}
        group by 1, 2, 3, 4 order by 1, 4 nulls first, 2, 3`,
  );
}

export interface FundingIncomeRow {
  period: string;
  /** The district association, when grouped by district; null for municipal-level associations. */
  districtId: number | null;
  source: string | null;
  /** The sum in fen, exact (bigint as text). */
  fen: string;
  records: number;
}

export interface FundingIncomeArgs {
  from: string;
  to: string;
  period: Period;
  /** District associations: income of associations below one of them on the day it was received. */
  districtIds: readonly number[] | null;
  sources: readonly string[] | null;
  groupBy: readonly ('DISTRICT' | 'SOURCE')[];
}

/**
 * Income received from `from` to `to` (both included), summed exactly in the database (bigint fen, as text) by
 * period and, as asked, source and the district association above the recording association on the day received.
 */
export async function sumFundingIncome(db: Db, args: FundingIncomeArgs): Promise<FundingIncomeRow[]> {
  const district = districtAssociationOn(sql`f.organisation_id`, sql`f.received_on`);
  const conditions: SQL[] = [sql`f.received_on between ${args.from}::date and ${args.to}::date`];
  if (args.sources) conditions.push(sql`f.source::text = any(${textArray(args.sources)})`);
  if (args.districtIds) conditions.push(sql`${district} = any(${intArray(args.districtIds)})`);
  return queryRows(
    db,
    sql`select ${periodOf(args.period, sql`f.received_on`)} as period,
               ${args.groupBy.includes('DISTRICT') ? district : sql`null::int`} as "districtId",
               ${args.groupBy.includes('SOURCE') ? sql`f.source::text` : sql`null::text`} as source,
               sum(f.amount_fen)::text as fen, count(*)::int as records
        from activities.funding_records f
        where ${sql.join(conditions, sql` and `)}
        group by 1, 2, 3 order by 1, 2 nulls first, 3`,
  );
}
