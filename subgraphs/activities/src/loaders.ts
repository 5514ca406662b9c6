// Per-request loaders of the activities subgraph. Each batch is one SQL statement.
import { todayInChina } from '@cq/domain';
import { alignMany, alignOne, type Identity, loaderFamily, type Page, scopeLoader } from '@cq/service-kit';
import type { Db } from '@cq/db';
import { withinDistrictScope } from '@cq/db/hierarchy';
import DataLoader from 'dataloader';
import * as data from './data/activities.ts';
import * as awards from './data/awards.ts';
import * as evaluations from './data/evaluations.ts';
import * as funding from './data/funding.ts';
import * as rollUps from './data/roll-ups.ts';

const byOrganisation = <R extends { organisationId: number }>(load: (ids: readonly number[]) => Promise<R[]>) =>
  new DataLoader<number, R[]>(async (ids) => alignMany(ids, await load(ids), (r) => r.organisationId));

export function createLoaders(db: Db, identity: Identity) {
  return {
    /** Batches "may the caller see and change this organisation in full" by organisation id. */
    scope: scopeLoader(identity, (district, ids) => withinDistrictScope(db, district, ids, todayInChina())),
    /** Batches activities by id (entity fetches and `__resolveReference`). */
    activity: new DataLoader<number, data.ActivityRow | null>(async (ids) => alignOne(ids, await data.activitiesByIds(db, ids), (r) => r.id)),
    /** Batches the organiser ids of activities. */
    organisers: new DataLoader<number, number[]>(async (ids) =>
      alignMany(ids, await data.organisersOfActivities(db, ids), (r) => r.activityId).map((rows) => rows.map((r) => r.organisationId)),
    ),
    /** Batches "first page of activities" by organiser id, one loader per (filter, page). */
    activitiesOf: loaderFamily<{ filter: data.ActivityFilter; page: Page }, number, data.ActivityRow[]>(async ({ filter, page }, ids) =>
      alignMany(ids, await data.activitiesOfOrganisers(db, ids, filter, page), (r) => r.organisationId),
    ),
    /** Batches activity counts by organiser id, one loader per filter. */
    activityCount: loaderFamily<data.ActivityFilter, number, number>(async (filter, ids) =>
      alignOne(ids, await data.countActivitiesOfOrganisers(db, ids, filter), (r) => r.organisationId).map((r) => r?.n ?? 0),
    ),
    /** Batches activity statistics by organisation id, one loader per (year, descendants, day). */
    activityStats: loaderFamily<rollUps.StatsArgs, number, { kind: data.ActivityKind; year: number; count: number }[]>(async (args, ids) =>
      alignMany(ids, await rollUps.activityStatsOf(db, ids, args), (r) => r.organisationId),
    ),
    /** Batches participants by activity and participations by person. */
    participants: new DataLoader<number, data.ParticipationRow[]>(async (ids) => alignMany(ids, await data.participantsOf(db, ids), (r) => r.activityId)),
    participations: new DataLoader<number, data.ParticipationRow[]>(async (ids) => alignMany(ids, await data.participationsOf(db, ids), (r) => r.personId)),
    /** Batches awards given, evaluations, funding records and reports by organisation id, and awards by recipient person id. */
    awards: byOrganisation((ids) => awards.awardsByOrganisation(db, ids)),
    award: new DataLoader<number, awards.AwardRow | null>(async (ids) => alignOne(ids, await awards.awardsByIds(db, ids), (r) => r.id)),
    awardsOfPerson: new DataLoader<number, awards.AwardRow[]>(async (ids) => alignMany(ids, await awards.awardsOfPersons(db, ids), (r) => r.recipientPersonId!)),
    /** Batches awards to associations by recipient organisation id. */
    awardsReceived: new DataLoader<number, awards.AwardRow[]>(async (ids) =>
      alignMany(ids, await awards.awardsToOrganisations(db, ids), (r) => r.recipientOrganisationId!),
    ),
    evaluations: byOrganisation((ids) => evaluations.evaluationsOf(db, ids)),
    funding: byOrganisation((ids) => funding.fundingOf(db, ids)),
    reports: byOrganisation((ids) => funding.reportsOf(db, ids)),
    expenditures: byOrganisation((ids) => funding.expendituresOf(db, ids)),
    /** Batches what each financial report covers in the records, by report id. */
    reportRecords: new DataLoader<number, { incomeFen: string; expenditureFen: string }>(async (ids) =>
      alignOne(ids, await funding.recordedForReports(db, ids), (r) => r.reportId).map((r) => r ?? { incomeFen: '0', expenditureFen: '0' }),
    ),
    /** Batches income and expenditure up to a day by organisation id, one loader per day. */
    balances: loaderFamily<string, number, { incomeFen: string; expenditureFen: string }>(async (asOf, ids) =>
      alignOne(ids, await funding.balancesOf(db, ids, asOf), (r) => r.organisationId).map((r) => r ?? { incomeFen: '0', expenditureFen: '0' }),
    ),
    /** Batches income totals by organisation id, one loader per (year, descendants, day). */
    fundingTotals: loaderFamily<rollUps.StatsArgs, number, { year: number; source: funding.FundingSource; fen: string }[]>(async (args, ids) =>
      alignMany(ids, await rollUps.fundingTotalsOf(db, ids, args), (r) => r.organisationId),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
