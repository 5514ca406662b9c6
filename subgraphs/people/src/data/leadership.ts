// SQL of congresses, committees, posts, meetings and resolutions (Art. 25-39).
import type { Page } from '@cq/service-kit';
import { anyOf, type Db, intArray, queryRows, schema as s, textArray } from '@cq/db';
import { activeOn, belowDistricts, foundedOrganisations, listCounts, passesListFilter, type ListCountRow, type ListDimension, type ListFilter } from '@cq/db/hierarchy';
import { MEMBER_KINDS } from '@cq/domain';
import { and, asc, desc, eq, sql, type SQL } from 'drizzle-orm';

/**
 * A congress with its two deadlines, computed by the database (see reportDue and nextDue), and the day of the
 * congress before it, if any (R26.cadence: held early when less than three years after it).
 */
export type CongressRow = typeof s.congresses.$inferSelect & { reportDueOn: string; nextDueOn: string; termEndsOn: string; previousHeldOn: string | null; heldEarly: boolean };
export type CommitteeRow = typeof s.committees.$inferSelect;
export type PostRow = typeof s.posts.$inferSelect;
export type MeetingRow = typeof s.meetings.$inferSelect & { attendeeCount: number };
export type ResolutionRow = typeof s.resolutions.$inferSelect;
export type PostRole = (typeof s.postRole.enumValues)[number];
export type WorkPlanReviewRow = typeof s.workPlanReviews.$inferSelect;
export type WorkPlanKind = (typeof s.workPlanKind.enumValues)[number];

// Deadlines in Chinese law (Civil Code Art. 200-203): a period of months or years ends on the corresponding day, or
// on the month's last day where there is none; PostgreSQL's date + interval does exactly that.
/** R26.report: the last day to report, one month after the congress. */
export const reportDue = (heldOn: SQL) => sql`(${heldOn} + interval '1 month')::date`;
/** R26.cadence: the last day for the next congress, five years after this one. */
export const nextDue = (heldOn: SQL) => sql`(${heldOn} + interval '5 years')::date`;
/** R26.cadence: the first day the next congress may be held, three years after this one. */
export const earliestNext = (heldOn: SQL) => sql`(${heldOn} + interval '3 years')::date`;

/**
 * R28.reports: the last day of the term of the committee a congress elects, `termYears` years after the congress
 * (the corresponding day, or the month's last day where there is none); committees' term ends are inclusive.
 */
export const termEnd = (heldOn: SQL, termYears: SQL) => sql`(${heldOn} + make_interval(years => ${termYears}::int))::date`;

/** R31.quorum: the posts that make a person a member (委员) of a committee; not staff, liaison or secretaries-general. */
export const MEMBER_ROLES = ['CHAIR', 'VICE_CHAIR', 'COMMITTEE_MEMBER'] as const satisfies readonly PostRole[];

const congressColumns = sql`
  c.id, c.organisation_id as "organisationId", c.kind, c.held_on::text as "heldOn", c.term_years as "termYears",
  c.science_worker_count as "scienceWorkerCount", c.reported_on::text as "reportedOn",
  c.receipt_confirmed_on::text as "receiptConfirmedOn", c.receipt_confirmed_by_id as "receiptConfirmedById", c.charter_amended as "charterAmended",
  c.work_report_approved as "workReportApproved", c.financial_report_approved as "financialReportApproved",
  c.reporting_committee_id as "reportingCommitteeId", ${termEnd(sql`c.held_on`, sql`c.term_years`)}::text as "termEndsOn",
  c.created_at as "createdAt", ${reportDue(sql`c.held_on`)}::text as "reportDueOn", ${nextDue(sql`c.held_on`)}::text as "nextDueOn",
  prev.held_on::text as "previousHeldOn", coalesce(c.held_on < ${earliestNext(sql`prev.held_on`)}, false) as "heldEarly"`;

