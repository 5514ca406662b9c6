// SQL of congresses, committees, posts, meetings and resolutions (Art. 25-39).
import type { Page } from '@cq/service-kit';
import { type Db, intArray, queryRows, schema as s, textArray } from '@cq/db';
import { asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';

/** A congress with its two deadlines, computed by the database (see reportDue and nextDue). */
export type CongressRow = typeof s.congresses.$inferSelect & { reportDueOn: string; nextDueOn: string };
export type CommitteeRow = typeof s.committees.$inferSelect;
export type PostRow = typeof s.posts.$inferSelect;
export type MeetingRow = typeof s.meetings.$inferSelect & { attendeeCount: number };
export type ResolutionRow = typeof s.resolutions.$inferSelect;
export type PostRole = (typeof s.postRole.enumValues)[number];

// Deadlines in Chinese law (Civil Code Art. 200-203): a period of months or years ends on the corresponding day, or
// on the month's last day where there is none; PostgreSQL's date + interval does exactly that.
/** R26.report: the last day to report, one month after the congress. */
export const reportDue = (heldOn: SQL) => sql`(${heldOn} + interval '1 month')::date`;
/** R26.cadence: the last day for the next congress, five years after this one. */
export const nextDue = (heldOn: SQL) => sql`(${heldOn} + interval '5 years')::date`;

const congressColumns = sql`
  c.id, c.organisation_id as "organisationId", c.kind, c.held_on::text as "heldOn", c.term_years as "termYears",
  c.science_worker_count as "scienceWorkerCount", c.reported_on::text as "reportedOn", c.charter_amended as "charterAmended",
  c.created_at as "createdAt", ${reportDue(sql`c.held_on`)}::text as "reportDueOn", ${nextDue(sql`c.held_on`)}::text as "nextDueOn"`;

const late = (asOf: string) => sql`(c.reported_on > ${reportDue(sql`c.held_on`)} or (c.reported_on is null and ${asOf}::date > ${reportDue(sql`c.held_on`)}))`;

export async function congressesOf(db: Db, organisationIds: readonly number[]): Promise<CongressRow[]> {
  return queryRows(db, sql`select ${congressColumns} from people.congresses c where c.organisation_id = any(${intArray(organisationIds)}) order by c.organisation_id, c.held_on desc, c.id desc`);
}

export async function congressesByIds(db: Db, ids: readonly number[]): Promise<CongressRow[]> {
  return queryRows(db, sql`select ${congressColumns} from people.congresses c where c.id = any(${intArray(ids)})`);
}

/** Each organisation's latest congress, if its next one is overdue on `asOf`. */
export async function overdueOf(db: Db, organisationIds: readonly number[], asOf: string): Promise<{ organisationId: number }[]> {
  return queryRows(
    db,
    sql`select l."organisationId" from (
          select distinct on (c.organisation_id) c.organisation_id as "organisationId", c.held_on from people.congresses c
          where c.organisation_id = any(${intArray(organisationIds)}) and c.held_on <= ${asOf}::date
          order by c.organisation_id, c.held_on desc) l
        where ${asOf}::date > ${nextDue(sql`l.held_on`)}`,
  );
}

export async function lateReportsOf(db: Db, organisationIds: readonly number[], asOf: string): Promise<{ organisationId: number }[]> {
  return queryRows(
    db,
    sql`select distinct c.organisation_id as "organisationId" from people.congresses c
        where c.organisation_id = any(${intArray(organisationIds)}) and c.held_on <= ${asOf}::date and ${late(asOf)}`,
  );
}

/** Latest congress per organisation whose successor is overdue, longest overdue first; cursor (heldOn, id). */
const overdueFrom = (asOf: string) => sql`
  from (select distinct on (c.organisation_id) ${congressColumns} from people.congresses c
        where c.held_on <= ${asOf}::date order by c.organisation_id, c.held_on desc, c.id desc) l
  where ${asOf}::date > ${nextDue(sql`l."heldOn"::date`)}`;

export async function overdueCongresses(db: Db, asOf: string, page: Page): Promise<CongressRow[]> {
  const after = page.after ? sql`and (l."heldOn"::date, l.id) > (${page.after[0]}::date, ${page.after[1]})` : sql``;
  return queryRows(db, sql`select l.* ${overdueFrom(asOf)} ${after} order by l."heldOn", l.id limit ${page.first + 1}`);
}

export async function countOverdueCongresses(db: Db, asOf: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${overdueFrom(asOf)}`);
  return row?.n ?? 0;
}

export async function lateCongressReports(db: Db, asOf: string, page: Page): Promise<CongressRow[]> {
  const after = page.after ? sql`and (c.held_on, c.id) > (${page.after[0]}::date, ${page.after[1]})` : sql``;
  return queryRows(
    db,
    sql`select ${congressColumns} from people.congresses c where c.held_on <= ${asOf}::date and ${late(asOf)} ${after}
        order by c.held_on, c.id limit ${page.first + 1}`,
  );
}

export async function countLateCongressReports(db: Db, asOf: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from people.congresses c where c.held_on <= ${asOf}::date and ${late(asOf)}`);
  return row?.n ?? 0;
}

