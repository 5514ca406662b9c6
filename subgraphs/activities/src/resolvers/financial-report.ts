import { formatFen } from '@cq/domain';
import type { FinancialReportResolvers } from '../generated/resolvers.ts';

export const FinancialReport: FinancialReportResolvers = {
  organisation: (f) => ({ id: f.organisationId }),
  income: (f) => formatFen(f.incomeFen),
  expenditure: (f) => formatFen(f.expenditureFen),
  recordedIncome: async (f, _, { loaders }) => formatFen((await loaders.reportRecords.load(f.id)).incomeFen),
  recordedExpenditure: async (f, _, { loaders }) => formatFen((await loaders.reportRecords.load(f.id)).expenditureFen),
  async reconciled(f, _, { loaders }) {
    const recorded = await loaders.reportRecords.load(f.id);
    return BigInt(recorded.incomeFen) === f.incomeFen && BigInt(recorded.expenditureFen) === f.expenditureFen;
  },
};
