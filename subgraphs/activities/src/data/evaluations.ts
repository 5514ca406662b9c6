// SQL of the annual work evaluation (Art. 40).
import { anyOf, type Db, queryRows, schema as s } from '@cq/db';
import { activeOn, listCounts, ofKinds, subtreeOn, type ListCountRow, type ListDimension } from '@cq/db/hierarchy';
import { and, desc, eq, sql } from 'drizzle-orm';

export type EvaluationRow = typeof s.evaluations.$inferSelect;

export async function evaluationsOf(db: Db, ids: readonly number[]): Promise<EvaluationRow[]> {
  return db.select().from(s.evaluations).where(anyOf(s.evaluations.organisationId, ids)).orderBy(desc(s.evaluations.year));
}

export async function evaluationFor(tx: Db, organisationId: number, year: number): Promise<EvaluationRow | null> {
  const [row] = await tx.select().from(s.evaluations).where(and(eq(s.evaluations.organisationId, organisationId), eq(s.evaluations.year, year)));
  return row ?? null;
}

export async function insertEvaluation(tx: Db, values: typeof s.evaluations.$inferInsert): Promise<EvaluationRow> {
  const [row] = await tx.insert(s.evaluations).values(values).returning();
  return row!;
}

/** Whether the organisation was ACTIVE on at least one day from `from` to `to` (the hierarchy read model's statuses). */
export async function activeDuring(db: Db, organisationId: number, from: string, to: string): Promise<boolean> {
  const [row] = await queryRows<{ active: boolean }>(
    db,
    sql`select exists (
          select 1 from generate_series(${from}::date, ${to}::date, interval '1 day') as d(day)
          where ${activeOn(sql`${organisationId}::int`, sql`d.day::date`)}
        ) as active`,
  );
  return row?.active ?? false;
}

/** R40.coverage: the day a year's coverage is read on: its last day, or today while the year is not over. */
export const coverageDay = (year: number, today: string): string => (`${year}-12-31` < today ? `${year}-12-31` : today);

/**
 * R40.coverage: the associations (alias t) below `root` in the guidance chain on `day` (itself left out), active on
 * `day`, of one of `kinds`, with no evaluation of `year`: the list's rows, for its page and its counts alike.
 */
const unevaluatedFrom = (root: number, year: number, day: string, kinds: readonly string[]) => sql`
  from (${subtreeOn([root], day)}) t
  where t.organisation_id <> ${root}
    and ${ofKinds(sql`t.organisation_id`, kinds)}
    and ${activeOn(sql`t.organisation_id`, sql`${day}::date`)}
    and not exists (select 1 from activities.evaluations e where e.organisation_id = t.organisation_id and e.year = ${year})`;

/**
 * R40.coverage: the associations of unevaluatedFrom in ascending id order. One statement through the hierarchy read
 * model, whatever the page asked for.
 */
export async function unevaluatedBelow(db: Db, root: number, year: number, day: string, kinds: readonly string[]): Promise<number[]> {
  if (!kinds.length) return [];
  const rows = await queryRows<{ id: number }>(db, sql`select t.organisation_id as id ${unevaluatedFrom(root, year, day, kinds)} order by t.organisation_id`);
  return rows.map((r) => r.id);
}

/** unevaluatedBelow counted by district and kind on `day` (listCounts), in one statement. */
export async function countUnevaluatedBelowBy(db: Db, root: number, year: number, day: string, kinds: readonly string[], groupBy: readonly ListDimension[]): Promise<ListCountRow[]> {
  // No kind left, no rows: one total of 0 without a dimension, as listCounts gives for an empty list.
  if (!kinds.length) return groupBy.length ? [] : [{ districtId: null, kind: null, count: 0 }];
  return queryRows(db, listCounts(unevaluatedFrom(root, year, day, kinds), sql`t.organisation_id`, sql`${day}::date`, groupBy));
}