export async function committeesOf(db: Db, organisationIds: readonly number[]): Promise<CommitteeRow[]> {
  return db.select().from(s.committees).where(inArray(s.committees.organisationId, [...organisationIds])).orderBy(desc(s.committees.termStart), desc(s.committees.id));
}

export async function committeesByIds(db: Db, ids: readonly number[]): Promise<CommitteeRow[]> {
  return db.select().from(s.committees).where(inArray(s.committees.id, [...ids]));
}

/** The COMMITTEE whose term includes the day, per organisation (the newest if terms overlap). */
export async function currentCommittees(db: Db, organisationIds: readonly number[], asOf: string): Promise<CommitteeRow[]> {
  return queryRows(
    db,
    sql`select distinct on (c.organisation_id) c.id, c.organisation_id as "organisationId", c.congress_id as "congressId", c.kind, c.name,
               c.term_start::text as "termStart", c.term_end::text as "termEnd", c.created_at as "createdAt"
        from people.committees c
        where c.organisation_id = any(${intArray(organisationIds)}) and c.kind = 'COMMITTEE'
          and c.term_start <= ${asOf}::date and (c.term_end is null or c.term_end >= ${asOf}::date)
        order by c.organisation_id, c.term_start desc, c.id desc`,
  );
}

const postColumns = sql`
  p.id, p.organisation_id as "organisationId", p.committee_id as "committeeId", p.person_id as "personId", p.role,
  p.valid_from::text as "validFrom", p.valid_to::text as "validTo", p.nominated_by as "nominatedBy", p.created_at as "createdAt"`;

const postInForce = (asOf: string) => sql`p.valid_from <= ${asOf}::date and (p.valid_to is null or p.valid_to > ${asOf}::date)`;

export interface PostArgs {
  /** null: every post ever held */
  asOf: string | null;
  roles: PostRole[] | null;
}

function postFilter(args: PostArgs): SQL {
  return sql`${args.asOf ? sql`and ${postInForce(args.asOf)}` : sql``}
             ${args.roles?.length ? sql`and p.role = any(${textArray(args.roles, 'people.post_role')})` : sql``}`;
}

export async function postsByIds(db: Db, ids: readonly number[]): Promise<PostRow[]> {
  return queryRows(db, sql`select ${postColumns} from people.posts p where p.id = any(${intArray(ids)})`);
}

export async function postsOfOrganisations(db: Db, ids: readonly number[], args: PostArgs): Promise<PostRow[]> {
  return queryRows(
    db,
    sql`select ${postColumns} from people.posts p where p.organisation_id = any(${intArray(ids)}) ${postFilter(args)}
        order by p.organisation_id, array_position(enum_range(null::people.post_role), p.role), p.valid_from, p.id`,
  );
}

export async function postsOfPersons(db: Db, ids: readonly number[], args: PostArgs): Promise<PostRow[]> {
  return queryRows(db, sql`select ${postColumns} from people.posts p where p.person_id = any(${intArray(ids)}) ${postFilter(args)} order by p.person_id, p.valid_from, p.id`);
}

export async function postsOfCommittees(db: Db, ids: readonly number[], asOf: string): Promise<PostRow[]> {
  return queryRows(
    db,
    sql`select ${postColumns} from people.posts p where p.committee_id = any(${intArray(ids)}) and ${postInForce(asOf)}
        order by p.committee_id, array_position(enum_range(null::people.post_role), p.role), p.id`,
  );
}

const meetingColumns = sql`
  mt.id, mt.committee_id as "committeeId", mt.held_on::text as "heldOn", mt.member_count as "memberCount",
  mt.convened_by_person_id as "convenedByPersonId", mt.created_at as "createdAt",
  (select count(*)::int from people.meeting_attendance a where a.meeting_id = mt.id) as "attendeeCount"`;

export async function meetingsByIds(db: Db, ids: readonly number[]): Promise<MeetingRow[]> {
  return queryRows(db, sql`select ${meetingColumns} from people.meetings mt where mt.id = any(${intArray(ids)})`);
}

export async function meetingsOfCommittees(db: Db, ids: readonly number[]): Promise<MeetingRow[]> {
  return queryRows(db, sql`select ${meetingColumns} from people.meetings mt where mt.committee_id = any(${intArray(ids)}) order by mt.committee_id, mt.held_on desc, mt.id desc`);
}

