import { formatFen } from '@cq/domain';
import type { ActivityPeriodCountResolvers, AwardCountResolvers, EvaluationCountResolvers, FundingIncomeGroupResolvers, ListCountResolvers } from '../generated/resolvers.ts';

// References the organisations subgraph completes: the district association's name and the rest.
const district = (id: number | null) => (id === null ? null : { id });

export const ActivityPeriodCount: ActivityPeriodCountResolvers = { district: (c) => district(c.districtId) };
export const EvaluationCount: EvaluationCountResolvers = { district: (c) => district(c.districtId) };
export const AwardCount: AwardCountResolvers = { district: (c) => district(c.districtId) };
export const FundingIncomeGroup: FundingIncomeGroupResolvers = {
  district: (g) => district(g.districtId),
  amount: (g) => formatFen(g.fen),
  amountFen: (g) => g.fen,
};
/** One group of a dashboard list's countsBy. */
export const ListCount: ListCountResolvers = { district: (c) => district(c.districtId) };
