// Appending to the audit trail, shared by every service (see schema/audit.ts).
import type { Db } from './client.ts';
import { auditRecords } from './schema/audit.ts';

export type AuditRecord = typeof auditRecords.$inferInsert;

export async function appendAudit(db: Db, records: AuditRecord[]): Promise<void> {
  if (records.length) await db.insert(auditRecords).values(records);
}
