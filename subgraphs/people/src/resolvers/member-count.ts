import type { ListCountResolvers, MemberCountResolvers, MembershipChangeCountResolvers } from '../generated/resolvers.ts';

// References the organisations subgraph completes (the district association's name and the rest).
const district = (id: number | null) => (id === null ? null : { id });

export const MemberCount: MemberCountResolvers = { district: (c) => district(c.districtId) };
export const MembershipChangeCount: MembershipChangeCountResolvers = { district: (c) => district(c.districtId) };
/** One group of a dashboard list's countsBy. */
export const ListCount: ListCountResolvers = { district: (c) => district(c.districtId) };
