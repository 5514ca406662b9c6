import type { EnterpriseConsentResolvers, EnterpriseDistrictPeriodResolvers, EnterpriseResolvers } from '../generated/resolvers.ts';

export const Enterprise: EnterpriseResolvers = {
  district: async (e, _, { loaders }) => (await loaders.district.load(e.districtCode))!,
  parent: (e, _, { loaders }) => (e.parentEnterpriseId ? loaders.enterprise.load(e.parentEnterpriseId) : null),
  async scienceWorkerCounts(e, _, { loaders }) {
    const counts = await loaders.scienceWorkerCounts.load(e.id);
    // Registered before counts were kept: the count on record, from registration.
    return counts.length ? counts : [{ id: 0, enterpriseId: e.id, count: e.scienceWorkerCount, validFrom: null, documentNo: null }];
  },
  async districtHistory(e, _, { loaders }) {
    const periods = await loaders.enterpriseDistricts.load(e.id);
    // Never moved: one period, since registration.
    return periods.length ? periods : [{ id: 0, enterpriseId: e.id, districtCode: e.districtCode, validFrom: null, validTo: null, documentNo: null }];
  },
};

export const EnterpriseDistrictPeriod: EnterpriseDistrictPeriodResolvers = {
  district: async (p, _, { loaders }) => (await loaders.district.load(p.districtCode))!,
};

export const EnterpriseConsent: EnterpriseConsentResolvers = {
  enterprise: async (c, _, { loaders }) => (await loaders.enterprise.load(c.enterpriseId))!,
};
