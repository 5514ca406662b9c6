import type { ListCountResolvers, OrganisationChangeCountResolvers, OrganisationCountResolvers, ScienceWorkerGroupResolvers } from '../generated/resolvers.ts';
import type { Loaders } from '../loaders.ts';

const district = (loaders: Loaders, code: string | null) => (code === null ? null : loaders.district.load(code));

export const OrganisationCount: OrganisationCountResolvers = {
  district: (c, _, { loaders }) => district(loaders, c.districtCode),
};

export const OrganisationChangeCount: OrganisationChangeCountResolvers = {
  district: (c, _, { loaders }) => district(loaders, c.districtCode),
};

/** One group of a dashboard list's countsBy: its district association, every group's in one batch. */
export const ListCount: ListCountResolvers = {
  district: (c, _, { loaders }) => (c.districtId === null ? null : loaders.organisation.load(c.districtId)),
};

/** One group of scienceWorkerCounts: its district association, every group's in one batch. */
export const ScienceWorkerGroup: ScienceWorkerGroupResolvers = {
  district: (g, _, { loaders }) => (g.districtId === null ? null : loaders.organisation.load(g.districtId)),
};
