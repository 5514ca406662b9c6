import type { SanctionResolvers } from '../generated/resolvers.ts';
import { organisation } from './shared.ts';

export const Sanction: SanctionResolvers = {
  organisation: (s, _, { loaders }) => organisation(loaders, s.organisationId),
  by: (s, _, { loaders }) => organisation(loaders, s.byId),
};
