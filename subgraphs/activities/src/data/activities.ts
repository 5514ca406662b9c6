// SQL of activities and their participations.
import type { Page } from '@cq/service-kit';
import { anyOf, type Db, intArray, queryRows, schema as s, textArray } from '@cq/db';
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';

export type ActivityRow = typeof s.activityRecords.$inferSelect;
export type ActivityKind = ActivityRow['kind'];
export type ParticipationRow = typeof s.participations.$inferSelect;
/** An organisation as this subgraph knows it: by id alone (the organisations subgraph owns the rest). */
export interface OrganisationRef {
  id: string | number;
}
/** A person as this subgraph knows it: by id alone (the people subgraph owns the rest). */
export interface PersonRef {
  id: string | number;
  /** From the people subgraph (@requires): the caller is a partner society with a confirmed link to the person. */
  linkedToCallingSociety?: boolean | null;
}

export interface ActivityFilter {
  kinds?: ActivityRow['kind'][] | null;
  from?: string | null;
  to?: string | null;
}

const activityColumns = sql`
  a.id, a.kind, a.title, a.starts_on::text as "startsOn", a.ends_on::text as "endsOn", a.place, a.online,
  a.problem, a.outcome, a.created_at as "createdAt"`;

/** Newest first; the cursor is (startsOn, id). */
function pageCondition(page: Page): SQL {
  if (!page.after) return sql`true`;
  const [startsOn, id] = page.after as [string, number];
  return sql`(a.starts_on, a.id) < (${startsOn}::date, ${id})`;
}

function filterCondition(filter: ActivityFilter): SQL {
  const parts: SQL[] = [sql`true`];
  if (filter.kinds?.length) parts.push(sql`a.kind = any(${textArray(filter.kinds, 'activities.activity_kind')})`);
  if (filter.from) parts.push(sql`a.ends_on >= ${filter.from}::date`);
  if (filter.to) parts.push(sql`a.starts_on <= ${filter.to}::date`);
  return sql.join(parts, sql` and `);
}

export async function activitiesByIds(db: Db, ids: readonly number[]): Promise<ActivityRow[]> {
  return queryRows(db, sql`select ${activityColumns} from activities.activities a where a.id = any(${intArray(ids)})`);
}

export async function searchActivities(db: Db, filter: ActivityFilter, page: Page): Promise<ActivityRow[]> {
  return queryRows(
    db,
    sql`
      select ${activityColumns} from activities.activities a
      where ${filterCondition(filter)} and ${pageCondition(page)}
      order by a.starts_on desc, a.id desc
      limit ${page.first + 1}`,
  );
}

