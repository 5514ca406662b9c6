// Per-request loaders of the people subgraph. Each batch is one SQL statement.
import { alignMany, alignOne, loaderFamily, type Page } from '@cq/common';
import type { Db } from '@cq/db';
import DataLoader from 'dataloader';
import * as data from './data/people.ts';

export function createLoaders(db: Db) {
  return {
    /** Batches persons by id (entity fetches and `__resolveReference`). */
    person: new DataLoader<number, data.PersonRow | null>(async (ids) => alignOne(ids, await data.personsByIds(db, ids), (r) => r.id)),
    /** Batches "first page of members" by organisation id, one loader per (asOf, page). */
    members: loaderFamily<{ asOf: string; page: Page }, number, data.MembershipRow[]>(async ({ asOf, page }, ids) =>
      alignMany(ids, await data.membersOfOrganisations(db, ids, asOf, page), (r) => r.organisationId),
    ),
    /** Batches member counts by organisation id, one loader per asOf. */
    memberCount: loaderFamily<string, number, number>(async (asOf, ids) =>
      alignOne(ids, await data.countMembersOfOrganisations(db, ids, asOf), (r) => r.organisationId).map((r) => r?.n ?? 0),
    ),
    /** Batches "first page of memberships" by person id, one loader per page. */
    memberships: loaderFamily<Page, number, data.MembershipRow[]>(async (page, ids) =>
      alignMany(ids, await data.membershipsOfPersons(db, ids, page), (r) => r.personId),
    ),
    /** Batches membership counts by person id. */
    membershipCount: new DataLoader<number, number>(async (ids) =>
      alignOne(ids, await data.countMembershipsOfPersons(db, ids), (r) => r.personId).map((r) => r?.n ?? 0),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
