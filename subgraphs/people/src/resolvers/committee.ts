import type { CommitteeResolvers } from '../generated/resolvers.ts';

export const Committee: CommitteeResolvers = {
  organisation: (c) => ({ id: c.organisationId }),
  congress: (c, _, { loaders }) => (c.congressId ? loaders.congress.load(c.congressId) : null),
  posts: (c, { asOf }, { loaders, today }) => loaders.postsOfCommittee(asOf ?? today).load(c.id),
  meetings: (c, _, { loaders }) => loaders.meetingsOf.load(c.id),
};
