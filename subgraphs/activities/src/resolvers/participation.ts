import type { ParticipationResolvers } from '../generated/resolvers.ts';

export const Participation: ParticipationResolvers = {
  activity: async (p, _, { loaders }) => (await loaders.activity.load(p.activityId))!,
  person: (p) => ({ id: p.personId }),
};
