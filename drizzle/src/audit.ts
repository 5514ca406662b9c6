// What every service writes beside its changes (see schema/audit.ts): the audit trail, and the first results of
// mutations sent with an idempotency key.
import { and, eq } from 'drizzle-orm';
import type { Db } from './client.ts';
import { auditRecords, idempotentResults } from './schema/audit.ts';

export type AuditRecord = typeof auditRecords.$inferInsert;
export type IdempotentResult = typeof idempotentResults.$inferInsert;
export type IdempotentKey = Pick<IdempotentResult, 'service' | 'actor' | 'key' | 'field'>;

export async function appendAudit(db: Db, records: AuditRecord[]): Promise<void> {
  if (records.length) await db.insert(auditRecords).values(records);
}

export async function findIdempotentResult(db: Db, key: IdempotentKey): Promise<{ fingerprint: string; result: unknown } | undefined> {
  const [row] = await db
    .select({ fingerprint: idempotentResults.fingerprint, result: idempotentResults.result })
    .from(idempotentResults)
    .where(and(eq(idempotentResults.service, key.service), eq(idempotentResults.actor, key.actor), eq(idempotentResults.key, key.key), eq(idempotentResults.field, key.field)));
  return row;
}

/** Fails with a unique violation when a concurrent request with the same key committed first. */
export async function saveIdempotentResult(db: Db, row: IdempotentResult): Promise<void> {
  await db.insert(idempotentResults).values(row);
}

/** The journal a subgraph server writes to, with the database handle it is given: the service's own or a transaction's. */
export const journal = {
  appendAudit: (db: unknown, records: AuditRecord[]) => appendAudit(db as Db, records),
  findIdempotentResult: (db: unknown, key: IdempotentKey) => findIdempotentResult(db as Db, key),
  saveIdempotentResult: (db: unknown, row: IdempotentResult) => saveIdempotentResult(db as Db, row),
};
