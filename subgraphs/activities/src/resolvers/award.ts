import type { AwardResolvers } from '../generated/resolvers.ts';

export const Award: AwardResolvers = {
  organisation: (a) => ({ id: a.organisationId }),
  recipientPerson: (a) => (a.recipientPersonId ? { id: a.recipientPersonId } : null),
  recipientOrganisation: (a) => (a.recipientOrganisationId ? { id: a.recipientOrganisationId } : null),
  committeeResolutionId: (a) => (a.committeeResolutionId === null ? null : String(a.committeeResolutionId)),
};