/** The congress before each one (alias c), for congressColumns: join it as `prev`. */
const previous = sql`left join lateral (select p.held_on from people.congresses p where p.organisation_id = c.organisation_id
  and (p.held_on, p.id) < (c.held_on, c.id) order by p.held_on desc, p.id desc limit 1) prev on true`;

/** R26.report: late when receipt was confirmed after the due day, or is unconfirmed once it has passed. */
const late = (asOf: string) =>
  sql`(c.receipt_confirmed_on > ${reportDue(sql`c.held_on`)} or (c.receipt_confirmed_on is null and ${asOf}::date > ${reportDue(sql`c.held_on`)}))`;

export async function congressesOf(db: Db, organisationIds: readonly number[]): Promise<CongressRow[]> {
  return queryRows(db, sql`select ${congressColumns} from people.congresses c ${previous} where c.organisation_id = any(${intArray(organisationIds)}) order by c.organisation_id, c.held_on desc, c.id desc`);
}

export async function congressesByIds(db: Db, ids: readonly number[]): Promise<CongressRow[]> {
  return queryRows(db, sql`select ${congressColumns} from people.congresses c ${previous} where c.id = any(${intArray(ids)})`);
}

export interface CongressDueRow {
  organisationId: number;
  /** The latest congress held on or before the day, if any. */
  lastCongressId: number | null;
  /** The day the association was founded (approved or filed), from the hierarchy read model. */
  establishedOn: string;
  /** The last day for its next congress: five years after the last one, or after its founding if it held none. */
  dueOn: string;
}

/** The member kinds a list's kind filter leaves (all of them without one); congresses are of these kinds only. */
const memberKinds = (filter: ListFilter | null): readonly string[] => (filter?.kinds ? MEMBER_KINDS.filter((k) => filter.kinds!.includes(k)) : MEMBER_KINDS);

/**
 * R26.cadence: every association of a member kind active on `asOf` (restricted to `ids` if given, and to those that
 * pass `filter` that day: below its district associations, of its kinds), with the day its next congress is due.
 */
function dueOn(asOf: string, ids: readonly number[] | null, filter: ListFilter | null = null): SQL {
  return sql`
    select o.id as "organisationId", l.id as "lastCongressId", o.established_on::text as "establishedOn",
           coalesce(${nextDue(sql`l.held_on`)}, ${nextDue(sql`o.established_on`)})::text as "dueOn"
    from (${foundedOrganisations(memberKinds(filter))}) o
    left join lateral (select c.id, c.held_on from people.congresses c where c.organisation_id = o.id and c.held_on <= ${asOf}::date
                       order by c.held_on desc, c.id desc limit 1) l on true
    where ${activeOn(sql`o.id`, sql`${asOf}::date`)} ${ids ? sql`and o.id = any(${intArray(ids)})` : sql``}
      ${filter?.districtIds ? sql`and ${belowDistricts(sql`o.id`, sql`${asOf}::date`, filter.districtIds)}` : sql``}`;
}

const overdue = (asOf: string, ids: readonly number[] | null, filter: ListFilter | null = null) =>
  sql`(${dueOn(asOf, ids, filter)}) d where ${asOf}::date > d."dueOn"::date`;

/** Which of `organisationIds` are active and overdue for a congress on `asOf` (R26.cadence). */
export async function overdueOf(db: Db, organisationIds: readonly number[], asOf: string): Promise<{ organisationId: number }[]> {
  return queryRows(db, sql`select d."organisationId" from ${overdue(asOf, organisationIds)}`);
}

export async function lateReportsOf(db: Db, organisationIds: readonly number[], asOf: string): Promise<{ organisationId: number }[]> {
  return queryRows(
    db,
    sql`select distinct c.organisation_id as "organisationId" from people.congresses c
        where c.organisation_id = any(${intArray(organisationIds)}) and c.held_on <= ${asOf}::date and ${late(asOf)}`,
  );
}

/**
 * R26.cadence: active associations overdue for a congress on `asOf`, longest overdue first; cursor (dueOn,
 * organisationId). `filter`: below its district associations on `asOf`, of its kinds.
 */
