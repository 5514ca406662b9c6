import { ErrorCode, formatFen, tryParseId, userError } from '@cq/domain';
import { readPage, requireRole, STRUCTURE_READERS, toConnection } from '@cq/service-kit';
import type { StatsArgs } from '../data/records.ts';
import type { ActivityResolvers, OrganisationResolvers, PersonResolvers } from '../generated/resolvers.ts';
import type { Context } from '../context.ts';
import { cursorKey, KEY_SHAPE } from './query.ts';

/** The organisations subgraph owns organisations; here one is an id, and an id that parses to nothing matches nothing. */
const NO_SUCH_ID = 0;
const idOf = (ref: { id: string | number }) => tryParseId(ref.id) ?? NO_SUCH_ID;

/** The arguments of a roll-up (activityStats, fundingTotals): a year that is a calendar year, and the day the hierarchy is read on. */
function rollUp(args: { year?: number | null; includeDescendants?: boolean | null; asOf?: string | null }, today: string): StatsArgs {
  const year = args.year ?? null;
  if (year !== null && (year < 1 || year > 9999)) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`year\` from 1 to 9999, received ${year}.`, { argument: 'year', received: year });
  }
  return { year, includeDescendants: args.includeDescendants ?? false, asOf: args.asOf ?? today };
}

/** Keeps what the caller may see in full: records of organisations within its scope. */
async function visible<T>(ctx: Context, rows: T[], organisationOf: (row: T) => Promise<number>): Promise<T[]> {
  const allowed = await Promise.all(rows.map(async (row) => ctx.loaders.scope.load(await organisationOf(row))));
  return rows.filter((_, i) => allowed[i]);
}

/** The organiser an activity's personal records are shown by: the one with the lowest id. */
const leadOrganiser = async (ctx: Context, activityId: number) => (await ctx.loaders.organisers.load(activityId))[0] ?? NO_SUCH_ID;

export const Activity: ActivityResolvers = {
  __resolveReference: (ref, { loaders }) => {
    const id = tryParseId(ref.id);
    return id === null ? null : loaders.activity.load(id);
  },
  organisers: async (a, _, { loaders }) => (await loaders.organisers.load(a.id)).map((id) => ({ id })),
  // Who took part is personal, whichever side it is read from: the same rule as Person.participations.
  participants: async (a, _, ctx) => ((await ctx.loaders.scope.load(await leadOrganiser(ctx, a.id))) ? ctx.loaders.participants.load(a.id) : []),
};

// What a person took part in and was awarded is personal: shown only for activities (by their lead organiser) and
// awards of organisations the caller may see in full.
export const Person: PersonResolvers = {
  participations: async (p, _, ctx) => visible(ctx, await ctx.loaders.participations.load(idOf(p)), (r) => leadOrganiser(ctx, r.activityId)),
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
  activityStats: (o, args, { loaders, today }) => loaders.activityStats(rollUp(args, today)).load(idOf(o)),
  awards: async (o, _, ctx) => visible(ctx, await ctx.loaders.awards.load(idOf(o)), async (r) => r.organisationId),
  // Awards to an association name no person: what the association itself received is not personal data.
  awardsReceived(o, _, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see awards to associations');
    return loaders.awardsReceived.load(idOf(o));
  },
  evaluations(o, _, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see evaluations');
    return loaders.evaluations.load(idOf(o));
  },
  async fundingTotals(o, args, { loaders, identity, today }) {
    requireRole(identity, STRUCTURE_READERS, 'see funding');
    return (await loaders.fundingTotals(rollUp(args, today)).load(idOf(o))).map((r) => ({ year: r.year, source: r.source, amount: formatFen(r.fen), amountFen: r.fen }));
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
