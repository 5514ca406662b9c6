import { formatFen } from '@cq/domain';
import type { ExpenditureRow } from '../data/funding.ts';

/** An expenditure record as the API shows it: money in yuan and in fen, exact. */
export const toExpenditure = (x: ExpenditureRow) => ({
  id: String(x.id),
  organisation: { id: x.organisationId },
  amount: formatFen(x.amountFen),
  amountFen: String(x.amountFen),
  spentOn: x.spentOn,
  purpose: x.purpose,
  description: x.description,
});
