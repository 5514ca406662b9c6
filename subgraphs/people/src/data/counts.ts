// Counts of members for dashboards: by district and person category in one statement, from the same memberships
// `Organisation.memberCount` counts (in force on a day: valid_from <= day < valid_to).
import { intArray, periodOf, queryRows, type Db, type Period } from '@cq/db';
import { todayInChina } from '@cq/domain';
import { districtAssociationOn } from '@cq/db/hierarchy';
import { sql, type SQL } from 'drizzle-orm';
import { fromMemberRollUp } from './people.ts';

export type Dimension = 'DISTRICT' | 'CATEGORY';
export type Change = 'JOINED' | 'LEFT';

export interface MemberCountRow {
  districtId: number | null;
  category: string | null;
  count: number;
}

export interface MembershipChangeRow extends MemberCountRow {
  period: string;
  change: Change;
}

/** The district and category columns of the memberships `m` (persons `p`) as of the SQL day `on`, or nulls. */
function dimensions(groupBy: readonly Dimension[], on: SQL): { district: SQL; category: SQL } {
  return {
    district: groupBy.includes('DISTRICT') ? districtAssociationOn(sql`m.organisation_id`, on) : sql`null::int`,
    category: groupBy.includes('CATEGORY') ? sql`p.category::text` : sql`null::text`,
  };
}

const inDistricts = (districtIds: readonly number[] | null, on: SQL) =>
  districtIds ? sql`and ${districtAssociationOn(sql`m.organisation_id`, on)} = any(${intArray(districtIds)})` : sql``;

/**
 * Memberships in force on `asOf`, counted by the dimensions in `groupBy`; `districtIds` keeps those below them. For
 * today without CATEGORY, the per-organisation roll-up (people.member_counts_today) is summed by district instead of
 * counting every membership: ~21,000 rows instead of ~900,000 at the `large` scale.
 */
export async function countMembers(db: Db, asOf: string, districtIds: readonly number[] | null, groupBy: readonly Dimension[], today = todayInChina()): Promise<MemberCountRow[]> {
  if (asOf === today && !groupBy.includes('CATEGORY')) {
    const rolledUp = await fromMemberRollUp(db, asOf, () => rolledUpByDistrict(db, asOf, districtIds, groupBy));
    if (rolledUp) return rolledUp;
  }
  const on = sql`${asOf}::date`;
  const { district, category } = dimensions(groupBy, on);
  return queryRows(
    db,
    sql`select ${district} as "districtId", ${category} as category, count(*)::int as count
        from people.memberships m join people.persons p on p.id = m.person_id
        where m.valid_from <= ${on} and (m.valid_to is null or m.valid_to > ${on}) ${inDistricts(districtIds, on)}
        group by 1, 2 order by count desc, 1, 2`,
  );
}

/** countMembers from the roll-up, in one statement that also checks it counts `asOf`; null when it counts another day. */
async function rolledUpByDistrict(db: Db, asOf: string, districtIds: readonly number[] | null, groupBy: readonly Dimension[]): Promise<MemberCountRow[] | null> {
  const on = sql`${asOf}::date`;
  const { district } = dimensions(groupBy, on);
  const rows = await queryRows<{ current: boolean } & { [K in keyof MemberCountRow]: MemberCountRow[K] | null }>(
    db,
    sql`select s.current, t."districtId", t.category, t.count
        from (select exists (select 1 from people.member_counts_state where day = ${on}) as current) s
        left join lateral (
          select ${district} as "districtId", null::text as category, sum(m.members)::int as count
          from people.member_counts_today m
          where s.current and m.members <> 0 ${inDistricts(districtIds, on)}
          group by 1 order by count desc, 1
        ) t on true`,
  );
  if (!rows[0]?.current) return null;
  return rows.flatMap((r) => (r.count === null ? [] : [{ districtId: r.districtId, category: null, count: r.count }]));
}

/**
 * Memberships that started (JOINED) or ended (LEFT: withdrawn or revoked) from `from` to `to` (both included), by
 * period and the dimensions asked for; the district is the one of the day of the change. Oldest period first.
 */
export async function countMembershipChanges(db: Db, from: string, to: string, period: Period, districtIds: readonly number[] | null, groupBy: readonly Dimension[]): Promise<MembershipChangeRow[]> {
  const select = (change: Change, day: SQL) => {
    const { district, category } = dimensions(groupBy, day);
    return sql`select ${periodOf(period, day)} as period, ${change}::text as change, ${district} as "districtId", ${category} as category
               from people.memberships m join people.persons p on p.id = m.person_id
               where ${day} between ${from}::date and ${to}::date ${inDistricts(districtIds, day)}`;
  };
  return queryRows(
    db,
    sql`select period, change, "districtId", category, count(*)::int as count
        from (${select('JOINED', sql`m.valid_from`)} union all ${select('LEFT', sql`m.valid_to`)}) c
        group by 1, 2, 3, 4 order by 1, 2, count desc`,
  );
}
