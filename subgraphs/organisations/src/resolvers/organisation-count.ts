import type { OrganisationChangeCountResolvers, OrganisationCountResolvers } from '../generated/resolvers.ts';
import type { Loaders } from '../loaders.ts';

const district = (loaders: Loaders, code: string | null) => (code === null ? null : loaders.district.load(code));

export const OrganisationCount: OrganisationCountResolvers = {
  district: (c, _, { loaders }) => district(loaders, c.districtCode),
};

export const OrganisationChangeCount: OrganisationChangeCountResolvers = {
  district: (c, _, { loaders }) => district(loaders, c.districtCode),
};
