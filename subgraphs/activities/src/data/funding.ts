// SQL of funding and financial reports (Art. 41-42).
import { type Db, schema as s } from '@cq/db';
import { desc, inArray } from 'drizzle-orm';

export type FundingRow = typeof s.fundingRecords.$inferSelect;
export type FinancialReportRow = typeof s.financialReports.$inferSelect;
export type FundingSource = FundingRow['source'];

export async function fundingOf(db: Db, ids: readonly number[]): Promise<FundingRow[]> {
  return db.select().from(s.fundingRecords).where(inArray(s.fundingRecords.organisationId, [...ids])).orderBy(desc(s.fundingRecords.receivedOn), desc(s.fundingRecords.id));
}

export async function reportsOf(db: Db, ids: readonly number[]): Promise<FinancialReportRow[]> {
  return db.select().from(s.financialReports).where(inArray(s.financialReports.organisationId, [...ids])).orderBy(desc(s.financialReports.year), desc(s.financialReports.id));
}

export async function insertFunding(tx: Db, values: typeof s.fundingRecords.$inferInsert): Promise<FundingRow> {
  const [row] = await tx.insert(s.fundingRecords).values(values).returning();
  return row!;
}

export async function insertReport(tx: Db, values: typeof s.financialReports.$inferInsert): Promise<FinancialReportRow> {
  const [row] = await tx.insert(s.financialReports).values(values).returning();
  return row!;
}
