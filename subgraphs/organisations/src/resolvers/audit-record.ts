import type { AuditRecordResolvers } from '../generated/resolvers.ts';

export const AuditRecord: AuditRecordResolvers = {
  target: (r, _, { loaders }) => (r.targetOrganisationId ? loaders.organisation.load(r.targetOrganisationId) : null),
};
