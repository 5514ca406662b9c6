import type { RelationshipResolvers } from '../generated/resolvers.ts';
import { organisation } from './shared.ts';

export const Relationship: RelationshipResolvers = {
  from: (r, _, { loaders }) => organisation(loaders, r.fromId),
  to: (r, _, { loaders }) => organisation(loaders, r.toId),
};
