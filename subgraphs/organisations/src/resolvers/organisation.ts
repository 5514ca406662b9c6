import { ErrorCode, tryParseId, userError } from '@cq/domain';
import { readPage, toConnection } from '@cq/service-kit';
import { requireRecords, requireStructure } from '../access.ts';
import { memberArgs } from '../data/organisations.ts';
import type { OrganisationResolvers } from '../generated/resolvers.ts';

const sorted = <T extends string>(values: readonly T[] | null | undefined) => (values?.length ? [...values].sort() : null);

export const Organisation: OrganisationResolvers = {
  __resolveReference: (ref, { loaders }) => {
    const id = tryParseId(ref.id);
    return id === null ? null : loaders.organisation.load(id);
  },
  statusOn: (o, { date }, { loaders }) => loaders.statusOn(date).load(o.id),
  district: (o, _, { loaders }) => (o.districtCode ? loaders.district.load(o.districtCode) : null),
  enterprise: (o, _, { loaders }) => (o.enterpriseId ? loaders.enterprise.load(o.enterpriseId) : null),
  enterprises: (o, _, { loaders }) => loaders.enterprisesOf.load(o.id),
  async children(o, { kinds, asOf, first, after }, { loaders, today }) {
    const page = readPage({ first, after });
    const args = { kinds: sorted(kinds) ?? [], asOf: asOf ?? today };
    const rows = await loaders.children({ ...args, page }).load(o.id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.childCount(args).load(o.id) };
  },
  async memberAssociations(o, { asOf, first, after }, { loaders, today }) {
    const page = readPage({ first, after });
    const args = memberArgs(asOf ?? today);
    const rows = await loaders.children({ ...args, page }).load(o.id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.childCount(args).load(o.id) };
  },
  async approver(o, { asOf }, { loaders, today }) {
    const id = await loaders.approverId(asOf ?? today).load(o.id);
    return id === null ? null : loaders.organisation.load(id);
  },
  ancestors: (o, { asOf }, { loaders, today }) => loaders.ancestors(asOf ?? today).load(o.id),
  async descendants(o, { asOf, maxDepth, kinds, first, after }, { loaders, today }) {
    if (maxDepth != null && maxDepth < 1) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected maxDepth of 1 or more, received ${maxDepth}.`, { argument: 'maxDepth', received: maxDepth });
    }
    const page = readPage({ first, after });
    const args = { asOf: asOf ?? today, maxDepth: maxDepth ?? null, kinds: sorted(kinds) };
    const rows = await loaders.descendants({ ...args, page }).load(o.id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.descendantCount(args).load(o.id) };
  },
  relationships(o, { direction, kinds, asOf, history }, ctx) {
    requireStructure(ctx, 'see relationships');
    return ctx.loaders.relationships({ direction: direction ?? 'BOTH', kinds: sorted(kinds), asOf: history ? null : (asOf ?? ctx.today) }).load(o.id);
  },
  async applications(o, _, ctx) {
    await requireRecords(ctx, o.id, 'see its applications');
    return ctx.loaders.applications.load(o.id);
  },
  async groupMemberApplications(o, _, ctx) {
    await requireRecords(ctx, o.id, 'see its group-member applications');
    return ctx.loaders.groupMemberApplications.load(o.id);
  },
  async sanctions(o, _, ctx) {
    await requireRecords(ctx, o.id, 'see its sanctions');
    return ctx.loaders.sanctions.load(o.id);
  },
  async rectificationOverdue(o, { asOf }, ctx) {
    await requireRecords(ctx, o.id, 'see its sanctions');
    return ctx.loaders.rectificationOverdue(asOf ?? ctx.today).load(o.id);
  },
  async events(o, { first, after }, ctx) {
    await requireRecords(ctx, o.id, 'see its history');
    const { loaders } = ctx;
    const page = readPage({ first, after });
    const rows = await loaders.events(page).load(o.id);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.eventCount.load(o.id) };
  },
};
