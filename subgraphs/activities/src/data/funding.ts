// SQL of funding, expenditure and financial reports (Art. 41-42).
import { anyOf, type Db, intArray, queryRows, schema as s } from '@cq/db';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';

export type FundingRow = typeof s.fundingRecords.$inferSelect;
export type ExpenditureRow = typeof s.expenditureRecords.$inferSelect;
export type FinancialReportRow = typeof s.financialReports.$inferSelect;
export type FundingSource = FundingRow['source'];
export type ReportAudience = FinancialReportRow['reportedTo'];

export async function fundingOf(db: Db, ids: readonly number[]): Promise<FundingRow[]> {
  return db.select().from(s.fundingRecords).where(anyOf(s.fundingRecords.organisationId, ids)).orderBy(desc(s.fundingRecords.receivedOn), desc(s.fundingRecords.id));
}

export async function expendituresOf(db: Db, ids: readonly number[]): Promise<ExpenditureRow[]> {
  return db
    .select()
    .from(s.expenditureRecords)
    .where(anyOf(s.expenditureRecords.organisationId, ids))
    .orderBy(desc(s.expenditureRecords.spentOn), desc(s.expenditureRecords.id));
}

export async function reportsOf(db: Db, ids: readonly number[]): Promise<FinancialReportRow[]> {
  return db.select().from(s.financialReports).where(anyOf(s.financialReports.organisationId, ids)).orderBy(desc(s.financialReports.year), desc(s.financialReports.id));
}

/** Income and expenditure (fen, as text: exact) of one organisation's records dated from `from` to `to`, both included. */
export async function recordedBetween(db: Db, organisationId: number, from: string, to: string): Promise<{ incomeFen: bigint; expenditureFen: bigint }> {
  const [row] = await queryRows<{ income: string; expenditure: string }>(
    db,
    sql`select
          (select coalesce(sum(f.amount_fen), 0)::text from activities.funding_records f
           where f.organisation_id = ${organisationId} and f.received_on >= ${from}::date and f.received_on <= ${to}::date) as income,
          (select coalesce(sum(x.amount_fen), 0)::text from activities.expenditure_records x
           where x.organisation_id = ${organisationId} and x.spent_on >= ${from}::date and x.spent_on <= ${to}::date) as expenditure`,
  );
  return { incomeFen: BigInt(row!.income), expenditureFen: BigInt(row!.expenditure) };
}

/** What each report covers in the records: income and expenditure of its year up to its day (fen, as text), one statement for the batch. */
export async function recordedForReports(db: Db, reportIds: readonly number[]): Promise<{ reportId: number; incomeFen: string; expenditureFen: string }[]> {
  return queryRows(
    db,
    sql`select r.id as "reportId",
          (select coalesce(sum(f.amount_fen), 0)::text from activities.funding_records f
           where f.organisation_id = r.organisation_id and f.received_on >= make_date(r.year, 1, 1) and f.received_on <= least(make_date(r.year, 12, 31), r.reported_on)) as "incomeFen",
          (select coalesce(sum(x.amount_fen), 0)::text from activities.expenditure_records x
           where x.organisation_id = r.organisation_id and x.spent_on >= make_date(r.year, 1, 1) and x.spent_on <= least(make_date(r.year, 12, 31), r.reported_on)) as "expenditureFen"
        from activities.financial_reports r where r.id = any(${intArray(reportIds)})`,
  );
}

/** Income and expenditure of every record on or before `asOf`, per organisation (fen, as text), one statement for the batch. */
export async function balancesOf(db: Db, ids: readonly number[], asOf: string): Promise<{ organisationId: number; incomeFen: string; expenditureFen: string }[]> {
  return queryRows(
    db,
    sql`select o.id as "organisationId",
          (select coalesce(sum(f.amount_fen), 0)::text from activities.funding_records f where f.organisation_id = o.id and f.received_on <= ${asOf}::date) as "incomeFen",
          (select coalesce(sum(x.amount_fen), 0)::text from activities.expenditure_records x where x.organisation_id = o.id and x.spent_on <= ${asOf}::date) as "expenditureFen"
        from unnest(${intArray(ids)}) as o(id)`,
  );
}

/** The report of an association, year and audience that counts (not a duplicate kept as history), if any. */
export async function reportFor(tx: Db, organisationId: number, year: number, reportedTo: ReportAudience): Promise<FinancialReportRow | null> {
  const [row] = await tx
    .select()
    .from(s.financialReports)
    .where(and(eq(s.financialReports.organisationId, organisationId), eq(s.financialReports.year, year), eq(s.financialReports.reportedTo, reportedTo), isNull(s.financialReports.duplicateOf)));
  return row ?? null;
}

export async function insertFunding(tx: Db, values: typeof s.fundingRecords.$inferInsert): Promise<FundingRow> {
  const [row] = await tx.insert(s.fundingRecords).values(values).returning();
  return row!;
}

export async function insertExpenditure(tx: Db, values: typeof s.expenditureRecords.$inferInsert): Promise<ExpenditureRow> {
  const [row] = await tx.insert(s.expenditureRecords).values(values).returning();
  return row!;
}

export async function insertReport(tx: Db, values: typeof s.financialReports.$inferInsert): Promise<FinancialReportRow> {
  const [row] = await tx.insert(s.financialReports).values(values).returning();
  return row!;
}
