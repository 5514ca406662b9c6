import type { SocietyLinkResolvers } from '../generated/resolvers.ts';
import { person } from './shared.ts';

export const SocietyLink: SocietyLinkResolvers = {
  society: (l) => ({ id: l.societyId }),
  person: (l, _, { loaders }) => person(loaders, l.personId),
};
