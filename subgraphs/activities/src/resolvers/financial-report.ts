import { formatFen } from '@cq/domain';
import type { FinancialReportResolvers } from '../generated/resolvers.ts';

export const FinancialReport: FinancialReportResolvers = {
  organisation: (f) => ({ id: f.organisationId }),
  income: (f) => formatFen(f.incomeFen),
  expenditure: (f) => formatFen(f.expenditureFen),
};
