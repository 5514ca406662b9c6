import type { CongressResolvers } from '../generated/resolvers.ts';

export const Congress: CongressResolvers = {
  organisation: (c) => ({ id: c.organisationId }),
  // R26.report: late when receipt was confirmed after the due day, or unconfirmed once it has passed.
  reportLate: (c, _, { today }) => (c.receiptConfirmedOn ? c.receiptConfirmedOn > c.reportDueOn : today > c.reportDueOn),
  receiptConfirmedBy: (c) => (c.receiptConfirmedById === null ? null : { id: c.receiptConfirmedById }),
  electedCommittee: (c, _, { loaders }) => loaders.committeeElectedBy.load(c.id),
  reportingCommittee: (c, _, { loaders }) => (c.reportingCommitteeId === null ? null : loaders.committee.load(c.reportingCommitteeId)),
};
