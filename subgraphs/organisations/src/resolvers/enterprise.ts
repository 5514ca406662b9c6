import type { DistrictResolvers, EnterpriseResolvers } from '../generated/resolvers.ts';

export const Enterprise: EnterpriseResolvers = {
  district: async (e, _, { loaders }) => (await loaders.district.load(e.districtCode))!,
  parent: (e, _, { loaders }) => (e.parentEnterpriseId ? loaders.enterprise.load(e.parentEnterpriseId) : null),
};

export const District: DistrictResolvers = {
  association: async (d, _, { loaders }) => (await loaders.districtAssociation.load(d.code))!,
};
