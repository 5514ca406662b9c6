// Types that point at organisations by id: each reference goes through the organisation loader.
import { ALL_DOCUMENTS } from '../data/life-cycle.ts';
import type { ApplicationResolvers, AuditRecordResolvers, RelationshipResolvers, SanctionResolvers } from '../generated/resolvers.ts';
import type { Loaders } from '../loaders.ts';

const organisation = async (loaders: Loaders, id: number) => (await loaders.organisation.load(id))!;

export const Relationship: RelationshipResolvers = {
  from: (r, _, { loaders }) => organisation(loaders, r.fromId),
  to: (r, _, { loaders }) => organisation(loaders, r.toId),
};

export const Application: ApplicationResolvers = {
  organisation: (a, _, { loaders }) => organisation(loaders, a.organisationId),
  appliedTo: (a, _, { loaders }) => organisation(loaders, a.appliedToId),
  copiedTo: (a, _, { loaders }) => (a.copiedToId ? loaders.organisation.load(a.copiedToId) : null),
  // Art. 14 asks the five documents of applications to the municipal association only.
  async missingDocuments(a, _, { loaders }) {
    const to = await organisation(loaders, a.appliedToId);
    return to.kind === 'MUNICIPAL_ASSOCIATION' ? ALL_DOCUMENTS.filter((d) => !a.documents.includes(d)) : [];
  },
};

export const Sanction: SanctionResolvers = {
  organisation: (s, _, { loaders }) => organisation(loaders, s.organisationId),
  by: (s, _, { loaders }) => organisation(loaders, s.byId),
};

export const AuditRecord: AuditRecordResolvers = {
  target: (r, _, { loaders }) => (r.targetOrganisationId ? loaders.organisation.load(r.targetOrganisationId) : null),
};
