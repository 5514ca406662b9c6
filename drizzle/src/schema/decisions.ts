// The decisions read model: the one part of the people subgraph's data that other subgraphs read. Kept by the people
// subgraph in the transaction that records each committee resolution; read only through drizzle/src/decisions/read.ts.
// Like the hierarchy read model, it references no other table, so it can be replicated on its own
// (docs/read-model.md).
import { date, integer, pgSchema, text } from 'drizzle-orm/pg-core';

export const decisionsSchema = pgSchema('decisions');

/** Every resolution of a committee: whose, which kind of committee, the day, and its outcome (R31.quorum, R31.majority). */
export const decisionResolutions = decisionsSchema.table('resolutions', {
  id: integer().primaryKey(),
  organisationId: integer().notNull(),
  /** COMMITTEE (the association's committee), STANDING_COMMITTEE, WORKING_COMMITTEE, ... */
  committeeKind: text().notNull(),
  heldOn: date({ mode: 'string' }).notNull(),
  /** PASSED, FAILED or NO_QUORUM */
  outcome: text().notNull(),
});
