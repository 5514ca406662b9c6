// Types that point at activities, persons and organisations by id.
import { formatFen } from '@cq/domain';
import type { AwardResolvers, EvaluationResolvers, FinancialReportResolvers, FundingRecordResolvers, ParticipationResolvers } from '../generated/resolvers.ts';

export const Participation: ParticipationResolvers = {
  activity: async (p, _, { loaders }) => (await loaders.activity.load(p.activityId))!,
  person: (p) => ({ id: p.personId }),
};

export const Award: AwardResolvers = {
  organisation: (a) => ({ id: a.organisationId }),
  recipientPerson: (a) => (a.recipientPersonId ? { id: a.recipientPersonId } : null),
  recipientOrganisation: (a) => (a.recipientOrganisationId ? { id: a.recipientOrganisationId } : null),
  committeeResolutionId: (a) => (a.committeeResolutionId === null ? null : String(a.committeeResolutionId)),
};

export const Evaluation: EvaluationResolvers = {
  organisation: (e) => ({ id: e.organisationId }),
  evaluator: (e) => ({ id: e.evaluatorId }),
};

export const FundingRecord: FundingRecordResolvers = {
  organisation: (f) => ({ id: f.organisationId }),
  amount: (f) => formatFen(f.amountFen),
  amountFen: (f) => String(f.amountFen),
};

export const FinancialReport: FinancialReportResolvers = {
  organisation: (f) => ({ id: f.organisationId }),
  income: (f) => formatFen(f.incomeFen),
  expenditure: (f) => formatFen(f.expenditureFen),
};
