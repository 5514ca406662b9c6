import type { PersonResolvers } from '../generated/resolvers.ts';
import { idOf, leadOrganiser, visible } from './shared.ts';

// What a person took part in and was awarded is personal: shown only for activities (by their lead organiser) and
// awards of organisations the caller may see in full.
export const Person: PersonResolvers = {
  participations: async (p, _, ctx) => visible(ctx, await ctx.loaders.participations.load(idOf(p)), (r) => leadOrganiser(ctx, r.activityId)),
  awards: async (p, _, ctx) => visible(ctx, await ctx.loaders.awardsOfPerson.load(idOf(p)), async (r) => r.organisationId),
};
