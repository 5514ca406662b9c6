// Counts of organisations for dashboards (issue: analytics): one statement a panel, grouped by the dimensions asked
// for, read from the same state on a day as `organisations(asOf:)` so that a count and its list always agree.
import { periodOf, queryRows, textArray, type Db, type Period } from '@cq/db';
import { activeOn, belowDistricts, districtAssociationOn } from '@cq/db/hierarchy';
import { sql, type SQL } from 'drizzle-orm';
import { todayInChina } from '@cq/domain';
import { historicalCondition, stateOf, stateOn, type OrganisationFilter } from './organisations.ts';

export type Dimension = 'DISTRICT' | 'KIND' | 'LEVEL' | 'STATUS';
export type Change = 'FOUNDED' | 'REVOKED' | 'DEREGISTERED';

export interface CountRow {
  districtCode: string | null;
  kind: string | null;
  level: string | null;
  status: string | null;
  count: number;
}

const COLUMNS: Record<Dimension, { column: SQL; as: string }> = {
  DISTRICT: { column: sql`c.district_on`, as: 'districtCode' },
  KIND: { column: sql`c.kind::text`, as: 'kind' },
  LEVEL: { column: sql`c.level::text`, as: 'level' },
  STATUS: { column: sql`c.status_on`, as: 'status' },
};

/** Each dimension asked for as its column, the others as null, so every row has the same shape. */
function dimensionColumns(groupBy: readonly Dimension[]): { select: SQL; group: SQL } {
  const dims = Object.keys(COLUMNS) as Dimension[];
  const select = sql.join(
    dims.map((d) => (groupBy.includes(d) ? sql`${COLUMNS[d].column} as ${sql.identifier(COLUMNS[d].as)}` : sql`null as ${sql.identifier(COLUMNS[d].as)}`)),
    sql`, `,
  );
  const grouped = dims.filter((d) => groupBy.includes(d));
  return { select, group: grouped.length ? sql`group by ${sql.join(grouped.map((d) => COLUMNS[d].column), sql`, `)}` : sql`` };
}

/** Organisations that existed on `asOf` and match `filter`, counted by the dimensions in `groupBy`; largest first. */
export async function countOn(db: Db, filter: OrganisationFilter, asOf: string, groupBy: readonly Dimension[], today = todayInChina()): Promise<CountRow[]> {
  const { select, group } = dimensionColumns(groupBy);
  return queryRows(
    db,
    sql`select ${select}, count(*)::int as count from (${stateOf(asOf, today)}) c where ${historicalCondition(filter)} ${group}
        order by count desc, 1, 2, 3, 4`,
  );
}

const EVENT_KINDS: Record<Change, string[]> = { FOUNDED: ['APPROVED', 'FILED'], REVOKED: ['REVOKED'], DEREGISTERED: ['DEREGISTERED'] };


export interface ChangeRow extends CountRow {
  period: string;
  change: Change;
}

/**
 * Foundings, revocations and deregistrations that took effect from `from` to `to` (both included), by period and
 * the dimensions asked for: the district and status are those of the day of the change. Oldest period first.
 */
export async function changesBetween(db: Db, from: string, to: string, period: Period, changes: readonly Change[], filter: OrganisationFilter, groupBy: readonly Dimension[]): Promise<ChangeRow[]> {
  const { select } = dimensionColumns(groupBy);
  const kinds = changes.flatMap((c) => EVENT_KINDS[c]);
  const change = sql`case when e.kind in ('APPROVED', 'FILED') then 'FOUNDED' else e.kind end`;
  return queryRows(
    db,
    sql`select ${periodOf(period, sql`e.effective_on`)} as period, ${change} as change, ${select}, count(*)::int as count
        from org.events e
        cross join lateral (${stateOn(sql`e.effective_on`, sql`c.id = e.organisation_id`)}) c
        where e.kind = any(${textArray(kinds)}) and e.effective_on between ${from}::date and ${to}::date and ${historicalCondition(filter)}
        group by 1, 2${groupBy.length ? sql`, ${sql.join(groupBy.map((d) => COLUMNS[d].column), sql`, `)}` : sql``}
        order by 1, 2, count desc`,
  );
}

export type ScienceWorkerDimension = 'DISTRICT' | 'KIND';

/** The kinds of association science and technology workers are counted for: those enterprises stand behind. */
export const SCIENCE_WORKER_KINDS = ['ENTERPRISE_ASSOCIATION', 'PARK_ASSOCIATION', 'CONSORTIUM'] as const;

export interface ScienceWorkerRow {
  /** The district association above the association on the day; null for municipal-level ones. */
  districtId: number | null;
  kind: string | null;
  workers: number;
  associations: number;
}

/**
 * R26.assembly for dashboards: the enterprise, park and consortium associations active on `asOf` and the science and
 * technology workers of their enterprises that day (as scienceWorkersOn reads them: an enterprise counts once per
 * association it stands behind), by the district association above each association that day and its kind; one
 * statement, read from the hierarchy read model. Largest first.
 */
export async function countScienceWorkers(db: Db, asOf: string, districtIds: readonly number[] | null, groupBy: readonly ScienceWorkerDimension[]): Promise<ScienceWorkerRow[]> {
  const on = sql`${asOf}::date`;
  const district = districtAssociationOn(sql`o.id`, on);
  const byDistrict = groupBy.includes('DISTRICT');
  const byKind = groupBy.includes('KIND');
  const grouped = [...(byDistrict ? [sql.raw('1')] : []), ...(byKind ? [sql.raw('2')] : [])];
  return queryRows(
    db,
    sql`select ${byDistrict ? district : sql`null::int`} as "districtId", ${byKind ? sql`o.kind::text` : sql`null::text`} as kind,
               coalesce(sum(w.count), 0)::int as workers, count(distinct o.id)::int as associations
        from hierarchy.organisations o
        left join hierarchy.organisation_enterprises oe on oe.organisation_id = o.id
        left join hierarchy.science_workers w on w.enterprise_id = oe.enterprise_id and w.valid_from <= ${on} and (w.valid_to is null or w.valid_to > ${on})
        where o.kind = any(${textArray(SCIENCE_WORKER_KINDS)}) and ${activeOn(sql`o.id`, on)}
              ${districtIds ? sql`and ${belowDistricts(sql`o.id`, on, districtIds)}` : sql``}
        ${grouped.length ? sql`group by ${sql.join(grouped, sql`, `)}` : sql``}
        order by workers desc, 1, 2`,
  );
}
