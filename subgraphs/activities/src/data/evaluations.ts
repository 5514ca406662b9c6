// SQL of the annual work evaluation (Art. 40).
import { type Db, schema as s } from '@cq/db';
import { and, desc, eq, inArray } from 'drizzle-orm';

export type EvaluationRow = typeof s.evaluations.$inferSelect;

export async function evaluationsOf(db: Db, ids: readonly number[]): Promise<EvaluationRow[]> {
  return db.select().from(s.evaluations).where(inArray(s.evaluations.organisationId, [...ids])).orderBy(desc(s.evaluations.year));
}

export async function evaluationFor(tx: Db, organisationId: number, year: number): Promise<EvaluationRow | null> {
  const [row] = await tx.select().from(s.evaluations).where(and(eq(s.evaluations.organisationId, organisationId), eq(s.evaluations.year, year)));
  return row ?? null;
}

export async function insertEvaluation(tx: Db, values: typeof s.evaluations.$inferInsert): Promise<EvaluationRow> {
  const [row] = await tx.insert(s.evaluations).values(values).returning();
  return row!;
}
