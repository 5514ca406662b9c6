import type { SocietyLinkEventResolvers, SocietyLinkResolvers } from '../generated/resolvers.ts';
import { person } from './shared.ts';

export const SocietyLink: SocietyLinkResolvers = {
  society: (l) => ({ id: l.societyId }),
  person: (l, _, { loaders }) => person(loaders, l.personId),
  decidedFor: (l) => (l.decidedForOrganisationId === null ? null : { id: l.decidedForOrganisationId }),
  history: (l, _, { loaders }) => loaders.linkEvents.load(l.id),
};

export const SocietyLinkEvent: SocietyLinkEventResolvers = {
  recordedAt: (e) => e.recordedAt.toISOString(),
};
