// The audit trail: one append-only record per mutation field, written by whichever service ran it. Not domain data
// of any owner; every service appends to it and only the organisations subgraph reads it.
import { index, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const audit = pgSchema('audit');

export const auditRecords = audit.table(
  'records',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    service: text().notNull(),
    actor: text().notNull(),
    role: text().notNull(),
    actorOrganisationId: integer(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The mutation field, e.g. transferAffiliation */
    operation: text().notNull(),
    /** The organisation the change was about, when the service knew it */
    targetOrganisationId: integer(),
    /** OK, or the error code that refused or failed it */
    outcome: text().notNull(),
  },
  (t) => [index().on(t.targetOrganisationId, t.id), index().on(t.occurredAt)],
);
