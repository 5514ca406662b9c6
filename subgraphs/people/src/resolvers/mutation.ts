import * as leadership from '../commands/leadership.ts';
import * as membership from '../commands/membership.ts';
import * as societies from '../commands/societies.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';

export const Mutation: MutationResolvers = {
  registerPerson: (_, { input }, { db }) => membership.registerPerson(db, input),
  applyForMembership: (_, { input }, { db, today }) => membership.applyForMembership(db, input, today),
  admitMember: (_, { input }, { db }) => membership.admitMember(db, input),
  applyToWithdraw: (_, { input }, { db }) => membership.applyToWithdraw(db, input),
  confirmWithdrawal: (_, { input }, { db }) => membership.confirmWithdrawal(db, input),
  revokeMembership: (_, { input }, { db }) => membership.revokeMembership(db, input),
  recordDuesPayment: (_, { input }, { db }) => membership.recordDuesPayment(db, input),
  recordCongress: (_, { input }, { db }) => leadership.recordCongress(db, input),
  reportCongress: (_, { input }, { db }) => leadership.reportCongress(db, input),
  createCommittee: (_, { input }, { db }) => leadership.createCommittee(db, input),
  appointToPost: (_, { input }, { db }) => leadership.appointToPost(db, input),
  endPost: (_, { input }, { db }) => leadership.endPost(db, input),
  recordMeeting: (_, { input }, { db }) => leadership.recordMeeting(db, input),
  recordResolution: (_, { input }, { db }) => leadership.recordResolution(db, input),
  linkSocietyMember: (_, { input }, { db }) => societies.linkSocietyMember(db, input),
  endSocietyLink: (_, { input }, { db }) => societies.endSocietyLink(db, input),
};