export async function attendeesOfMeetings(db: Db, ids: readonly number[]): Promise<{ meetingId: number; personId: number }[]> {
  return db
    .select({ meetingId: s.meetingAttendance.meetingId, personId: s.meetingAttendance.personId })
    .from(s.meetingAttendance)
    .where(inArray(s.meetingAttendance.meetingId, [...ids]))
    .orderBy(asc(s.meetingAttendance.meetingId), asc(s.meetingAttendance.personId));
}

export async function resolutionsOfMeetings(db: Db, ids: readonly number[]): Promise<ResolutionRow[]> {
  return db.select().from(s.resolutions).where(inArray(s.resolutions.meetingId, [...ids])).orderBy(asc(s.resolutions.id));
}

export async function resolutionsByIds(db: Db, ids: readonly number[]): Promise<ResolutionRow[]> {
  return db.select().from(s.resolutions).where(inArray(s.resolutions.id, [...ids]));
}

// ---- writes (inside a transaction)

export async function insertCongress(tx: Db, values: typeof s.congresses.$inferInsert): Promise<CongressRow> {
  const [row] = await tx.insert(s.congresses).values(values).returning({ id: s.congresses.id });
  return (await congressesByIds(tx, [row!.id]))[0]!;
}

export async function lockCongress(tx: Db, id: number): Promise<CongressRow | null> {
  const [row] = await queryRows<CongressRow>(tx, sql`select ${congressColumns} from people.congresses c where c.id = ${id} for update`);
  return row ?? null;
}

export async function setCongressReported(tx: Db, id: number, reportedOn: string): Promise<CongressRow> {
  await tx.update(s.congresses).set({ reportedOn }).where(eq(s.congresses.id, id));
  return (await congressesByIds(tx, [id]))[0]!;
}

export async function insertCommittee(tx: Db, values: typeof s.committees.$inferInsert): Promise<CommitteeRow> {
  const [row] = await tx.insert(s.committees).values(values).returning();
  return row!;
}

export async function findCommittee(tx: Db, id: number): Promise<CommitteeRow | null> {
  const [row] = await tx.select().from(s.committees).where(eq(s.committees.id, id));
  return row ?? null;
}

/** Chairs of an organisation holding on or after a day: R32.chair allows one at a time. */
export async function chairsFrom(tx: Db, organisationId: number, from: string, to: string | null): Promise<PostRow[]> {
  return queryRows(
    tx,
    sql`select ${postColumns} from people.posts p where p.organisation_id = ${organisationId} and p.role = 'CHAIR'
        and daterange(p.valid_from, p.valid_to) && daterange(${from}::date, ${to}::date) order by p.valid_from`,
  );
}

export async function insertPost(tx: Db, values: typeof s.posts.$inferInsert): Promise<PostRow> {
  const [row] = await tx.insert(s.posts).values(values).returning();
  return row!;
}

export async function lockPost(tx: Db, id: number): Promise<PostRow | null> {
  const [row] = await tx.select().from(s.posts).where(eq(s.posts.id, id)).for('update');
  return row ?? null;
}

export async function endPost(tx: Db, id: number, on: string): Promise<PostRow> {
  const [row] = await tx.update(s.posts).set({ validTo: on }).where(eq(s.posts.id, id)).returning();
  return row!;
}

/** The distinct persons holding a post in the committee on a day: its members for quorum (Art. 31). */
export async function committeeMemberIds(tx: Db, committeeId: number, on: string): Promise<number[]> {
  const rows = await queryRows<{ personId: number }>(
    tx,
    sql`select distinct p.person_id as "personId" from people.posts p where p.committee_id = ${committeeId} and ${postInForce(on)}`,
  );
  return rows.map((r) => r.personId);
}

export async function insertMeeting(tx: Db, values: typeof s.meetings.$inferInsert, attendeeIds: number[]) {
  const [row] = await tx.insert(s.meetings).values(values).returning();
  if (attendeeIds.length) await tx.insert(s.meetingAttendance).values(attendeeIds.map((personId) => ({ meetingId: row!.id, personId })));
  return { ...row!, attendeeCount: attendeeIds.length };
}

export async function findMeeting(tx: Db, id: number): Promise<MeetingRow | null> {
  const [row] = await meetingsByIds(tx, [id]);
  return row ?? null;
}

export async function insertResolution(tx: Db, values: typeof s.resolutions.$inferInsert): Promise<ResolutionRow> {
  const [row] = await tx.insert(s.resolutions).values(values).returning();
  return row!;
}

export async function findResolution(tx: Db, id: number): Promise<ResolutionRow | null> {
  const [row] = await tx.select().from(s.resolutions).where(eq(s.resolutions.id, id));
  return row ?? null;
}

