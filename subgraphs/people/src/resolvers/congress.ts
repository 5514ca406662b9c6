import type { CongressDueResolvers, CongressResolvers } from '../generated/resolvers.ts';

export const Congress: CongressResolvers = {
  organisation: (c) => ({ id: c.organisationId }),
  // R26.report: late when receipt was confirmed after the due day, or unconfirmed once it has passed.
  reportLate: (c, _, { today }) => (c.receiptConfirmedOn ? c.receiptConfirmedOn > c.reportDueOn : today > c.reportDueOn),
  receiptConfirmedBy: (c) => (c.receiptConfirmedById === null ? null : { id: c.receiptConfirmedById }),
  electedCommittee: (c, _, { loaders }) => loaders.committeeElectedBy.load(c.id),
  reportingCommittee: (c, _, { loaders }) => (c.reportingCommitteeId === null ? null : loaders.committee.load(c.reportingCommitteeId)),
};

// The latest congress is loaded only when asked for, in one batch for the page: a page of any size costs the same.
export const CongressDue: CongressDueResolvers = {
  organisation: (d) => ({ id: d.organisationId }),
  lastCongress: (d, _, { loaders }) => (d.lastCongressId === null ? null : loaders.congress.load(d.lastCongressId).then((c) => c!)),
};