export async function overdueAssociations(db: Db, asOf: string, filter: ListFilter | null, page: Page): Promise<CongressDueRow[]> {
  const after = page.after ? sql`and (d."dueOn"::date, d."organisationId") > (${page.after[0]}::date, ${page.after[1]})` : sql``;
  return queryRows(db, sql`select d.* from ${overdue(asOf, null, filter)} ${after} order by d."dueOn"::date, d."organisationId" limit ${page.first + 1}`);
}

export async function countOverdueAssociations(db: Db, asOf: string, filter: ListFilter | null): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from ${overdue(asOf, null, filter)}`);
  return row?.n ?? 0;
}

/** overdueAssociations counted by district and kind on `asOf` (listCounts): the rows countOverdueAssociations counts. */
export async function countOverdueAssociationsBy(db: Db, asOf: string, filter: ListFilter | null, groupBy: readonly ListDimension[]): Promise<ListCountRow[]> {
  return queryRows(db, listCounts(sql`from ${overdue(asOf, null, filter)}`, sql`d."organisationId"`, sql`${asOf}::date`, groupBy));
}

/** The latest congress of each active association whose successor is overdue, longest overdue first; cursor (heldOn, id). */
const overdueFrom = (asOf: string, filter: ListFilter | null) => sql`
  from people.congresses c ${previous} join (select * from ${overdue(asOf, null, filter)}) d on d."lastCongressId" = c.id`;

/** R26.cadence: see overdueFrom; `filter` as for overdueAssociations. */
export async function overdueCongresses(db: Db, asOf: string, page: Page, filter: ListFilter | null = null): Promise<CongressRow[]> {
  const after = page.after ? sql`and (c.held_on, c.id) > (${page.after[0]}::date, ${page.after[1]})` : sql``;
  return queryRows(db, sql`select ${congressColumns} ${overdueFrom(asOf, filter)} where true ${after} order by c.held_on, c.id limit ${page.first + 1}`);
}

export async function countOverdueCongresses(db: Db, asOf: string, filter: ListFilter | null = null): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${overdueFrom(asOf, filter)}`);
  return row?.n ?? 0;
}

/** overdueCongresses counted by their associations' district and kind on `asOf` (listCounts). */
export async function countOverdueCongressesBy(db: Db, asOf: string, filter: ListFilter | null, groupBy: readonly ListDimension[]): Promise<ListCountRow[]> {
  return queryRows(db, listCounts(overdueFrom(asOf, filter), sql`c.organisation_id`, sql`${asOf}::date`, groupBy));
}

/** R26.report: a congress (alias c) held on or before `asOf` whose report was late, of an association that passes `filter` on `asOf`. */
const lateOn = (asOf: string, filter: ListFilter | null) =>
  sql`c.held_on <= ${asOf}::date and ${late(asOf)} and ${passesListFilter(sql`c.organisation_id`, sql`${asOf}::date`, filter)}`;

/** R26.report: oldest congress first; cursor (heldOn, id). */
export async function lateCongressReports(db: Db, asOf: string, page: Page, filter: ListFilter | null = null): Promise<CongressRow[]> {
  const after = page.after ? sql`and (c.held_on, c.id) > (${page.after[0]}::date, ${page.after[1]})` : sql``;
  return queryRows(db, sql`select ${congressColumns} from people.congresses c ${previous} where ${lateOn(asOf, filter)} ${after} order by c.held_on, c.id limit ${page.first + 1}`);
}

