// Per-request loaders of the activities subgraph. Each batch is one SQL statement.
import { alignMany, alignOne, loaderFamily, type Page } from '@cq/common';
import type { Db } from '@cq/db';
import DataLoader from 'dataloader';
import * as data from './data/activities.ts';

export function createLoaders(db: Db) {
  return {
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
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
