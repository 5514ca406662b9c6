import { formatFen } from '@cq/domain';
import type { FundingRecordResolvers } from '../generated/resolvers.ts';

export const FundingRecord: FundingRecordResolvers = {
  organisation: (f) => ({ id: f.organisationId }),
  amount: (f) => formatFen(f.amountFen),
  amountFen: (f) => String(f.amountFen),
};
