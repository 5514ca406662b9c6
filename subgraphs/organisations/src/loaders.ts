// Per-request loaders of the organisations subgraph. Each batch is one SQL statement.
import { alignMany, alignOne, loaderFamily, type Page } from '@cq/common';
import type { Db } from '@cq/db';
import DataLoader from 'dataloader';
import * as data from './data/organisations.ts';

export function createLoaders(db: Db) {
  return {
    /** Batches entity fetches and `__resolveReference` calls by organisation id. */
    organisation: new DataLoader<number, data.OrganisationRow | null>(async (ids) =>
      alignOne(ids, await data.organisationsByIds(db, ids), (r) => r.id),
    ),
    /** Batches enterprises by id. */
    enterprise: new DataLoader<number, data.EnterpriseRow | null>(async (ids) =>
      alignOne(ids, await data.enterprisesByIds(db, ids), (r) => r.id),
    ),
    /** Batches districts by code. */
    district: new DataLoader<string, data.DistrictRow | null>(async (codes) =>
      alignOne(codes, await data.districtsByCodes(db, codes), (r) => r.code),
    ),
    /** Batches district associations by district code. */
    districtAssociation: new DataLoader<string, data.OrganisationRow | null>(async (codes) =>
      alignOne(codes, await data.districtAssociationsByCodes(db, codes), (r) => r.districtCode!),
    ),
    /** Batches "first page of children" by parent id, one loader per argument set. */
    children: loaderFamily<data.ChildrenArgs & { page: Page }, number, data.OrganisationRow[]>(async ({ page, ...args }, ids) =>
      alignMany(ids, await data.childrenOfParents(db, ids, args, page), (r) => r.parentId),
    ),
    /** Batches children counts by parent id, one loader per argument set. */
    childCount: loaderFamily<data.ChildrenArgs, number, number>(async (args, ids) =>
      alignOne(ids, await data.countChildrenOfParents(db, ids, args), (r) => r.parentId).map((r) => r?.n ?? 0),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