export async function countActivities(db: Db, filter: ActivityFilter): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from activities.activities a where ${filterCondition(filter)}`);
  return row?.n ?? 0;
}

/** The first page of activities of each organiser, in one statement for the whole batch. */
export async function activitiesOfOrganisers(
  db: Db,
  organisationIds: readonly number[],
  filter: ActivityFilter,
  page: Page,
): Promise<(ActivityRow & { organisationId: number })[]> {
  return queryRows(
    db,
    sql`
      select o.id as "organisationId", ${activityColumns}
      from unnest(${intArray(organisationIds)}) as o(id)
      cross join lateral (
        select a.* from activities.activity_organisers ao
        join activities.activities a on a.id = ao.activity_id
        where ao.organisation_id = o.id and ${filterCondition(filter)} and ${pageCondition(page)}
        order by a.starts_on desc, a.id desc
        limit ${page.first + 1}
      ) a
      order by o.id, a.starts_on desc, a.id desc`,
  );
}

export async function countActivitiesOfOrganisers(
  db: Db,
  organisationIds: readonly number[],
  filter: ActivityFilter,
): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    db,
    sql`
      select ao.organisation_id as "organisationId", count(*)::int as n
      from activities.activity_organisers ao join activities.activities a on a.id = ao.activity_id
      where ao.organisation_id = any(${intArray(organisationIds)}) and ${filterCondition(filter)}
      group by ao.organisation_id`,
  );
}

export async function organisersOfActivities(db: Db, activityIds: readonly number[]): Promise<{ activityId: number; organisationId: number }[]> {
  return queryRows(
    db,
    sql`
      select activity_id as "activityId", organisation_id as "organisationId" from activities.activity_organisers
      where activity_id = any(${intArray(activityIds)}) order by activity_id, organisation_id`,
  );
}

// ---- participations and writes (inside a transaction)

export async function participantsOf(db: Db, activityIds: readonly number[]): Promise<ParticipationRow[]> {
  return db.select().from(s.participations).where(anyOf(s.participations.activityId, activityIds)).orderBy(asc(s.participations.activityId), asc(s.participations.personId));
}

/** Each person's participations, newest activity first (by start date, then id). */
export async function participationsOf(db: Db, personIds: readonly number[]): Promise<ParticipationRow[]> {
  return queryRows(
    db,
    sql`select p.activity_id as "activityId", p.person_id as "personId", p.role
        from activities.participations p join activities.activities a on a.id = p.activity_id
        where p.person_id = any(${intArray(personIds)})
        order by p.person_id, a.starts_on desc, a.id desc`,
  );
}

/** Every activity and its organisers are written here, which keeps the activity roll-up in step (countActivity). */
export async function insertActivity(tx: Db, values: typeof s.activityRecords.$inferInsert, organiserIds: number[]): Promise<number> {
  const [row] = await tx.insert(s.activityRecords).values(values).returning({ id: s.activityRecords.id });
  await tx.insert(s.activityOrganisers).values(organiserIds.map((organisationId) => ({ activityId: row!.id, organisationId })));
  await countActivity(tx, row!.id, organiserIds.length);
  return row!.id;
}

/**
 * Adds an activity just written, with its organisers, to the roll-up that activityStatsOf sums (data/roll-ups.ts):
 * +1 in activity_counts for each organiser, start year and kind, by a delta so that concurrent writers add up, and,
 * when it has more than one organiser, its organisers in co_organisers. The rows are rebuildActivityCounts's of the
 * seed for this one activity. Activities are never deleted and never change date, kind or organisers; a command that
 * did would take its rows out here the same way.
 */
async function countActivity(tx: Db, activityId: number, organisers: number): Promise<void> {
  // In organisation order, so that two writers touching the same organisers lock their rows in the same order.
  await tx.execute(sql`
    insert into activities.activity_counts as c (organisation_id, year, kind, activities)
    select ao.organisation_id, extract(year from a.starts_on)::int, a.kind, count(*)::int
    from activities.activity_organisers ao join activities.activities a on a.id = ao.activity_id
    where a.id = ${activityId}
    group by 1, 2, 3 order by 1
    on conflict (organisation_id, year, kind) do update set activities = c.activities + excluded.activities`);
  if (organisers < 2) return;
  await tx.execute(sql`
    insert into activities.co_organisers (activity_id, organisation_id, year, kind)
    select ao.activity_id, ao.organisation_id, extract(year from a.starts_on)::int, a.kind
    from activities.activity_organisers ao join activities.activities a on a.id = ao.activity_id
    where a.id = ${activityId}`);
}

export async function lockActivity(tx: Db, id: number) {
  const [row] = await tx.select().from(s.activityRecords).where(eq(s.activityRecords.id, id)).for('update');
  return row ?? null;
}

export async function organiserIdsOf(tx: Db, activityId: number): Promise<number[]> {
  const rows = await tx
    .select({ id: s.activityOrganisers.organisationId })
    .from(s.activityOrganisers)
    .where(eq(s.activityOrganisers.activityId, activityId))
    .orderBy(asc(s.activityOrganisers.organisationId));
  return rows.map((r) => r.id);
}

export async function setActivityOutcome(tx: Db, id: number, outcome: string): Promise<void> {
  await tx.update(s.activityRecords).set({ outcome }).where(eq(s.activityRecords.id, id));
}

export async function findParticipation(tx: Db, activityId: number, personId: number) {
  const [row] = await tx.select().from(s.participations).where(and(eq(s.participations.activityId, activityId), eq(s.participations.personId, personId)));
  return row ?? null;
}

export async function insertParticipation(tx: Db, values: typeof s.participations.$inferInsert): Promise<ParticipationRow> {
  const [row] = await tx.insert(s.participations).values(values).returning();
  return row!;
}
