import * as applications from '../commands/applications.ts';
import * as sanctions from '../commands/sanctions.ts';
import * as structure from '../commands/structure.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';

export const Mutation: MutationResolvers = {
  registerEnterprise: (_, { input }, { db }) => applications.registerEnterprise(db, input),
  applyForAssociation: (_, { input }, { db, today }) => applications.applyForAssociation(db, input, today),
  approveApplication: (_, { input }, { db }) => applications.approveApplication(db, input),
  rejectApplication: (_, { input }, { db }) => applications.rejectApplication(db, input),
  transferAffiliation: (_, { input }, { db }) => structure.transferAffiliation(db, input),
  addRelationship: (_, { input }, { db }) => structure.addRelationship(db, input),
  endRelationship: (_, { input }, { db }) => structure.endRelationship(db, input),
  orderRectification: (_, { input }, { db }) => sanctions.orderRectification(db, input),
  completeRectification: (_, { input }, { db }) => sanctions.completeRectification(db, input),
  issueWarning: (_, { input }, { db }) => sanctions.issueWarning(db, input),
  revokeAssociation: (_, { input }, { db }) => sanctions.revokeAssociation(db, input),
  deregisterAssociation: (_, { input }, { db }) => sanctions.deregisterAssociation(db, input),
  setApprovalMode: (_, { districtCode, mode }, { db }) => structure.setApprovalMode(db, districtCode, mode),
};
