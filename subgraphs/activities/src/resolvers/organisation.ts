import { ErrorCode, formatFen, userError } from '@cq/domain';
import { readPage, requireRole, requireScope, STRUCTURE_READERS, toConnection } from '@cq/service-kit';
import type { StatsArgs } from '../data/roll-ups.ts';
import type { OrganisationResolvers } from '../generated/resolvers.ts';
import { toExpenditure } from './expenditure-record.ts';
import { cursorKey, KEY_SHAPE } from './query.ts';
import { idOf } from './shared.ts';

/** The arguments of a roll-up (activityStats, fundingTotals): a year that is a calendar year, and the day the hierarchy is read on. */
function rollUp(args: { year?: number | null; includeDescendants?: boolean | null; asOf?: string | null }, today: string): StatsArgs {
  const year = args.year ?? null;
  if (year !== null && (year < 1 || year > 9999)) {
    throw userError(ErrorCode.INVALID_ARGUMENT, `Expected \`year\` from 1 to 9999, received ${year}.`, { argument: 'year', received: year });
  }
  return { year, includeDescendants: args.includeDescendants ?? false, asOf: args.asOf ?? today };
}

export const Organisation: OrganisationResolvers = {
  async activities(o, { filter, first, after }, { loaders }) {
    const page = readPage({ first, after }, KEY_SHAPE);
    const f = { kinds: filter?.kinds ? [...filter.kinds].sort() : null, from: filter?.from ?? null, to: filter?.to ?? null };
    const id = idOf(o);
    const rows = await loaders.activitiesOf({ filter: f, page }).load(id);
    return { ...toConnection(rows, page, cursorKey), totalCount: () => loaders.activityCount(f).load(id) };
  },
  activityStats: (o, args, { loaders, today }) => loaders.activityStats(rollUp(args, today)).load(idOf(o)),
  // Awards to persons are personal records: shown to whoever may see the association in full, refused (not emptied)
  // for anyone else, so that a dashboard never mistakes a refusal for no awards.
  async awards(o, _, ctx) {
    await requireScope(ctx.identity, ctx.loaders.scope, idOf(o), 'see the awards to its people');
    return ctx.loaders.awards.load(idOf(o));
  },
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
  async expenditures(o, _, { loaders, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see funding');
    return (await loaders.expenditures.load(idOf(o))).map(toExpenditure);
  },
  async fundingBalance(o, { asOf }, { loaders, identity, today }) {
    requireRole(identity, STRUCTURE_READERS, 'see funding');
    const day = asOf ?? today;
    const { incomeFen, expenditureFen } = await loaders.balances(day).load(idOf(o));
    return { asOf: day, income: formatFen(incomeFen), expenditure: formatFen(expenditureFen), balance: formatFen(BigInt(incomeFen) - BigInt(expenditureFen)) };
  },
};