export async function countLateCongressReports(db: Db, asOf: string, filter: ListFilter | null = null): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n from people.congresses c where ${lateOn(asOf, filter)}`);
  return row?.n ?? 0;
}

/** lateCongressReports counted by their associations' district and kind on `asOf` (listCounts). */
export async function countLateCongressReportsBy(db: Db, asOf: string, filter: ListFilter | null, groupBy: readonly ListDimension[]): Promise<ListCountRow[]> {
  return queryRows(db, listCounts(sql`from people.congresses c where ${lateOn(asOf, filter)}`, sql`c.organisation_id`, sql`${asOf}::date`, groupBy));
}

export async function committeesOf(db: Db, organisationIds: readonly number[]): Promise<CommitteeRow[]> {
  return db.select().from(s.committees).where(anyOf(s.committees.organisationId, organisationIds)).orderBy(desc(s.committees.termStart), desc(s.committees.id));
}

export async function committeesByIds(db: Db, ids: readonly number[]): Promise<CommitteeRow[]> {
  return db.select().from(s.committees).where(anyOf(s.committees.id, ids));
}

const committeeColumns = sql`k.id, k.organisation_id as "organisationId", k.congress_id as "congressId", k.kind, k.name,
  k.term_start::text as "termStart", k.term_end::text as "termEnd", k.created_at as "createdAt"`;

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
  p.valid_from::text as "validFrom", p.valid_to::text as "validTo", p.nominated_by as "nominatedBy",
  p.elected_by_resolution_id as "electedByResolutionId", p.created_at as "createdAt"`;

