// Tables owned by the people subgraph. Organisations are referenced by id only: they may live in another database.
import { date, index, integer, pgSchema, text, timestamp } from 'drizzle-orm/pg-core';

export const people = pgSchema('people');

/** Art. 20: who may become an individual member. */
export const personCategory = people.enum('person_category', [
  'SCIENCE_TECHNOLOGY_WORKER',
  'MANAGER',
  'SENIOR_SKILLED_WORKER',
]);

export const membershipStatus = people.enum('membership_status', ['APPLIED', 'ACTIVE', 'WITHDRAWN', 'REVOKED']);

export const persons = people.table(
  'persons',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    nameZh: text().notNull(),
    category: personCategory().notNull(),
    employerEnterpriseId: integer(),
    // Personal data lives in its own columns so that it can be withheld by role, never inside free text.
    email: text(),
    phone: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.employerEnterpriseId)],
);

export const memberships = people.table(
  'memberships',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    personId: integer()
      .notNull()
      .references(() => persons.id),
    organisationId: integer().notNull(),
    status: membershipStatus().notNull(),
    appliedOn: date({ mode: 'string' }).notNull(),
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.id), index().on(t.personId, t.id)],
);
