import type { DistrictResolvers } from '../generated/resolvers.ts';

export const District: DistrictResolvers = {
  association: async (d, _, { loaders }) => (await loaders.districtAssociation.load(d.code))!,
};
