import type { GroupMemberApplicationResolvers } from '../generated/resolvers.ts';
import { organisation } from './shared.ts';

export const GroupMemberApplication: GroupMemberApplicationResolvers = {
  organisation: (a, _, { loaders }) => organisation(loaders, a.organisationId),
  appliedTo: (a, _, { loaders }) => organisation(loaders, a.appliedToId),
  relationship: (a, _, { loaders }) => (a.relationshipId ? loaders.relationship.load(a.relationshipId) : null),
};