const postInForce = (asOf: string | SQL) => sql`p.valid_from <= ${asOf}::date and (p.valid_to is null or p.valid_to > ${asOf}::date)`;
/** A post (alias p) that makes its holder a member of the committee (R31.quorum). */
const memberPost = sql`p.role = any(${textArray(MEMBER_ROLES, 'people.post_role')})`;

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
  (select count(*)::int from people.meeting_attendance a where a.meeting_id = mt.id
     and exists (select 1 from people.posts p where p.committee_id = mt.committee_id and p.person_id = a.person_id
                 and ${memberPost} and ${postInForce(sql`mt.held_on`)})) as "attendeeCount"`;

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
    .where(anyOf(s.meetingAttendance.meetingId, ids))
    .orderBy(asc(s.meetingAttendance.meetingId), asc(s.meetingAttendance.personId));
}

export async function resolutionsOfMeetings(db: Db, ids: readonly number[]): Promise<ResolutionRow[]> {
  return db.select().from(s.resolutions).where(anyOf(s.resolutions.meetingId, ids)).orderBy(asc(s.resolutions.id));
}

export async function resolutionsByIds(db: Db, ids: readonly number[]): Promise<ResolutionRow[]> {
  return db.select().from(s.resolutions).where(anyOf(s.resolutions.id, ids));
}

// ---- writes (inside a transaction)

export async function insertCongress(tx: Db, values: typeof s.congresses.$inferInsert): Promise<CongressRow> {
  const [row] = await tx.insert(s.congresses).values(values).returning({ id: s.congresses.id });
  return (await congressesByIds(tx, [row!.id]))[0]!;
}

export async function lockCongress(tx: Db, id: number): Promise<CongressRow | null> {
  const [row] = await queryRows<CongressRow>(tx, sql`select ${congressColumns} from people.congresses c ${previous} where c.id = ${id} for update of c`);
  return row ?? null;
}

export async function setCongressReported(tx: Db, id: number, reportedOn: string): Promise<CongressRow> {
  await tx.update(s.congresses).set({ reportedOn }).where(eq(s.congresses.id, id));
  return (await congressesByIds(tx, [id]))[0]!;
}

export async function setCongressReceiptConfirmed(tx: Db, id: number, on: string, by: number): Promise<CongressRow> {
  await tx.update(s.congresses).set({ receiptConfirmedOn: on, receiptConfirmedById: by }).where(eq(s.congresses.id, id));
  return (await congressesByIds(tx, [id]))[0]!;
}

export async function insertCommittee(tx: Db, values: typeof s.committees.$inferInsert): Promise<CommitteeRow> {
  const [row] = await tx.insert(s.committees).values(values).returning();
  return row!;
}

/** R28.reports: the committee (kind COMMITTEE) each congress elected, by congress id. */
export async function committeesElectedBy(db: Db, congressIds: readonly number[]): Promise<CommitteeRow[]> {
  return queryRows(db, sql`select ${committeeColumns} from people.committees k where k.congress_id = any(${intArray(congressIds)}) and k.kind = 'COMMITTEE' order by k.congress_id, k.id`);
}

/**
 * R28.reports: the committee whose work and financial reports a congress on `heldOn` reviews: the association's
 * latest committee (kind COMMITTEE) whose term started before that day.
 */
export async function committeeBefore(tx: Db, organisationId: number, heldOn: string): Promise<CommitteeRow | null> {
  const [row] = await queryRows<CommitteeRow>(
    tx,
    sql`select ${committeeColumns} from people.committees k where k.organisation_id = ${organisationId} and k.kind = 'COMMITTEE' and k.term_start < ${heldOn}::date
        order by k.term_start desc, k.id desc limit 1`,
  );
  return row ?? null;
}

export async function setCongressReportsApproved(tx: Db, id: number, values: { workReportApproved: boolean; financialReportApproved: boolean; reportingCommitteeId: number }): Promise<CongressRow> {
  await tx.update(s.congresses).set(values).where(eq(s.congresses.id, id));
  return (await congressesByIds(tx, [id]))[0]!;
}

/** R30.plan: the reviews of each association's work plan and summary of a year, by organisation id. */
export async function workPlanReviewsOf(db: Db, organisationIds: readonly number[], year: number): Promise<WorkPlanReviewRow[]> {
  return db
    .select()
    .from(s.workPlanReviews)
    .where(and(anyOf(s.workPlanReviews.organisationId, organisationIds), eq(s.workPlanReviews.year, year)))
    .orderBy(asc(s.workPlanReviews.organisationId), asc(s.workPlanReviews.kind));
}

/** R30.plan: the reviews each resolution made, by resolution id. */
export async function workPlanReviewsOfResolutions(db: Db, resolutionIds: readonly number[]): Promise<WorkPlanReviewRow[]> {
  return db.select().from(s.workPlanReviews).where(anyOf(s.workPlanReviews.resolutionId, resolutionIds)).orderBy(asc(s.workPlanReviews.resolutionId), asc(s.workPlanReviews.id));
}

export async function findWorkPlanReview(tx: Db, organisationId: number, year: number, kind: WorkPlanKind): Promise<WorkPlanReviewRow | null> {
  const [row] = await tx
    .select()
    .from(s.workPlanReviews)
    .where(and(eq(s.workPlanReviews.organisationId, organisationId), eq(s.workPlanReviews.year, year), eq(s.workPlanReviews.kind, kind)));
  return row ?? null;
}

export async function insertWorkPlanReview(tx: Db, values: typeof s.workPlanReviews.$inferInsert): Promise<WorkPlanReviewRow> {
  const [row] = await tx.insert(s.workPlanReviews).values(values).returning();
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

/**
 * The distinct persons holding a member's post (chair, vice-chair, member) in the committee on a day: its members
 * for quorum (R31.quorum). Secretariat staff, liaison officers and secretaries-general are not members.
 */
export async function committeeMemberIds(tx: Db, committeeId: number, on: string): Promise<number[]> {
  const rows = await queryRows<{ personId: number }>(
    tx,
    sql`select distinct p.person_id as "personId" from people.posts p where p.committee_id = ${committeeId} and ${memberPost} and ${postInForce(on)}`,
  );
  return rows.map((r) => r.personId);
}

/** The association's chair on a day, if one holds (R32.chair allows at most one). */
export async function chairOn(tx: Db, organisationId: number, on: string): Promise<PostRow | null> {
  const [row] = await queryRows<PostRow>(tx, sql`select ${postColumns} from people.posts p where p.organisation_id = ${organisationId} and p.role = 'CHAIR' and ${postInForce(on)}`);
  return row ?? null;
}

/**
 * R32.chair: committees (kind COMMITTEE) whose term includes `asOf`, of associations active that day, while the
 * association has no chair: vacancies, oldest term first; cursor (termStart, id).
 */
const withoutChair = (asOf: string) => sql`
  from people.committees k
  where k.kind = 'COMMITTEE' and k.term_start <= ${asOf}::date and (k.term_end is null or k.term_end >= ${asOf}::date)
    and ${activeOn(sql`k.organisation_id`, sql`${asOf}::date`)}
    and not exists (select 1 from people.posts p where p.organisation_id = k.organisation_id and p.role = 'CHAIR' and ${postInForce(asOf)})`;

export async function committeesWithoutChair(db: Db, asOf: string, page: Page): Promise<CommitteeRow[]> {
  const after = page.after ? sql`and (k.term_start, k.id) > (${page.after[0]}::date, ${page.after[1]})` : sql``;
  return queryRows(db, sql`select ${committeeColumns} ${withoutChair(asOf)} ${after} order by k.term_start, k.id limit ${page.first + 1}`);
}

export async function countCommitteesWithoutChair(db: Db, asOf: string): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${withoutChair(asOf)}`);
  return row?.n ?? 0;
}

