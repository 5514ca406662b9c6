import { formatFen, readPage, requireRole, STRUCTURE_READERS, toConnection, tryParseId } from '@cq/common';
import type { ActivityResolvers, OrganisationResolvers, PersonResolvers } from '../generated/resolvers.ts';
import type { Context } from '../context.ts';
import { cursorKey, KEY_SHAPE } from './query.ts';

/** The organisations subgraph owns organisations; here one is an id, and an id that parses to nothing matches nothing. */
const NO_SUCH_ID = 0;
const idOf = (ref: { id: string | number }) => tryParseId(ref.id) ?? NO_SUCH_ID;

/** Keeps what the caller may see in full: records of organisations within its scope. */
async function visible<T>(ctx: Context, rows: T[], organisationOf: (row: T) => Promise<number>): Promise<T[]> {
  const allowed = await Promise.all(rows.map(async (row) => ctx.loaders.scope.load(await organisationOf(row))));
  return rows.filter((_, i) => allowed[i]);
}

export const Activity: ActivityResolvers = {
  __resolveReference: (ref, { loaders }) => {
    const id = tryParseId(ref.id);
    return id === null ? null : loaders.activity.load(id);
  },
  organisers: async (a, _, { loaders }) => (await loaders.organisers.load(a.id)).map((id) => ({ id })),
  participants: (a, _, { loaders }) => loaders.participants.load(a.id),
};

// What a person took part in and was awarded is personal: shown only for activities and awards of organisations
// the caller may see in full.
export const Person: PersonResolvers = {
  participations: async (p, _, ctx) => visible(ctx, await ctx.loaders.participations.load(idOf(p)), async (r) => (await ctx.loaders.organisers.load(r.activityId))[0]!),
  awards: async (p, _, ctx) => visible(ctx, await ctx.loaders.awardsOfPerson.load(idOf(p)), async (r) => r.organisationId),
};

export const Organisation: OrganisationResolvers = {
  async activities(o, { filter, first, after }, { loaders }) {
    const page = readPage({ first, after }, KEY_SHAPE);
    const f = { kinds: filter?.kinds ? [...filter.kinds].sort() : null, from: filter?.from ?? null, to: filter?.to ?? null };
    const id = idOf(o);
    const rows = await loaders.activitiesOf({ filter: f, page }).load(id);
    return { ...toConnection(rows, page, cursorKey), totalCount: () => loaders.activityCount(f).load(id) };
  },
  activityStats: (o, { year, includeDescendants }, { loaders, today }) =>
    loaders.activityStats({ year: year ?? null, includeDescendants: includeDescendants ?? false, asOf: today }).load(idOf(o)),
  awards: async (o, _, ctx) => visible(ctx, await ctx.loaders.awards.load(idOf(o)), async (r) => r.organisationId),
  evaluations(o, _, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see evaluations');
    return loaders.evaluations.load(idOf(o));
  },
  async fundingTotals(o, { year }, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see funding');
    return (await loaders.fundingTotals(year ?? null).load(idOf(o))).map((r) => ({ year: r.year, source: r.source, amount: formatFen(r.fen) }));
  },
  funding(o, _, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see funding');
    return loaders.funding.load(idOf(o));
  },
  financialReports(o, _, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see financial reports');
    return loaders.reports.load(idOf(o));
  },
};
