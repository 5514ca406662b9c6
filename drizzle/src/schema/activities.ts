// Tables owned by the activities subgraph. Organisations and persons are referenced by id only.
import { sql } from 'drizzle-orm';
import { bigint, boolean, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

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

export const participantRole = activities.enum('participant_role', ['SPEAKER', 'TRAINEE', 'TEAM_LEADER', 'TEAM_MEMBER', 'ATTENDEE', 'ORGANISER_STAFF']);

/** Art. 8, 30: the association's own commendations, recommendations, and results it helped with. */
export const awardKind = activities.enum('award_kind', [
  'COMMENDATION',
  'NATIONAL_AWARD_RECOMMENDATION',
  'CHONGQING_AWARD_RECOMMENDATION',
  'SOCIAL_AWARD_RECOMMENDATION',
  'ENGINEER_QUALIFICATION',
  'PROFESSIONAL_TITLE',
  'PATENT',
  'TRANSFERRED_RESULT',
]);

export const awardOutcome = activities.enum('award_outcome', ['PENDING', 'GRANTED', 'NOT_GRANTED']);

export const evaluationGrade = activities.enum('evaluation_grade', ['EXCELLENT', 'GOOD', 'PASS', 'FAIL']);

/** Art. 41: where an association's money comes from. */
export const fundingSource = activities.enum('funding_source', ['ENTERPRISE_BUDGET', 'GRANT', 'DONATION', 'OTHER']);

/** Art. 42: to whom the finances are reported. */
export const reportAudience = activities.enum('report_audience', ['CONGRESS', 'COMMITTEE']);

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
    /** Technical problem-solving (技术攻关, Art. 7): the problem, and its outcome once known. */
    problem: text(),
    outcome: text(),
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

/**
 * Activities per organiser, start year and kind: the roll-up that activity statistics with descendants sum instead of
 * counting the activities themselves. The activities subgraph keeps it with deltas in the transaction that records
 * an activity (data/activities.ts); the seed and migration 0019 build it whole.
 */
export const activityCounts = activities.table(
  'activity_counts',
  {
    organisationId: integer().notNull(),
    year: integer().notNull(),
    kind: activityKind().notNull(),
    activities: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.year, t.kind] }), index().on(t.year)],
);

/**
 * The organisers of every activity with more than one, with its start year and kind. A roll-up over a subtree counts
 * such an activity once per organiser in it; these rows, a seventh of the organisers in the demo data, say how many
 * times too many without reading activities or their organisers (data/roll-ups.ts). Kept and built with
 * activity_counts.
 */
export const coOrganisers = activities.table(
  'co_organisers',
  {
    activityId: integer()
      .notNull()
      .references(() => activityRecords.id),
    organisationId: integer().notNull(),
    year: integer().notNull(),
    kind: activityKind().notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.organisationId] }), index().on(t.organisationId, t.year), index().on(t.year)],
);

export const participations = activities.table(
  'participations',
  {
    activityId: integer()
      .notNull()
      .references(() => activityRecords.id),
    personId: integer().notNull(),
    role: participantRole().notNull(),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.personId] }), index().on(t.personId, t.activityId)],
);

export const awards = activities.table(
  'awards',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    kind: awardKind().notNull(),
    title: text().notNull(),
    /** The association that commends, recommends or helped. */
    organisationId: integer().notNull(),
    recipientPersonId: integer(),
    recipientOrganisationId: integer(),
    decidedOn: date({ mode: 'string' }).notNull(),
    /** A commendation is decided by the committee (Art. 30): the resolution in the people subgraph. */
    committeeResolutionId: integer(),
    /** Recommendations only: PENDING until the outcome is known. */
    outcome: awardOutcome(),
    outcomeOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.decidedOn), index().on(t.recipientPersonId), index().on(t.recipientOrganisationId)],
);

export const evaluations = activities.table(
  'evaluations',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer().notNull(),
    year: integer().notNull(),
    evaluatorId: integer().notNull(),
    grade: evaluationGrade().notNull(),
    remarks: text(),
    evaluatedOn: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // R40.evaluation: one per association per year.
  (t) => [uniqueIndex().on(t.organisationId, t.year), index().on(t.evaluatorId, t.year)],
);

export const fundingRecords = activities.table(
  'funding_records',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer().notNull(),
    source: fundingSource().notNull(),
    /** Exact money in fen (分). */
    amountFen: bigint({ mode: 'bigint' }).notNull(),
    receivedOn: date({ mode: 'string' }).notNull(),
    description: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.receivedOn)],
);

export const financialReports = activities.table(
  'financial_reports',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer().notNull(),
    year: integer().notNull(),
    reportedTo: reportAudience().notNull(),
    reportedOn: date({ mode: 'string' }).notNull(),
    incomeFen: bigint({ mode: 'bigint' }).notNull(),
    expenditureFen: bigint({ mode: 'bigint' }).notNull(),
    /**
     * R42.funding: one report per association, year and audience. A second one recorded before that rule held is kept
     * as history and names the first here; the unique index covers only the reports that name none.
     */
    duplicateOf: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.organisationId, t.year),
    uniqueIndex('financial_reports_one_per_year_and_audience').on(t.organisationId, t.year, t.reportedTo).where(sql`${t.duplicateOf} is null`),
  ],
);

/** Art. 42 (收支, 单独核算): what an association spent, accounted separately like its income. */
export const expenditureRecords = activities.table(
  'expenditure_records',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer().notNull(),
    /** Exact money in fen (分), above zero. */
    amountFen: bigint({ mode: 'bigint' }).notNull(),
    spentOn: date({ mode: 'string' }).notNull(),
    /** What the money was spent on. */
    purpose: text().notNull(),
    description: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.spentOn)],
);

/** Append-only record of every change to activities data. */
export const activityEvents = activities.table(
  'events',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    subjectType: text().notNull(),
    subjectId: integer().notNull(),
    organisationId: integer(),
    kind: text().notNull(),
    actor: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index().on(t.subjectType, t.subjectId, t.id)],
);
