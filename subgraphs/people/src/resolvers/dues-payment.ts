import { formatFen } from '@cq/domain';
import type { DuesPaymentResolvers } from '../generated/resolvers.ts';

export const DuesPayment: DuesPaymentResolvers = {
  amount: (d) => formatFen(d.amountFen),
};
