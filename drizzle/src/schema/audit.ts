// The audit trail: one append-only record per mutation field, written by whichever service ran it. Not domain data
// of any owner; every service appends to it and only the organisations subgraph reads it.
import { index, integer, jsonb, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

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

/**
 * Mutations a client may retry: the first result of each mutation field sent with an `Idempotency-Key`, written in
 * the same transaction as the change, so a retry after a lost answer returns that result instead of changing again.
 */
export const idempotentResults = audit.table(
  'idempotent_results',
  {
    service: text().notNull(),
    actor: text().notNull(),
    key: text().notNull(),
    /** The mutation field's response key, and which of its transactions (usually the only one) */
    field: text().notNull(),
    /** The field's name and arguments, hashed: a key reused for another request is refused */
    fingerprint: text().notNull(),
    /** What the change's transaction returned, in the encoding of idempotency.ts */
    result: jsonb(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.service, t.actor, t.key, t.field] })],
);
