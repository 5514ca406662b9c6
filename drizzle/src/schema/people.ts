// Tables owned by the people subgraph. Organisations are referenced by id only: they may live in another database.
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, boolean, check, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const people = pgSchema('people');

/** Art. 20: who may become an individual member. */
export const personCategory = people.enum('person_category', [
  'SCIENCE_TECHNOLOGY_WORKER',
  'MANAGER',
  'SENIOR_SKILLED_WORKER',
]);

/**
 * Art. 6 with the person's consent: a society's link waits for the person's association to confirm it; either side
 * may end it later. DECLINED and ENDED links stay, for the history.
 */
export const societyLinkStatus = people.enum('society_link_status', ['PENDING', 'CONFIRMED', 'DECLINED', 'ENDED']);

export const membershipStatus = people.enum('membership_status', ['APPLIED', 'ACTIVE', 'WITHDRAWN', 'REVOKED']);

/** Art. 23: the grounds on which the committee may revoke a membership. */
export const revocationGround = people.enum('revocation_ground', [
  'SERIOUS_VIOLATION_OF_ENTERPRISE_RULES',
  'SERIOUS_VIOLATION_OF_CHARTER',
  'CRIMINAL_PENALTY',
]);

/** Art. 26: a representative congress, or a general assembly where the association has fewer than 100 S&T workers. */
export const congressKind = people.enum('congress_kind', ['REPRESENTATIVE_CONGRESS', 'GENERAL_ASSEMBLY']);

/** Art. 29-35: the committee elected by the congress and the bodies beside it. */
export const committeeKind = people.enum('committee_kind', ['COMMITTEE', 'STANDING_COMMITTEE', 'WORKING_COMMITTEE', 'SPECIAL_COMMITTEE']);

/** Art. 30-39 and Art. 18: posts a person holds in an association. */
export const postRole = people.enum('post_role', [
  'CHAIR',
  'VICE_CHAIR',
  'SECRETARY_GENERAL',
  'DEPUTY_SECRETARY_GENERAL',
  'COMMITTEE_MEMBER',
  'SECRETARIAT_STAFF',
  'LIAISON_OFFICER',
]);

export const persons = people.table(
  'persons',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    nameZh: text().notNull(),
    category: personCategory().notNull(),
    employerEnterpriseId: integer(),
    professionalFields: text().array().notNull().default(sql`'{}'`),
    /** Professional titles (职称), e.g. 正高级工程师. */
    titles: text().array().notNull().default(sql`'{}'`),
    // Personal data lives in its own columns so that it can be withheld by role, never inside free text.
    email: text(),
    phone: text(),
    /**
     * HMAC-SHA256 (hex) of the citizen identity number under the hub's identity key: partner societies match their
     * members by it, and the number itself is never stored.
     */
    identityNumberHash: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.employerEnterpriseId), index().on(t.identityNumberHash)],
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
    /** Art. 24: the member's own application to withdraw, then the association's confirmation. */
    withdrawalAppliedOn: date({ mode: 'string' }),
    withdrawalConfirmedOn: date({ mode: 'string' }),
    /** Art. 23: revocation by committee decision (a resolution that passed) on a listed ground. */
    revocationGround: revocationGround(),
    revocationResolutionId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.organisationId, t.id),
    index().on(t.personId, t.id),
    // One open membership per person and association: an earlier one must have ended before another starts.
    uniqueIndex('memberships_one_open').on(t.personId, t.organisationId).where(sql`status in ('APPLIED', 'ACTIVE')`),
  ],
);

/**
 * The memberships in force on `member_counts_state.day` (valid_from <= day < valid_to), per organisation: the roll-up
 * that member counts with descendants read for today instead of counting a million memberships. The people subgraph
 * keeps it with deltas in the transaction of every membership write, and rebuilds it whole on the first read of a new
 * day (data/people.ts). Organisations without a membership in force have no row, or a row of 0.
 */
export const memberCountsToday = people.table('member_counts_today', {
  organisationId: integer().primaryKey(),
  members: integer().notNull(),
});

/**
 * The day member_counts_today counts, in its one row; no row: not yet built (the seed deletes it after loading
 * memberships in bulk). Writers lock the row for share and rebuilds for update, so that neither misses the other.
 */
export const memberCountsState = people.table(
  'member_counts_state',
  {
    singleton: boolean().primaryKey().default(true),
    day: date({ mode: 'string' }).notNull(),
  },
  (t) => [check('member_counts_state_singleton', sql`${t.singleton}`)],
);

/** Append-only record of every change to people data: memberships, posts, congresses, links. */
export const peopleEvents = people.table(
  'events',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    subjectType: text().notNull(),
    subjectId: integer().notNull(),
    organisationId: integer(),
    personId: integer(),
    kind: text().notNull(),
    actor: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** The day it took effect in China; always written by the command (insertEvent), never the server's UTC day. */
    effectiveOn: date({ mode: 'string' }).notNull(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index().on(t.subjectType, t.subjectId, t.id), index().on(t.organisationId, t.id), index().on(t.personId, t.id)],
);

/** Art. 22: dues, in fen (分) so that money is exact. */
export const duesPayments = people.table(
  'dues_payments',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    membershipId: integer()
      .notNull()
      .references(() => memberships.id),
    year: integer().notNull(),
    amountFen: bigint({ mode: 'bigint' }).notNull(),
    paidOn: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.membershipId, t.year)],
);

