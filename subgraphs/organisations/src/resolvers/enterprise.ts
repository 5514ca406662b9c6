import type { EnterpriseResolvers } from '../generated/resolvers.ts';

export const Enterprise: EnterpriseResolvers = {
  district: async (e, _, { loaders }) => (await loaders.district.load(e.districtCode))!,
  parent: (e, _, { loaders }) => (e.parentEnterpriseId ? loaders.enterprise.load(e.parentEnterpriseId) : null),
};
