// What several of this subgraph's type resolvers share.
import { tryParseId } from '@cq/domain';
import type { Context } from '../context.ts';

/** The organisations subgraph owns organisations; here one is an id, and an id that parses to nothing matches nothing. */
export const NO_SUCH_ID = 0;
export const idOf = (ref: { id: string | number }) => tryParseId(ref.id) ?? NO_SUCH_ID;

/** Keeps what the caller may see in full: records of organisations within its scope. */
export async function visible<T>(ctx: Context, rows: T[], organisationOf: (row: T) => Promise<number>): Promise<T[]> {
  const allowed = await Promise.all(rows.map(async (row) => ctx.loaders.scope.load(await organisationOf(row))));
  return rows.filter((_, i) => allowed[i]);
}

/** The organiser an activity's personal records are shown by: the one with the lowest id. */
export const leadOrganiser = async (ctx: Context, activityId: number) => (await ctx.loaders.organisers.load(activityId))[0] ?? NO_SUCH_ID;
