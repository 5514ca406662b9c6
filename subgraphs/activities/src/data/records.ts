// SQL of participations, awards, evaluations, funding and financial reports (Art. 5-12, 40-42), and the roll-ups.
import { intArray } from '@cq/common';
import { queryRows, schema as s, type Db } from '@cq/db';
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { ActivityRow } from './activities.ts';

export type ParticipationRow = typeof s.participations.$inferSelect;
export type AwardRow = typeof s.awards.$inferSelect;
export type EvaluationRow = typeof s.evaluations.$inferSelect;
export type FundingRow = typeof s.fundingRecords.$inferSelect;
export type FinancialReportRow = typeof s.financialReports.$inferSelect;
export type ActivityKind = ActivityRow['kind'];

export async function participantsOf(db: Db, activityIds: readonly number[]): Promise<ParticipationRow[]> {
  return db.select().from(s.participations).where(inArray(s.participations.activityId, [...activityIds])).orderBy(asc(s.participations.activityId), asc(s.participations.personId));
}

export async function participationsOf(db: Db, personIds: readonly number[]): Promise<ParticipationRow[]> {
  return db.select().from(s.participations).where(inArray(s.participations.personId, [...personIds])).orderBy(asc(s.participations.personId), desc(s.participations.activityId));
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

export async function evaluationsOf(db: Db, ids: readonly number[]): Promise<EvaluationRow[]> {
  return db.select().from(s.evaluations).where(inArray(s.evaluations.organisationId, [...ids])).orderBy(desc(s.evaluations.year));
}

export async function fundingOf(db: Db, ids: readonly number[]): Promise<FundingRow[]> {
  return db.select().from(s.fundingRecords).where(inArray(s.fundingRecords.organisationId, [...ids])).orderBy(desc(s.fundingRecords.receivedOn), desc(s.fundingRecords.id));
}

export async function reportsOf(db: Db, ids: readonly number[]): Promise<FinancialReportRow[]> {
  return db.select().from(s.financialReports).where(inArray(s.financialReports.organisationId, [...ids])).orderBy(desc(s.financialReports.year), desc(s.financialReports.id));
}

/** Income per organisation, year and source, summed exactly in the database (bigint fen, returned as text). */
export async function fundingTotalsOf(db: Db, ids: readonly number[], year: number | null): Promise<{ organisationId: number; year: number; source: FundingRow['source']; fen: string }[]> {
  return queryRows(
    db,
    sql`select organisation_id as "organisationId", extract(year from received_on)::int as year, source, sum(amount_fen)::text as fen
        from activities.funding_records
        where organisation_id = any(${intArray(ids)}) ${year === null ? sql`` : sql`and extract(year from received_on) = ${year}`}
        group by 1, 2, 3 order by 1, 2 desc, 3`,
  );
}

export interface StatsArgs {
  year: number | null;
  includeDescendants: boolean;
  /** The day the hierarchy is read on, for descendants */
  asOf: string;
}

/**
 * Activities by kind and start year for each organisation, one statement for the batch. With descendants, the
 * organisation's subtree comes from the hierarchy read model; an activity two of its associations co-organised
 * counts once.
 */
export async function activityStatsOf(db: Db, ids: readonly number[], args: StatsArgs): Promise<{ organisationId: number; kind: ActivityKind; year: number; count: number }[]> {
  const organisers = args.includeDescendants
    ? sql`select a.id as root, h.organisation_id from unnest(${intArray(ids)}) as a(id)
          join org.hierarchy h on h.path @> array[a.id] and h.valid_from <= ${args.asOf}::date and (h.valid_to is null or h.valid_to > ${args.asOf}::date)`
    : sql`select a.id as root, a.id as organisation_id from unnest(${intArray(ids)}) as a(id)`;
  return queryRows(
    db,
    sql`select o.root as "organisationId", x.kind, extract(year from x.starts_on)::int as year, count(distinct x.id)::int as count
        from (${organisers}) o
        join activities.activity_organisers ao on ao.organisation_id = o.organisation_id
        join activities.activities x on x.id = ao.activity_id
        ${args.year === null ? sql`` : sql`where x.starts_on >= make_date(${args.year}, 1, 1) and x.starts_on < make_date(${args.year} + 1, 1, 1)`}
        group by 1, 2, 3 order by 1, 3 desc, 2`,
  );
}

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
  const rows = await tx.select({ id: s.activityOrganisers.organisationId }).from(s.activityOrganisers).where(eq(s.activityOrganisers.activityId, activityId));
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