/**
 * R31.regular: committees (kind COMMITTEE) in term on `asOf`, of associations active that day, whose last meeting (or,
 * with none, the start of their term) is more than `months` months before `asOf`: a period of months from a day ends
 * on the corresponding day (Civil Code Art. 201-203), so they are reported from the day after; cursor (termStart, id).
 */
const idle = (asOf: string, months: number) => sql`
  from people.committees k
  where k.kind = 'COMMITTEE' and k.term_start <= ${asOf}::date and (k.term_end is null or k.term_end >= ${asOf}::date)
    and k.term_start < (${asOf}::date - make_interval(months => ${months}::int))::date
    and ${activeOn(sql`k.organisation_id`, sql`${asOf}::date`)}
    and not exists (select 1 from people.meetings mt where mt.committee_id = k.id and mt.held_on <= ${asOf}::date
                    and mt.held_on >= (${asOf}::date - make_interval(months => ${months}::int))::date)`;

export async function idleCommittees(db: Db, asOf: string, months: number, page: Page): Promise<CommitteeRow[]> {
  const after = page.after ? sql`and (k.term_start, k.id) > (${page.after[0]}::date, ${page.after[1]})` : sql``;
  return queryRows(db, sql`select ${committeeColumns} ${idle(asOf, months)} ${after} order by k.term_start, k.id limit ${page.first + 1}`);
}

export async function countIdleCommittees(db: Db, asOf: string, months: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(db, sql`select count(*)::int as n ${idle(asOf, months)}`);
  return row?.n ?? 0;
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

/** R23.revoke: record the memberships a resolution decides on. */
export async function insertResolutionMemberships(tx: Db, resolutionId: number, membershipIds: readonly number[]): Promise<void> {
  if (membershipIds.length) await tx.insert(s.resolutionMemberships).values(membershipIds.map((membershipId) => ({ resolutionId, membershipId })));
}

/** Whether a resolution names a membership (R23.revoke). */
export async function resolutionNames(tx: Db, resolutionId: number, membershipId: number): Promise<boolean> {
  const rows = await tx
    .select({ id: s.resolutionMemberships.membershipId })
    .from(s.resolutionMemberships)
    .where(and(eq(s.resolutionMemberships.resolutionId, resolutionId), eq(s.resolutionMemberships.membershipId, membershipId)));
  return rows.length > 0;
}

/** The memberships each resolution names, by resolution id. */
export async function membershipsOfResolutions(db: Db, ids: readonly number[]): Promise<{ resolutionId: number; membershipId: number }[]> {
  return db
    .select({ resolutionId: s.resolutionMemberships.resolutionId, membershipId: s.resolutionMemberships.membershipId })
    .from(s.resolutionMemberships)
    .where(anyOf(s.resolutionMemberships.resolutionId, ids))
    .orderBy(asc(s.resolutionMemberships.resolutionId), asc(s.resolutionMemberships.membershipId));
}

export async function findResolution(tx: Db, id: number): Promise<ResolutionRow | null> {
  const [row] = await tx.select().from(s.resolutions).where(eq(s.resolutions.id, id));
  return row ?? null;
}

