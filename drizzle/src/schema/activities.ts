// Tables owned by the activities subgraph. Organisations and persons are referenced by id only.
import { boolean, date, index, integer, pgSchema, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const activities = pgSchema('activities');

/** One kind per task article, Art. 5–12. */
export const activityKind = activities.enum('activity_kind', [
  'POLITICAL_GUIDANCE',
  'ACADEMIC_EXCHANGE',
  'TECHNICAL_PROBLEM_SOLVING',
  'TRAINING',
  'SCIENCE_POPULARISATION',
  'THINK_TANK',
  'CULTURE_AND_INTEGRITY',
  'OTHER',
]);

export const activityRecords = activities.table(
  'activities',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    kind: activityKind().notNull(),
    title: text().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    place: text(),
    online: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.kind, t.startsOn), index().on(t.startsOn, t.id)],
);

export const activityOrganisers = activities.table(
  'activity_organisers',
  {
    activityId: integer()
      .notNull()
      .references(() => activityRecords.id),
    organisationId: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.organisationId] }), index().on(t.organisationId, t.activityId)],
);
