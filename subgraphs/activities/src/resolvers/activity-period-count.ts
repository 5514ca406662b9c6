import type { ActivityPeriodCountResolvers } from '../generated/resolvers.ts';

export const ActivityPeriodCount: ActivityPeriodCountResolvers = {
  // A reference the organisations subgraph completes: the district association's name and the rest.
  district: (c) => (c.districtId === null ? null : { id: c.districtId }),
};
