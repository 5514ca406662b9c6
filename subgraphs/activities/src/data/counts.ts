// Counts of activities for dashboards: by period, kind and district in one statement, an activity counted once in
// each group it falls in (co-organisers in two districts: once in each district, once in the total).
import { intArray, queryRows, textArray, type Db } from '@cq/db';
import { districtAssociationOn } from '@cq/db/hierarchy';
import { sql, type SQL } from 'drizzle-orm';

export type Period = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR';
export type Dimension = 'DISTRICT' | 'KIND';

const PERIOD_LABEL: Record<Period, string> = { DAY: 'YYYY-MM-DD', MONTH: 'YYYY-MM', QUARTER: 'YYYY-"Q"Q', YEAR: 'YYYY' };

export interface ActivityCountRow {
  period: string;
  kind: string | null;
  /** The district association, when grouped by district; null for municipal-level organisers. */
  districtId: number | null;
  count: number;
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

/** Activities that started from `from` to `to` (both included), counted by period and the dimensions asked for. */
export async function countActivities(db: Db, args: ActivityCountArgs): Promise<ActivityCountRow[]> {
  const byKind = args.groupBy.includes('KIND');
  const byDistrict = args.groupBy.includes('DISTRICT') || args.districtIds !== null;
  const district: SQL = byDistrict ? districtAssociationOn(sql`ao.organisation_id`, sql`x.starts_on`) : sql`null::int`;
  const conditions: SQL[] = [sql`x.starts_on between ${args.from}::date and ${args.to}::date`];
  if (args.kinds?.length) conditions.push(sql`x.kind::text = any(${textArray(args.kinds)})`);
  return queryRows(
    db,
    sql`with organised as (
          select distinct x.id, x.kind::text as kind, to_char(x.starts_on, ${PERIOD_LABEL[args.period]}) as period, ${district} as district_id
          from activities.activities x join activities.activity_organisers ao on ao.activity_id = x.id
          where ${sql.join(conditions, sql` and `)}
        )
        select period, ${byKind ? sql`kind` : sql`null`} as kind, ${args.groupBy.includes('DISTRICT') ? sql`district_id` : sql`null::int`} as "districtId", count(distinct id)::int as count
        from organised
        ${args.districtIds ? sql`where district_id = any(${intArray(args.districtIds)})` : sql``}
        group by 1, 2, 3 order by 1, 3 nulls first, 2`,
  );
}
