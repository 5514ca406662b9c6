import type { CongressResolvers } from '../generated/resolvers.ts';

export const Congress: CongressResolvers = {
  organisation: (c) => ({ id: c.organisationId }),
  // R26.report: late when reported after the due day, or unreported once it has passed.
  reportLate: (c, _, { today }) => (c.reportedOn ? c.reportedOn > c.reportDueOn : today > c.reportDueOn),
};
