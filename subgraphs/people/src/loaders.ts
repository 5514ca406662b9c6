// Per-request loaders of the people subgraph. Each batch is one SQL statement.
import { todayInChina } from '@cq/domain';
import { alignMany, alignOne, type Identity, loaderFamily, type Page, scopeLoader } from '@cq/service-kit';
import type { Db } from '@cq/db';
import { withinDistrictScope } from '@cq/db/hierarchy';
import { visibilityLoader } from './visibility.ts';
import DataLoader from 'dataloader';
import * as leadership from './data/leadership.ts';
import * as data from './data/people.ts';
import * as societies from './data/societies.ts';

const byId = <R extends { id: number }>(load: (ids: readonly number[]) => Promise<R[]>) =>
  new DataLoader<number, R | null>(async (ids) => alignOne(ids, await load(ids), (r) => r.id));
const flag = (rows: { organisationId: number }[], ids: readonly number[]) => alignOne(ids, rows, (r) => r.organisationId).map((r) => r !== null);

export function createLoaders(db: Db, identity: Identity) {
  /** Batches "may the caller see and change this organisation in full" by organisation id. */
  const scope = scopeLoader(identity, (district, ids) => withinDistrictScope(db, district, ids, todayInChina()));
  return {
    scope,
    /** Batches how much of each person the caller may see. */
    visibility: visibilityLoader(db, identity, scope),
    /** Batches persons by id (entity fetches and `__resolveReference`). */
    person: byId((ids) => data.personsByIds(db, ids)),
    /** Batches memberships, congresses, committees, meetings and resolutions by id. */
    membership: byId((ids) => data.membershipsByIds(db, ids)),
    congress: byId((ids) => leadership.congressesByIds(db, ids)),
    committee: byId((ids) => leadership.committeesByIds(db, ids)),
    meeting: byId((ids) => leadership.meetingsByIds(db, ids)),
    resolution: byId((ids) => leadership.resolutionsByIds(db, ids)),
    post: byId((ids) => leadership.postsByIds(db, ids)),
    link: byId((ids) => societies.linksByIds(db, ids)),
    /** Batches "first page of members" by organisation id, one loader per (asOf, page). */
    members: loaderFamily<data.MemberFilter & { page: Page }, number, data.MembershipRow[]>(async ({ page, ...filter }, ids) =>
      alignMany(ids, await data.membersOfOrganisations(db, ids, filter, page), (r) => r.organisationId),
    ),
    /** Batches member counts of (a filtered list of) one organisation by organisation id. */
    memberCount: loaderFamily<data.MemberFilter, number, number>(async (filter, ids) =>
      alignOne(ids, await data.countMembersOfOrganisations(db, ids, filter), (r) => r.organisationId).map((r) => r?.n ?? 0),
    ),
    /** Batches member counts including every descendant, through the hierarchy read model, one loader per day (today's from the roll-up). */
    memberCountWithDescendants: loaderFamily<string, number, number>(async (asOf, ids) =>
      alignOne(ids, await data.countMembersWithDescendants(db, ids, asOf), (r) => r.organisationId).map((r) => r?.n ?? 0),
    ),
    /** R22.arrears: batches "first page of members in arrears" and their counts by organisation id, one loader per argument set. */
    arrears: loaderFamily<data.ArrearsArgs & { page: Page }, number, data.ArrearsRow[]>(async ({ page, ...args }, ids) =>
      alignMany(ids, await data.arrearsOfOrganisations(db, ids, args, page), (r) => r.membership.organisationId),
    ),
    arrearsCount: loaderFamily<data.ArrearsArgs, number, number>(async (args, ids) =>
      alignOne(ids, await data.countArrearsOfOrganisations(db, ids, args), (r) => r.organisationId).map((r) => r?.n ?? 0),
    ),
    /** Batches "first page of memberships" by person id, one loader per page. */
    memberships: loaderFamily<Page, number, data.MembershipRow[]>(async (page, ids) => alignMany(ids, await data.membershipsOfPersons(db, ids, page), (r) => r.personId)),
    /** Batches membership counts by person id. */
    membershipCount: new DataLoader<number, number>(async (ids) => alignOne(ids, await data.countMembershipsOfPersons(db, ids), (r) => r.personId).map((r) => r?.n ?? 0)),
    /** Batches dues payments by membership id. */
    dues: new DataLoader<number, data.DuesPaymentRow[]>(async (ids) => alignMany(ids, await data.duesOfMemberships(db, ids), (r) => r.membershipId)),
    /** Batches congresses, committees and the congress flags by organisation id. */
    congressesOf: new DataLoader<number, leadership.CongressRow[]>(async (ids) => alignMany(ids, await leadership.congressesOf(db, ids), (r) => r.organisationId)),
    congressOverdue: loaderFamily<string, number, boolean>(async (asOf, ids) => flag(await leadership.overdueOf(db, ids, asOf), ids)),
    congressReportLate: loaderFamily<string, number, boolean>(async (asOf, ids) => flag(await leadership.lateReportsOf(db, ids, asOf), ids)),
    committeesOf: new DataLoader<number, leadership.CommitteeRow[]>(async (ids) => alignMany(ids, await leadership.committeesOf(db, ids), (r) => r.organisationId)),
    currentCommittee: loaderFamily<string, number, leadership.CommitteeRow | null>(async (asOf, ids) => alignOne(ids, await leadership.currentCommittees(db, ids, asOf), (r) => r.organisationId)),
    /** Batches posts by organisation, person or committee, one loader per argument set. */
    postsOfOrganisation: loaderFamily<leadership.PostArgs, number, leadership.PostRow[]>(async (args, ids) => alignMany(ids, await leadership.postsOfOrganisations(db, ids, args), (r) => r.organisationId)),
    postsOfPerson: loaderFamily<leadership.PostArgs, number, leadership.PostRow[]>(async (args, ids) => alignMany(ids, await leadership.postsOfPersons(db, ids, args), (r) => r.personId)),
    postsOfCommittee: loaderFamily<string, number, leadership.PostRow[]>(async (asOf, ids) => alignMany(ids, await leadership.postsOfCommittees(db, ids, asOf), (r) => r.committeeId!)),
    /** Batches meetings by committee, and attendees and resolutions by meeting. */
    meetingsOf: new DataLoader<number, leadership.MeetingRow[]>(async (ids) => alignMany(ids, await leadership.meetingsOfCommittees(db, ids), (r) => r.committeeId)),
    attendees: new DataLoader<number, number[]>(async (ids) =>
      alignMany(ids, await leadership.attendeesOfMeetings(db, ids), (r) => r.meetingId).map((rows) => rows.map((r) => r.personId)),
    ),
    /** Batches the memberships each resolution names (R23.revoke) by resolution id. */
    membershipsOfResolution: new DataLoader<number, number[]>(async (ids) =>
      alignMany(ids, await leadership.membershipsOfResolutions(db, ids), (r) => r.resolutionId).map((rows) => rows.map((r) => r.membershipId)),
    ),
    /** R28.reports: batches the committee each congress elected by congress id. */
    committeeElectedBy: new DataLoader<number, leadership.CommitteeRow | null>(async (ids) => alignOne(ids, await leadership.committeesElectedBy(db, ids), (r) => r.congressId!)),
    /** R30.plan: batches work plan reviews by organisation (one loader per year) and by resolution. */
    workPlanReviewsOf: loaderFamily<number, number, leadership.WorkPlanReviewRow[]>(async (year, ids) =>
      alignMany(ids, await leadership.workPlanReviewsOf(db, ids, year), (r) => r.organisationId),
    ),
    workPlanReviewsOfResolution: new DataLoader<number, leadership.WorkPlanReviewRow[]>(async (ids) =>
      alignMany(ids, await leadership.workPlanReviewsOfResolutions(db, ids), (r) => r.resolutionId),
    ),
    resolutionsOf: new DataLoader<number, leadership.ResolutionRow[]>(async (ids) => alignMany(ids, await leadership.resolutionsOfMeetings(db, ids), (r) => r.meetingId)),
    /** Batches society links by person, and first pages of them by society. */
    linksOfPerson: new DataLoader<number, societies.SocietyLinkRow[]>(async (ids) => alignMany(ids, await societies.linksOfPersons(db, ids), (r) => r.personId)),
    linksOfSociety: loaderFamily<{ includeEnded: boolean; page: Page }, number, societies.SocietyLinkRow[]>(async ({ includeEnded, page }, ids) =>
      alignMany(ids, await societies.linksOfSocieties(db, ids, includeEnded, page), (r) => r.societyId),
    ),
    linkCount: loaderFamily<boolean, number, number>(async (includeEnded, ids) =>
      alignOne(ids, await societies.countLinksOfSocieties(db, ids, includeEnded), (r) => r.societyId).map((r) => r?.n ?? 0),
    ),
    /** Batches what happened to each link by link id. */
    linkEvents: new DataLoader<number, societies.LinkEventRow[]>(async (ids) => alignMany(ids, await societies.eventsOfLinks(db, ids), (r) => r.linkId)),
    /** Batches the associations each person is a member of on a day (one loader per day), by person id. */
    memberOf: loaderFamily<string, number, number[]>(async (asOf, ids) =>
      alignMany(ids, await societies.associationsOfPersons(db, ids, asOf), (r) => r.personId).map((rows) => rows.map((r) => r.organisationId)),
    ),
    /** Batches the first page of links waiting for each association, and their counts, by organisation id (today). */
    linksToConfirm: loaderFamily<Page, number, societies.SocietyLinkRow[]>(async (page, ids) =>
      alignMany(ids, await societies.linksToConfirm(db, ids, todayInChina(), page), (r) => r.organisationId),
    ),
    linksToConfirmCount: new DataLoader<number, number>(async (ids) =>
      alignOne(ids, await societies.countLinksToConfirm(db, ids, todayInChina()), (r) => r.organisationId).map((r) => r?.n ?? 0),
    ),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
