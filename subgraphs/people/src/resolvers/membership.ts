import type { MembershipResolvers } from '../generated/resolvers.ts';
import { person } from './shared.ts';

export const Membership: MembershipResolvers = {
  // Read with the membership when a page of members joined it: no loader, no promise.
  person: (m, _, { loaders }) => m.person ?? person(loaders, m.personId),
  organisation: (m) => ({ id: m.organisationId }),
  revocationResolution: (m, _, { loaders }) => (m.revocationResolutionId ? loaders.resolution.load(m.revocationResolutionId) : null),
  duesPayments: (m, _, { loaders }) => loaders.dues.load(m.id),
};
