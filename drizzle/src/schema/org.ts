// Tables owned by the organisations subgraph: who exists in the network and how they hang together.
import { sql } from 'drizzle-orm';
import { type AnyPgColumn, boolean, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const org = pgSchema('org');

export const organisationKind = org.enum('organisation_kind', [
  'MUNICIPAL_ASSOCIATION',
  'DISTRICT_ASSOCIATION',
  'ENTERPRISE_ASSOCIATION',
  'PARK_ASSOCIATION',
  'CONSORTIUM',
  'FEDERATION',
  'WORKSTATION',
  'LEARNED_SOCIETY',
]);

/** Art. 3: municipal-level when the municipal association approved it, district-level when a district one did. */
export const organisationLevel = org.enum('organisation_level', ['MUNICIPAL', 'DISTRICT']);

export const organisationStatus = org.enum('organisation_status', [
  'APPLIED',
  'ACTIVE',
  'REJECTED',
  'REVOKED',
  'DEREGISTERED',
]);

/** Art. 14: a district may review applications (审批制) or only record them (备案制). */
export const approvalMode = org.enum('approval_mode', ['APPROVAL', 'FILING']);

export const ownershipClass = org.enum('ownership_class', [
  'CENTRAL_SOE_SUBSIDIARY',
  'MUNICIPAL_SOE',
  'LARGE_PRIVATE',
  'OTHER',
]);

export const relationshipKind = org.enum('relationship_kind', [
  'GUIDANCE',
  'APPROVAL',
  'LIAISON',
  'GROUP_GUIDANCE',
  'GROUP_MEMBER',
  'FEDERATION_MEMBER',
]);

export const districts = org.table('districts', {
  code: text().primaryKey(),
  nameZh: text().notNull(),
  nameEn: text().notNull(),
  kind: text().notNull(),
  approvalMode: approvalMode().notNull().default('APPROVAL'),
});

/**
 * Art. 14: the approval mode of each district through time. An application follows the mode in force on the day it
 * was submitted (R14.mode); `districts.approvalMode` is the mode in force today.
 */
export const approvalModes = org.table(
  'approval_modes',
  {
    districtCode: text()
      .notNull()
      .references(() => districts.code),
    mode: approvalMode().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.districtCode, t.validFrom] })],
);

export const enterprises = org.table(
  'enterprises',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    nameZh: text().notNull(),
    creditCode: text().notNull(),
    districtCode: text()
      .notNull()
      .references(() => districts.code),
    ownership: ownershipClass().notNull().default('OTHER'),
    hasPartyOrganisation: boolean().notNull(),
    scienceWorkerCount: integer().notNull().default(0),
    // The return type breaks the circular inference of a table that references itself.
    parentEnterpriseId: integer().references((): AnyPgColumn => enterprises.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex().on(t.creditCode), index().on(t.districtCode), index().on(t.parentEnterpriseId)],
);

export const organisations = org.table(
  'organisations',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    kind: organisationKind().notNull(),
    nameZh: text().notNull(),
    nameEn: text(),
    level: organisationLevel(),
    status: organisationStatus().notNull(),
    districtCode: text().references(() => districts.code),
    enterpriseId: integer().references(() => enterprises.id),
    establishedOn: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index().on(t.kind, t.id),
    index().on(t.districtCode, t.id),
    index().on(t.status, t.id),
    index().on(t.enterpriseId),
  ],
);

/**
 * A directed, dated edge: `fromId` is the subordinate side (the approved, guided or member association) and `toId`
 * the body above it. Rows are never updated except to set `validTo` once; history is the set of rows.
 */
export const relationships = org.table(
  'relationships',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    kind: relationshipKind().notNull(),
    fromId: integer()
      .notNull()
      .references(() => organisations.id),
    toId: integer()
      .notNull()
      .references(() => organisations.id),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    documentNo: text(),
    documentDate: date({ mode: 'string' }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.toId, t.kind, t.fromId), index().on(t.fromId, t.kind)],
);

/** Append-only record of every state change: who, when, what, under which document. */
export const events = org.table(
  'events',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    kind: text().notNull(),
    actor: text().notNull(),
    occurredAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Always given by the command (China Standard Time), never the database's `current_date` (UTC on most servers). */
    effectiveOn: date({ mode: 'string' }).notNull(),
    documentNo: text(),
    before: jsonb(),
    after: jsonb(),
  },
  (t) => [index().on(t.organisationId, t.id)],
);

/** Art. 13: who consented to the application on the enterprise's side. */
export const consentBody = org.enum('consent_body', ['PARTY_ORGANISATION', 'DECISION_MAKING_LEVEL']);

/** Art. 14: the five documents of an application to become municipal-level. */
export const applicationDocument = org.enum('application_document', [
  'REQUEST',
  'CHARTER',
  'PREPARATION_REPORT',
  'CANDIDATE_LIST',
  'ELECTION_RULES',
]);

export const applicationDecision = org.enum('application_decision', ['APPROVED', 'REJECTED', 'FILED']);

