import { ALL_DOCUMENTS } from '../data/life-cycle.ts';
import type { ApplicationResolvers } from '../generated/resolvers.ts';
import { organisation } from './shared.ts';

export const Application: ApplicationResolvers = {
  organisation: (a, _, { loaders }) => organisation(loaders, a.organisationId),
  appliedTo: (a, _, { loaders }) => organisation(loaders, a.appliedToId),
  copiedTo: (a, _, { loaders }) => (a.copiedToId ? loaders.organisation.load(a.copiedToId) : null),
  otherConsents: (a) => a.otherConsents,
  // Art. 14 asks the five documents of applications to the municipal association only.
  async missingDocuments(a, _, { loaders }) {
    const to = await organisation(loaders, a.appliedToId);
    return to.kind === 'MUNICIPAL_ASSOCIATION' ? ALL_DOCUMENTS.filter((d) => !a.documents.includes(d)) : [];
  },
};
