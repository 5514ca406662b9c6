// SQL of participations, awards, evaluations, funding and financial reports (Art. 5-12, 40-42), and the roll-ups
// over the hierarchy read model (@cq/db/hierarchy: kept by the organisations subgraph, read here, never written).
import { type Db, intArray, queryRows, schema as s } from '@cq/db';
import * as hierarchy from '@cq/db/hierarchy';
import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { ActivityRow } from './activities.ts';

export type ParticipationRow = typeof s.participations.$inferSelect;
export type AwardRow = typeof s.awards.$inferSelect;
export type EvaluationRow = typeof s.evaluations.$inferSelect;
export type FundingRow = typeof s.fundingRecords.$inferSelect;
export type FinancialReportRow = typeof s.financialReports.$inferSelect;
export type ActivityKind = ActivityRow['kind'];
export type FundingSource = FundingRow['source'];

export async function participantsOf(db: Db, activityIds: readonly number[]): Promise<ParticipationRow[]> {
  return db.select().from(s.participations).where(inArray(s.participations.activityId, [...activityIds])).orderBy(asc(s.participations.activityId), asc(s.participations.personId));
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

export async function awardsByIds(db: Db, ids: readonly number[]): Promise<AwardRow[]> {
  return db.select().from(s.awards).where(inArray(s.awards.id, [...ids]));
}

export async function awardsByOrganisation(db: Db, ids: readonly number[]): Promise<AwardRow[]> {
  return db.select().from(s.awards).where(inArray(s.awards.organisationId, [...ids])).orderBy(desc(s.awards.decidedOn), desc(s.awards.id));
}

export async function awardsOfPersons(db: Db, ids: readonly number[]): Promise<AwardRow[]> {
  return db.select().from(s.awards).where(inArray(s.awards.recipientPersonId, [...ids])).orderBy(desc(s.awards.decidedOn), desc(s.awards.id));
}

export async function awardsToOrganisations(db: Db, ids: readonly number[]): Promise<AwardRow[]> {
  return db.select().from(s.awards).where(inArray(s.awards.recipientOrganisationId, [...ids])).orderBy(desc(s.awards.decidedOn), desc(s.awards.id));
}

export async function evaluationsOf(db: Db, ids: readonly number[]): Promise<EvaluationRow[]> {
  return db.select().from(s.evaluations).where(inArray(s.evaluations.organisationId, [...ids])).orderBy(desc(s.evaluations.year));
}

export async function fundingOf(db: Db, ids: readonly number[]): Promise<FundingRow[]> {
  return db.select().from(s.fundingRecords).where(inArray(s.fundingRecords.organisationId, [...ids])).orderBy(desc(s.fundingRecords.receivedOn), desc(s.fundingRecords.id));
}

export async function reportsOf(db: Db, ids: readonly number[]): Promise<FinancialReportRow[]> {
  return db.select().from(s.financialReports).where(inArray(s.financialReports.organisationId, [...ids])).orderBy(desc(s.financialReports.year), desc(s.financialReports.id));
}

// ---- roll-ups

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

// ---- reads for the rule checks (inside the command's transaction)

/** Which of `ids` name no organisation. */
export const unknownOrganisations = (tx: Db, ids: readonly number[]): Promise<number[]> => hierarchy.unknownOrganisations(tx, ids);

/**
 * The organisations above one in the guidance chain on a day, root first, with their kinds; empty when it has no
 * place in the chain that day (or is the root).
 */
export const organisationsAbove = (tx: Db, organisationId: number, on: string): Promise<{ id: number; kind: string }[]> => hierarchy.ancestorsOn(tx, organisationId, on);

// ---- writes (inside a transaction)

export async function insertActivity(tx: Db, values: typeof s.activityRecords.$inferInsert, organiserIds: number[]): Promise<number> {
  const [row] = await tx.insert(s.activityRecords).values(values).returning({ id: s.activityRecords.id });
  await tx.insert(s.activityOrganisers).values(organiserIds.map((organisationId) => ({ activityId: row!.id, organisationId })));
  return row!.id;
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

export async function insertAward(tx: Db, values: typeof s.awards.$inferInsert): Promise<AwardRow> {
  const [row] = await tx.insert(s.awards).values(values).returning();
  return row!;
}

export async function lockAward(tx: Db, id: number): Promise<AwardRow | null> {
  const [row] = await tx.select().from(s.awards).where(eq(s.awards.id, id)).for('update');
  return row ?? null;
}

export async function setAwardOutcome(tx: Db, id: number, outcome: 'GRANTED' | 'NOT_GRANTED', on: string): Promise<AwardRow> {
  const [row] = await tx.update(s.awards).set({ outcome, outcomeOn: on }).where(eq(s.awards.id, id)).returning();
  return row!;
}

export async function evaluationFor(tx: Db, organisationId: number, year: number): Promise<EvaluationRow | null> {
  const [row] = await tx.select().from(s.evaluations).where(and(eq(s.evaluations.organisationId, organisationId), eq(s.evaluations.year, year)));
  return row ?? null;
}

export async function insertEvaluation(tx: Db, values: typeof s.evaluations.$inferInsert): Promise<EvaluationRow> {
  const [row] = await tx.insert(s.evaluations).values(values).returning();
  return row!;
}

export async function insertFunding(tx: Db, values: typeof s.fundingRecords.$inferInsert): Promise<FundingRow> {
  const [row] = await tx.insert(s.fundingRecords).values(values).returning();
  return row!;
}

export async function insertReport(tx: Db, values: typeof s.financialReports.$inferInsert): Promise<FinancialReportRow> {
  const [row] = await tx.insert(s.financialReports).values(values).returning();
  return row!;
}

export async function insertEvent(tx: Db, values: typeof s.activityEvents.$inferInsert): Promise<void> {
  await tx.insert(s.activityEvents).values(values);
}
