// Per-request loaders of the organisations subgraph. Each batch is one SQL statement.
import { todayInChina } from '@cq/domain';
import { alignMany, alignOne, type Identity, loaderFamily, type Page, scopeLoader } from '@cq/service-kit';
import type { Db } from '@cq/db';
import { withinDistrictScope } from '@cq/db/hierarchy';
import DataLoader from 'dataloader';
import * as hierarchy from './data/hierarchy.ts';
import * as lifeCycle from './data/life-cycle.ts';
import * as data from './data/organisations.ts';

const byId = <R extends { id: number }>(load: (ids: readonly number[]) => Promise<R[]>) =>
  new DataLoader<number, R | null>(async (ids) => alignOne(ids, await load(ids), (r) => r.id));

export function createLoaders(db: Db, identity: Identity) {
  return {
    /** Batches "may the caller see and change this organisation in full" by organisation id. */
    scope: scopeLoader(identity, (district, ids) => withinDistrictScope(db, district, ids, todayInChina())),
    /** Batches entity fetches and `__resolveReference` calls by organisation id. */
    organisation: byId((ids) => data.organisationsByIds(db, ids)),
    /** Batches enterprises by id. */
    enterprise: byId((ids) => data.enterprisesByIds(db, ids)),
    /** Batches relationships by id. */
    relationship: byId((ids) => hierarchy.relationshipsByIds(db, ids)),
    /** Batches districts by code. */
    district: new DataLoader<string, data.DistrictRow | null>(async (codes) => alignOne(codes, await data.districtsByCodes(db, codes), (r) => r.code)),
    /** Batches district associations by district code. */
    districtAssociation: new DataLoader<string, data.OrganisationRow | null>(async (codes) =>
      alignOne(codes, await data.districtAssociationsByCodes(db, codes), (r) => r.districtCode!),
    ),
    /** Batches the enterprises behind each organisation. */
    enterprisesOf: new DataLoader<number, data.EnterpriseRow[]>(async (ids) => alignMany(ids, await data.enterprisesOfOrganisations(db, ids), (r) => r.organisationId)),
    /** Batches "first page of children" by parent id, one loader per argument set. */
    children: loaderFamily<data.ChildrenArgs & { page: Page }, number, data.OrganisationRow[]>(async ({ page, ...args }, ids) =>
      alignMany(ids, await data.childrenOfParents(db, ids, args, page), (r) => r.parentId),
    ),
    /** Batches children counts by parent id, one loader per argument set. */
    childCount: loaderFamily<data.ChildrenArgs, number, number>(async (args, ids) =>
      alignOne(ids, await data.countChildrenOfParents(db, ids, args), (r) => r.parentId).map((r) => r?.n ?? 0),
    ),
    /** Batches statuses on a day by organisation id, one loader per day. */
    statusOn: loaderFamily<string, number, data.OrganisationRow['status'] | null>(async (asOf, ids) =>
      alignOne(ids, await data.statusesOn(db, ids, asOf), (r) => r.id).map((r) => r?.status ?? null),
    ),
    /** Batches the next body up the guidance chain by organisation id, one loader per day. */
    approverId: loaderFamily<string, number, number | null>(async (asOf, ids) =>
      alignOne(ids, await data.approversOf(db, ids, asOf), (r) => r.childId).map((r) => r?.approverId ?? null),
    ),
    /** Batches ancestors by organisation id, one loader per day. */
    ancestors: loaderFamily<string, number, data.OrganisationRow[]>(async (asOf, ids) => alignMany(ids, await hierarchy.ancestorsOf(db, ids, asOf), (r) => r.childId)),
    /** Batches "first page of descendants" by organisation id, one loader per argument set. */
    descendants: loaderFamily<hierarchy.DescendantArgs & { page: Page }, number, data.OrganisationRow[]>(async ({ page, ...args }, ids) =>
      alignMany(ids, await hierarchy.descendantsOf(db, ids, args, page), (r) => r.parentId),
    ),
    /** Batches descendant counts by organisation id, one loader per argument set. */
    descendantCount: loaderFamily<hierarchy.DescendantArgs, number, number>(async (args, ids) =>
      alignOne(ids, await hierarchy.countDescendantsOf(db, ids, args), (r) => r.parentId).map((r) => r?.n ?? 0),
    ),
    /** Batches relationships by the organisation they were asked for, one loader per argument set. */
    relationships: loaderFamily<data.RelationshipArgs, number, data.RelationshipRow[]>(async (args, ids) =>
      alignMany(ids, await data.relationshipsOf(db, ids, args), (r) => r.anchor),
    ),
    /** Batches "first page of events" by organisation id, one loader per page. */
    events: loaderFamily<Page, number, data.EventRow[]>(async (page, ids) => alignMany(ids, await data.eventsOf(db, ids, page), (r) => r.organisationId)),
    /** Batches event counts by organisation id. */
    eventCount: new DataLoader<number, number>(async (ids) => alignOne(ids, await data.countEventsOf(db, ids), (r) => r.organisationId).map((r) => r?.n ?? 0)),
    application: byId((ids) => lifeCycle.applicationsByIds(db, ids)),
    sanction: byId((ids) => lifeCycle.sanctionsByIds(db, ids)),
    groupMemberApplication: byId((ids) => lifeCycle.groupMemberApplicationsByIds(db, ids)),
    /** Batches applications by organisation id. */
    applications: new DataLoader<number, lifeCycle.ApplicationRow[]>(async (ids) => alignMany(ids, await lifeCycle.applicationsOf(db, ids), (r) => r.organisationId)),
    /** Batches enterprises' recorded science-worker counts, by enterprise id. */
    scienceWorkerCounts: new DataLoader<number, lifeCycle.ScienceWorkerCountRow[]>(async (ids) => alignMany(ids, await lifeCycle.scienceWorkerCountsOf(db, ids), (r) => r.enterpriseId)),
    /** Batches enterprises' registered districts through time, by enterprise id. */
    enterpriseDistricts: new DataLoader<number, lifeCycle.EnterpriseDistrictRow[]>(async (ids) => alignMany(ids, await lifeCycle.enterpriseDistrictsOf(db, ids), (r) => r.enterpriseId)),
    /** Batches group-member applications made or received, by organisation id. */
    groupMemberApplications: new DataLoader<number, lifeCycle.GroupMemberApplicationRow[]>(async (ids) =>
      alignMany(ids, await lifeCycle.groupMemberApplicationsOf(db, ids), (r) => r.anchor),
    ),
    /** Batches sanctions by organisation id. */
    sanctions: new DataLoader<number, lifeCycle.SanctionRow[]>(async (ids) => alignMany(ids, await lifeCycle.sanctionsOf(db, ids), (r) => r.organisationId)),
    /** Batches "is a rectification overdue" by organisation id, one loader per day. */
    rectificationOverdue: loaderFamily<string, number, boolean>(async (asOf, ids) =>
      alignOne(ids, await lifeCycle.overdueOrganisationIds(db, ids, asOf), (r) => r.organisationId).map((r) => r !== null),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
