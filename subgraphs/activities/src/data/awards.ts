// SQL of awards and recommendations (Art. 8, 30).
import { anyOf, type Db, schema as s } from '@cq/db';
import { desc, eq } from 'drizzle-orm';

export type AwardRow = typeof s.awards.$inferSelect;

export async function awardsByIds(db: Db, ids: readonly number[]): Promise<AwardRow[]> {
  return db.select().from(s.awards).where(anyOf(s.awards.id, ids));
}

export async function awardsByOrganisation(db: Db, ids: readonly number[]): Promise<AwardRow[]> {
  return db.select().from(s.awards).where(anyOf(s.awards.organisationId, ids)).orderBy(desc(s.awards.decidedOn), desc(s.awards.id));
}

export async function awardsOfPersons(db: Db, ids: readonly number[]): Promise<AwardRow[]> {
  return db.select().from(s.awards).where(anyOf(s.awards.recipientPersonId, ids)).orderBy(desc(s.awards.decidedOn), desc(s.awards.id));
}

export async function awardsToOrganisations(db: Db, ids: readonly number[]): Promise<AwardRow[]> {
  return db.select().from(s.awards).where(anyOf(s.awards.recipientOrganisationId, ids)).orderBy(desc(s.awards.decidedOn), desc(s.awards.id));
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