export const congresses = people.table(
  'congresses',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer().notNull(),
    kind: congressKind().notNull(),
    heldOn: date({ mode: 'string' }).notNull(),
    /** The term of the committee it elects, in years (Art. 26: three to five). */
    termYears: integer().notNull(),
    /** S&T workers of the enterprise when it was held: a general assembly needs fewer than 100 (Art. 26). */
    scienceWorkerCount: integer().notNull(),
    /** Art. 26: election results and charter changes reported to the approving association within one month. */
    reportedOn: date({ mode: 'string' }),
    /**
     * R26.report: the day the approving association confirmed it received the report, and which association that
     * was. Lateness is judged on this day, not on the date the association typed in.
     */
    receiptConfirmedOn: date({ mode: 'string' }),
    receiptConfirmedById: integer(),
    charterAmended: text(),
    /**
     * R28.reports (第二十八条 (三)): the congress reviewed and approved the work report and the financial report of
     * the committee whose term it ends (the association's latest committee elected before it).
     */
    workReportApproved: boolean().notNull().default(false),
    financialReportApproved: boolean().notNull().default(false),
    reportingCommitteeId: integer().references((): AnyPgColumn => committees.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.heldOn)],
);

export const committees = people.table(
  'committees',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer().notNull(),
    congressId: integer().references(() => congresses.id),
    kind: committeeKind().notNull(),
    name: text().notNull(),
    termStart: date({ mode: 'string' }).notNull(),
    termEnd: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.termStart), index().on(t.congressId)],
);

export const posts = people.table(
  'posts',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer().notNull(),
    committeeId: integer().references(() => committees.id),
    personId: integer()
      .notNull()
      .references(() => persons.id),
    role: postRole().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    /**
     * Who nominated: PARTY_ORGANISATION or DECISION_MAKING_LEVEL (Art. 32) for the chair and vice-chairs, CHAIR
     * (Art. 30) for the secretaries-general; commands take only these (rows from before may hold free text).
     */
    nominatedBy: text(),
    /** R30.officers: the committee resolution that elected (chair, vice-chairs) or approved (secretaries-general) the holder. */
    electedByResolutionId: integer().references(() => resolutions.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.role, t.validFrom), index().on(t.personId, t.validFrom), index().on(t.committeeId)],
);

export const meetings = people.table(
  'meetings',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    committeeId: integer()
      .notNull()
      .references(() => committees.id),
    heldOn: date({ mode: 'string' }).notNull(),
    /** The committee's membership on the day, fixed when the meeting is recorded. */
    memberCount: integer().notNull(),
    convenedByPersonId: integer().references(() => persons.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.committeeId, t.heldOn)],
);

export const meetingAttendance = people.table(
  'meeting_attendance',
  {
    meetingId: integer()
      .notNull()
      .references(() => meetings.id),
    personId: integer()
      .notNull()
      .references(() => persons.id),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.personId] })],
);

export const resolutions = people.table(
  'resolutions',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    meetingId: integer()
      .notNull()
      .references(() => meetings.id),
    title: text().notNull(),
    votesFor: integer().notNull(),
    votesAgainst: integer().notNull(),
    votesAbstaining: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.meetingId)],
);

/** R23.revoke: the memberships a resolution decides on (a revocation must cite a resolution that names it). */
export const resolutionMemberships = people.table(
  'resolution_memberships',
  {
    resolutionId: integer()
      .notNull()
      .references(() => resolutions.id),
    membershipId: integer()
      .notNull()
      .references(() => memberships.id),
  },
  (t) => [primaryKey({ columns: [t.resolutionId, t.membershipId] }), index().on(t.membershipId)],
);

/** Art. 30 (四): what the committee reviews each year, its work plan (工作计划) and its work summary (工作总结). */
export const workPlanKind = people.enum('work_plan_kind', ['PLAN', 'SUMMARY']);

/**
 * R30.plan (第三十条 (四) 审议工作计划和工作总结): a passed resolution of the association's committee (kind COMMITTEE)
 * reviewed its work plan or work summary of a year; one of each per association and year.
 */
export const workPlanReviews = people.table(
  'work_plan_reviews',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer().notNull(),
    year: integer().notNull(),
    kind: workPlanKind().notNull(),
    resolutionId: integer()
      .notNull()
      .references(() => resolutions.id),
    /** The day of the meeting that passed the resolution. */
    reviewedOn: date({ mode: 'string' }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('work_plan_reviews_one').on(t.organisationId, t.year, t.kind), index().on(t.resolutionId)],
);

/** Art. 6: a partner learned society links one of its own members to a person here. */
export const societyLinks = people.table(
  'society_links',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    societyId: integer().notNull(),
    personId: integer()
      .notNull()
      .references(() => persons.id),
    societyMemberNo: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    status: societyLinkStatus().notNull().default('PENDING'),
    /** When and by whom the person's side confirmed or declined it, and for which of the person's associations. */
    decidedOn: date({ mode: 'string' }),
    decidedBy: text(),
    decidedForOrganisationId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.personId),
    index().on(t.societyId, t.id),
    uniqueIndex('society_links_one_open_number').on(t.societyId, t.societyMemberNo).where(sql`status in ('PENDING', 'CONFIRMED')`),
    uniqueIndex('society_links_one_open_person').on(t.societyId, t.personId).where(sql`status in ('PENDING', 'CONFIRMED')`),
  ],
);

/**
 * Art. 6, against guessing: how many rows a society sent that matched nobody, per day and per person described (a
 * keyed hash of the name and the birth date the identity number holds, never the name or the number). Someone who
 * knows a person's name, birth date and birthplace could otherwise try the thousand sequence numbers of that day.
 */
export const societyMatchMisses = people.table(
  'society_match_misses',
  {
    societyId: integer().notNull(),
    day: date({ mode: 'string' }).notNull(),
    subject: text().notNull(),
    misses: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.societyId, t.day, t.subject] })],
);
