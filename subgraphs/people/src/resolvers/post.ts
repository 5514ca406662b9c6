import type { PostResolvers } from '../generated/resolvers.ts';
import { person } from './shared.ts';

export const Post: PostResolvers = {
  organisation: (p) => ({ id: p.organisationId }),
  committee: (p, _, { loaders }) => (p.committeeId ? loaders.committee.load(p.committeeId) : null),
  person: (p, _, { loaders }) => person(loaders, p.personId),
  electedBy: (p, _, { loaders }) => (p.electedByResolutionId ? loaders.resolution.load(p.electedByResolutionId) : null),
};
