import { ErrorCode, tryParseId, userError } from '@cq/domain';
import { readPage, requireRole, STRUCTURE_READERS, toConnection } from '@cq/service-kit';
import { EDITORS, requireAssociation } from '../access.ts';
import type { OrganisationResolvers } from '../generated/resolvers.ts';
import { workPlanReview } from './work-plan.ts';

/** The organisations subgraph owns organisations; here one is an id, and an id that parses to nothing matches nothing. */
const NO_SUCH_ID = 0;
const organisationId = (o: { id: string | number }) => tryParseId(o.id) ?? NO_SUCH_ID;
const sorted = <T extends string>(values: readonly T[] | null | undefined) => (values?.length ? [...values].sort() : null);

export const Organisation: OrganisationResolvers = {
  async members(o, { asOf, categories, first, after }, ctx) {
    const { loaders, today } = ctx;
    const id = organisationId(o);
    await requireAssociation(ctx, id, 'see its members');
    const page = readPage({ first, after });
    const filter = { asOf: asOf ?? today, categories: sorted(categories) };
    const rows = await loaders.members({ ...filter, page }).load(id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.memberCount(filter).load(id) };
  },
  /** R22.arrears: guarded like `members`, whose personal data it is. */
  async membersInArrears(o, { asOf, months, first, after }, ctx) {
    const { loaders, today } = ctx;
    const id = organisationId(o);
    await requireAssociation(ctx, id, 'see its members in arrears');
    const span = months ?? 12;
    if (!Number.isInteger(span) || span < 1 || span > 60) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected months from 1 to 60, received ${span}.`, { argument: 'months', received: span });
    }
    const page = readPage({ first, after });
    const args = { asOf: asOf ?? today, months: span };
    const [rows, totalCount] = await Promise.all([loaders.arrears({ ...args, page }).load(id), loaders.arrearsCount(args).load(id)]);
    return { ...toConnection(rows, page, (r) => [r.membership.id]), totalCount };
  },
  /** R30.plan: structure, like the committees. */
  async workPlan(o, { year }, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see work plan reviews');
    const reviews = await loaders.workPlanReviewsOf(year).load(organisationId(o));
    const of = (kind: 'PLAN' | 'SUMMARY') => {
      const row = reviews.find((r) => r.kind === kind);
      return row ? workPlanReview(row, loaders) : null;
    };
    const [plan, summary] = [of('PLAN'), of('SUMMARY')];
    return { year, plan, summary, complete: plan !== null && summary !== null };
  },
  // Aggregates and the leadership's structure are for analysts too; the persons in it guard themselves.
  memberCount(o, { asOf, includeDescendants }, { loaders, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see member counts');
    const day = asOf ?? today;
    // The same loader as a member list's total, so that both in one request are one statement.
    return includeDescendants ? loaders.memberCountWithDescendants(day).load(organisationId(o)) : loaders.memberCount({ asOf: day, categories: null }).load(organisationId(o));
  },
  congresses(o, _, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see congresses');
    return loaders.congressesOf.load(organisationId(o));
  },
  congressOverdue(o, { asOf }, { loaders, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see congresses');
    return loaders.congressOverdue(asOf ?? today).load(organisationId(o));
  },
  congressReportLate(o, { asOf }, { loaders, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see congresses');
    return loaders.congressReportLate(asOf ?? today).load(organisationId(o));
  },
  committees(o, _, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see committees');
    return loaders.committeesOf.load(organisationId(o));
  },
  currentCommittee(o, { asOf }, { loaders, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see committees');
    return loaders.currentCommittee(asOf ?? today).load(organisationId(o));
  },
  posts(o, { asOf, roles, history }, { loaders, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see posts');
    return loaders.postsOfOrganisation({ asOf: history ? null : (asOf ?? today), roles: sorted(roles) }).load(organisationId(o));
  },
  async linkedMembers(o, { first, after, includeEnded }, ctx) {
    const { loaders } = ctx;
    const id = organisationId(o);
    await requireAssociation(ctx, id, "see a society's links", [...EDITORS, 'SOCIETY']);
    const page = readPage({ first, after });
    const ended = includeEnded ?? false;
    const rows = await loaders.linksOfSociety({ includeEnded: ended, page }).load(id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.linkCount(ended).load(id) };
  },
  async societyLinksToConfirm(o, { first, after }, ctx) {
    const { loaders } = ctx;
    const id = organisationId(o);
    await requireAssociation(ctx, id, 'see the society links waiting for it');
    const page = readPage({ first, after });
    const rows = await loaders.linksToConfirm(page).load(id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.linksToConfirmCount.load(id) };
  },
};
