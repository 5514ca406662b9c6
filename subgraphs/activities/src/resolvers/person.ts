import type { Context } from '../context.ts';
import type { PersonResolvers } from '../generated/resolvers.ts';
import type { PersonRef } from '../data/activities.ts';
import { idOf, leadOrganiser, visible } from './shared.ts';

// What a person took part in and was awarded is personal: shown only for activities (by their lead organiser) and
// awards of organisations the caller may see in full, and, all of them, to a partner society whose link to the
// person the person's association confirmed (the people subgraph says so through the gateway, @requires).
const sharedWithSociety = (p: PersonRef, ctx: Context) => ctx.identity.role === 'SOCIETY' && p.linkedToCallingSociety === true;

export const Person: PersonResolvers = {
  participations: async (p, _, ctx) => {
    const rows = await ctx.loaders.participations.load(idOf(p));
    return sharedWithSociety(p, ctx) ? rows : visible(ctx, rows, (r) => leadOrganiser(ctx, r.activityId));
  },
  awards: async (p, _, ctx) => {
    const rows = await ctx.loaders.awardsOfPerson.load(idOf(p));
    return sharedWithSociety(p, ctx) ? rows : visible(ctx, rows, async (r) => r.organisationId);
  },
};
