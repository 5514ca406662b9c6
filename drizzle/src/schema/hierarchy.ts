// The hierarchy read model: the one part of the organisations subgraph's data that other subgraphs read. Derived
// from the `org` tables and kept by the organisations subgraph in the transaction of every structural change
// (drizzle/src/hierarchy/maintain.ts); read only through drizzle/src/hierarchy/read.ts. Its tables reference no
// other table, so that they can be replicated on their own into a subgraph's separate database (docs/read-model.md).
import { date, index, integer, pgSchema, primaryKey, text } from 'drizzle-orm/pg-core';

export const hierarchySchema = pgSchema('hierarchy');

/** Every organisation, with its kind and the day it was founded (approved or filed), if it was. */
export const hierarchyOrganisations = hierarchySchema.table('organisations', {
  id: integer().primaryKey(),
  kind: text().notNull(),
  establishedOn: date({ mode: 'string' }),
});

/**
 * Each organisation's status through time (APPLIED, ACTIVE, REJECTED, REVOKED, DEREGISTERED), from its event
 * history: one row per period, at most one holding on any day; none before the organisation existed.
 */
export const hierarchyStatuses = hierarchySchema.table(
  'statuses',
  {
    organisationId: integer().notNull(),
    status: text().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.validFrom] })],
);

/**
 * For each organisation, its path of ancestors through the guidance chain (GUIDANCE and APPROVAL edges) from the
 * root down to itself, with the dates the path held. One row per period; at most one holds on any day.
 */
export const hierarchyPaths = hierarchySchema.table(
  'paths',
  {
    organisationId: integer().notNull(),
    path: integer().array().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
    /**
     * The district association on the path (the organisation itself, for one), null for municipal-level ones: kept
     * with the path so that grouping rows by district is one index lookup each (districtAssociationOn).
     */
    districtId: integer(),
  },
  // A key (replica identity) for logical replication; an organisation has at most one path starting on a day.
  (t) => [primaryKey({ columns: [t.organisationId, t.validFrom] }), index('paths_path_gin').using('gin', t.path)],
);

/** Art. 3: the district association that liaises with a municipal-level association, with the dates it held. */
export const hierarchyLiaisons = hierarchySchema.table(
  'liaisons',
  {
    organisationId: integer().notNull(),
    districtId: integer().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.districtId, t.validFrom] }), index().on(t.districtId)],
);

/** Which enterprises stand behind each association (one, or several for a park or consortium association). */
export const hierarchyOrganisationEnterprises = hierarchySchema.table(
  'organisation_enterprises',
  {
    organisationId: integer().notNull(),
    enterpriseId: integer().notNull(),
  },
  (t) => [primaryKey({ columns: [t.organisationId, t.enterpriseId] })],
);

/** R26.assembly: each enterprise's science and technology workers through time; at most one count holds on a day. */
export const hierarchyScienceWorkers = hierarchySchema.table(
  'science_workers',
  {
    enterpriseId: integer().notNull(),
    count: integer().notNull(),
    validFrom: date({ mode: 'string' }).notNull(),
    validTo: date({ mode: 'string' }),
  },
  (t) => [primaryKey({ columns: [t.enterpriseId, t.validFrom] })],
);
