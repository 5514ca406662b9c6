import { tryParseId } from '@cq/domain';
import type { ActivityResolvers } from '../generated/resolvers.ts';
import { leadOrganiser } from './shared.ts';

export const Activity: ActivityResolvers = {
  __resolveReference: (ref, { loaders }) => {
    const id = tryParseId(ref.id);
    return id === null ? null : loaders.activity.load(id);
  },
  organisers: async (a, _, { loaders }) => (await loaders.organisers.load(a.id)).map((id) => ({ id })),
  // Who took part is personal, whichever side it is read from: the same rule as Person.participations.
  participants: async (a, _, ctx) => ((await ctx.loaders.scope.load(await leadOrganiser(ctx, a.id))) ? ctx.loaders.participants.load(a.id) : []),
};
