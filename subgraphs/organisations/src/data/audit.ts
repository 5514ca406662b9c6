// Reading the audit trail (written by every service through @cq/db's appendAudit).
import type { Page } from '@cq/service-kit';
import { schema as s, type Db } from '@cq/db';
import { and, desc, eq, lt } from 'drizzle-orm';

export type AuditRow = typeof s.auditRecords.$inferSelect;

/** Newest first; `organisationId` narrows it to the records about one organisation. */
export async function auditRecords(db: Db, organisationId: number | null, page: Page): Promise<AuditRow[]> {
  const r = s.auditRecords;
  return db
    .select()
    .from(r)
    .where(and(organisationId ? eq(r.targetOrganisationId, organisationId) : undefined, page.after ? lt(r.id, page.after[0] as number) : undefined))
    .orderBy(desc(r.id))
    .limit(page.first + 1);
}
