import { actorOf } from '@cq/common';
import * as leadership from '../commands/leadership.ts';
import * as membership from '../commands/membership.ts';
import * as societies from '../commands/societies.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';

export const Mutation: MutationResolvers = {
  registerPerson: (_, { input }, { db, identity }) => membership.registerPerson(db, input, actorOf(identity)),
  applyForMembership: (_, { input }, { db, today, identity }) => membership.applyForMembership(db, input, today, actorOf(identity)),
  admitMember: (_, { input }, { db, identity }) => membership.admitMember(db, input, actorOf(identity)),
  applyToWithdraw: (_, { input }, { db, identity }) => membership.applyToWithdraw(db, input, actorOf(identity)),
  confirmWithdrawal: (_, { input }, { db, identity }) => membership.confirmWithdrawal(db, input, actorOf(identity)),
  revokeMembership: (_, { input }, { db, identity }) => membership.revokeMembership(db, input, actorOf(identity)),
  recordDuesPayment: (_, { input }, { db, identity }) => membership.recordDuesPayment(db, input, actorOf(identity)),
  recordCongress: (_, { input }, { db, identity }) => leadership.recordCongress(db, input, actorOf(identity)),
  reportCongress: (_, { input }, { db, identity }) => leadership.reportCongress(db, input, actorOf(identity)),
  createCommittee: (_, { input }, { db, identity }) => leadership.createCommittee(db, input, actorOf(identity)),
  appointToPost: (_, { input }, { db, identity }) => leadership.appointToPost(db, input, actorOf(identity)),
  endPost: (_, { input }, { db, identity }) => leadership.endPost(db, input, actorOf(identity)),
  recordMeeting: (_, { input }, { db, identity }) => leadership.recordMeeting(db, input, actorOf(identity)),
  recordResolution: (_, { input }, { db, identity }) => leadership.recordResolution(db, input, actorOf(identity)),
  linkSocietyMember: (_, { input }, { db, identity }) => societies.linkSocietyMember(db, input, actorOf(identity)),
  endSocietyLink: (_, { input }, { db, identity }) => societies.endSocietyLink(db, input, actorOf(identity)),
};