/** Art. 19: sanctions, each only by the approving association. */
export const sanctionKind = org.enum('sanction_kind', ['RECTIFICATION', 'WARNING', 'REVOCATION']);

/** Art. 19: the three grounds for deregistration. */
export const deregistrationReason = org.enum('deregistration_reason', [
  'DECIDED_TO_DISSOLVE',
  'ENTERPRISE_DISSOLVED',
  'TERMINATED_OTHERWISE',
]);

export const applications = org.table(
  'applications',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    appliedToId: integer()
      .notNull()
      .references(() => organisations.id),
    submittedOn: date({ mode: 'string' }).notNull(),
    consentBy: consentBody().notNull(),
    consentOn: date({ mode: 'string' }).notNull(),
    consentDocumentNo: text(),
    /** Art. 16: a subsidiary also needs its parent enterprise's Party organisation. */
    parentConsentOn: date({ mode: 'string' }),
    parentConsentDocumentNo: text(),
    /** R13.consent: the consents of the enterprises after the first, [{ enterpriseId, by, on, documentNo }]. */
    otherConsents: jsonb().$type<{ enterpriseId: number; by: 'PARTY_ORGANISATION' | 'DECISION_MAKING_LEVEL'; on: string; documentNo: string | null }[]>().notNull().default([]),
    documents: applicationDocument().array().notNull().default(sql`'{}'`),
    decision: applicationDecision(),
    decidedOn: date({ mode: 'string' }),
    decisionDocumentNo: text(),
    /** Art. 14: a municipal reply may be copied (抄送) to the registered district's association. */
    copiedToId: integer().references(() => organisations.id),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId), index().on(t.appliedToId, t.decision)],
);

/**
 * R3.transfer: each enterprise's registered district through time, written at each transfer (the enterprise row
 * holds the current one). `validFrom` null: since the enterprise was registered here.
 */
export const enterpriseDistricts = org.table(
  'enterprise_districts',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer()
      .notNull()
      .references(() => enterprises.id),
    districtCode: text()
      .notNull()
      .references(() => districts.code),
    validFrom: date({ mode: 'string' }),
    validTo: date({ mode: 'string' }),
    documentNo: text(),
  },
  (t) => [index().on(t.enterpriseId, t.validFrom)],
);

/**
 * R26.assembly: an enterprise's count of science and technology workers through time (history, never overwritten;
 * the enterprise row holds the latest). `validFrom` null: the count given when the enterprise was registered.
 */
export const scienceWorkerCounts = org.table(
  'science_worker_counts',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    enterpriseId: integer()
      .notNull()
      .references(() => enterprises.id),
    count: integer().notNull(),
    validFrom: date({ mode: 'string' }),
    documentNo: text(),
  },
  (t) => [index().on(t.enterpriseId, t.validFrom)],
);

export const groupMemberDecision = org.enum('group_member_decision', ['ACCEPTED', 'REFUSED']);

/** Art. 16, 17: an association's application to join a body as a group member, and the receiving body's decision. */
export const groupMemberApplications = org.table(
  'group_member_applications',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    appliedToId: integer()
      .notNull()
      .references(() => organisations.id),
    submittedOn: date({ mode: 'string' }).notNull(),
    documentNo: text(),
    decision: groupMemberDecision(),
    decidedOn: date({ mode: 'string' }),
    decisionDocumentNo: text(),
    /** The GROUP_MEMBER relationship an acceptance started. */
    relationshipId: integer(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId), index().on(t.appliedToId, t.decision)],
);

export const sanctions = org.table(
  'sanctions',
  {
    id: integer().primaryKey().generatedByDefaultAsIdentity(),
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    kind: sanctionKind().notNull(),
    byId: integer()
      .notNull()
      .references(() => organisations.id),
    decidedOn: date({ mode: 'string' }).notNull(),
    /** Rectification only: the day by which it must be done (inclusive). */
    deadline: date({ mode: 'string' }),
    /** Rectification only: the day the approving association accepted it as done. */
    completedOn: date({ mode: 'string' }),
    reason: text().notNull(),
    documentNo: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.organisationId, t.kind), index().on(t.kind, t.deadline)],
);

/** The enterprises behind a park association or consortium (Art. 1, 18, 44); one row for a single enterprise. */
export const organisationEnterprises = org.table(
  'organisation_enterprises',
  {
    organisationId: integer()
      .notNull()
      .references(() => organisations.id),
    enterpriseId: integer()
      .notNull()
      .references(() => enterprises.id),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.enterpriseId] }), index().on(t.enterpriseId)],
);


/**
 * What the explorer's search matches besides the name (organisations subgraph, data/search.ts): the usual
 * abbreviation (重庆市沙坪坝区科学技术协会 → 沙坪坝区科协) and the pinyin initials of the name and of the
 * abbreviation, lower case, space-separated (cqsspbqkxjsxh spbqkx). Written with the organisation; rows loaded in
 * bulk (the demo data) get theirs on the first search.
 */
export const searchKeys = org.table('search_keys', {
  organisationId: integer()
    .primaryKey()
    .references(() => organisations.id),
  abbreviation: text().notNull(),
  initials: text().notNull(),
});
