// Every mutation first checks that the caller may make it (access.ts), then hands off to a command.
import { found, parseId } from '@cq/domain';
import { actorOf, requireRole } from '@cq/service-kit';
import { associationSpeakingFor, EDITORS, requireAssociation } from '../access.ts';
import * as leadership from '../commands/leadership.ts';
import * as membership from '../commands/membership.ts';
import * as societies from '../commands/societies.ts';
import type { Context } from '../context.ts';
import type { MutationResolvers, SocietyLinkDecisionInput } from '../generated/resolvers.ts';
import { workPlanReview } from './work-plan.ts';

const id = parseId;
const ofMembership = async (ctx: Context, membershipId: string) => found(await ctx.loaders.membership.load(id(membershipId, 'membershipId')), 'Membership', membershipId).organisationId;
const ofCommittee = async (ctx: Context, committeeId: string | number) => found(await ctx.loaders.committee.load(Number(committeeId)), 'Committee', String(committeeId)).organisationId;
const guard = (what: string) => async (ctx: Context, organisationId: number) => requireAssociation(ctx, organisationId, what);
const members = guard("change this association's members");
const leaders = guard("change this association's congresses, committees and posts");

export const Mutation: MutationResolvers = {
  registerPerson(_, { input }, ctx) {
    requireRole(ctx.identity, EDITORS, 'register a person');
    return membership.registerPerson(ctx.db, input, actorOf(ctx.identity));
  },
  async applyForMembership(_, { input }, ctx) {
    await members(ctx, id(input.organisationId, 'organisationId'));
    return membership.applyForMembership(ctx.db, input, ctx.today, actorOf(ctx.identity));
  },
  async admitMember(_, { input }, ctx) {
    await members(ctx, await ofMembership(ctx, input.membershipId));
    return membership.admitMember(ctx.db, input, actorOf(ctx.identity));
  },
  async applyToWithdraw(_, { input }, ctx) {
    await members(ctx, await ofMembership(ctx, input.membershipId));
    return membership.applyToWithdraw(ctx.db, input, actorOf(ctx.identity));
  },
  async confirmWithdrawal(_, { input }, ctx) {
    await members(ctx, await ofMembership(ctx, input.membershipId));
    return membership.confirmWithdrawal(ctx.db, input, actorOf(ctx.identity));
  },
  async revokeMembership(_, { input }, ctx) {
    await members(ctx, await ofMembership(ctx, input.membershipId));
    return membership.revokeMembership(ctx.db, input, actorOf(ctx.identity));
  },
  async recordDuesPayment(_, { input }, ctx) {
    await members(ctx, await ofMembership(ctx, input.membershipId));
    return membership.recordDuesPayment(ctx.db, input, actorOf(ctx.identity));
  },
  async recordCongress(_, { input }, ctx) {
    await leaders(ctx, id(input.organisationId, 'organisationId'));
    return leadership.recordCongress(ctx.db, input, actorOf(ctx.identity));
  },
  async reportCongress(_, { input }, ctx) {
    const congress = found(await ctx.loaders.congress.load(id(input.congressId, 'congressId')), 'Congress', input.congressId);
    await leaders(ctx, congress.organisationId);
    return leadership.reportCongress(ctx.db, input, actorOf(ctx.identity));
  },
  async confirmCongressReport(_, { input }, ctx) {
    // The approving association's staff confirm; the command checks that `by` approved the congress's association.
    await requireAssociation(ctx, id(input.by, 'by'), 'confirm receipt of congress reports', ['MUNICIPAL_STAFF', 'DISTRICT_STAFF']);
    return leadership.confirmCongressReport(ctx.db, input, ctx.today, actorOf(ctx.identity));
  },
  async createCommittee(_, { input }, ctx) {
    await leaders(ctx, id(input.organisationId, 'organisationId'));
    return leadership.createCommittee(ctx.db, input, actorOf(ctx.identity));
  },
  async appointToPost(_, { input }, ctx) {
    await leaders(ctx, id(input.organisationId, 'organisationId'));
    return leadership.appointToPost(ctx.db, input, actorOf(ctx.identity));
  },
  async endPost(_, { input }, ctx) {
    const post = found(await ctx.loaders.post.load(id(input.postId, 'postId')), 'Post', input.postId);
    await leaders(ctx, post.organisationId);
    return leadership.endPost(ctx.db, input, actorOf(ctx.identity));
  },
  async recordMeeting(_, { input }, ctx) {
    await leaders(ctx, await ofCommittee(ctx, id(input.committeeId, 'committeeId')));
    return leadership.recordMeeting(ctx.db, input, actorOf(ctx.identity));
  },
  async recordResolution(_, { input }, ctx) {
    const meeting = found(await ctx.loaders.meeting.load(id(input.meetingId, 'meetingId')), 'Meeting', input.meetingId);
    await leaders(ctx, await ofCommittee(ctx, meeting.committeeId));
    return leadership.recordResolution(ctx.db, input, actorOf(ctx.identity));
  },
  async approveCongressReports(_, { input }, ctx) {
    const congress = found(await ctx.loaders.congress.load(id(input.congressId, 'congressId')), 'Congress', input.congressId);
    await leaders(ctx, congress.organisationId);
    return leadership.approveCongressReports(ctx.db, input, actorOf(ctx.identity));
  },
  async recordWorkPlanReview(_, { input }, ctx) {
    const resolution = found(await ctx.loaders.resolution.load(id(input.resolutionId, 'resolutionId')), 'Resolution', input.resolutionId);
    const meeting = (await ctx.loaders.meeting.load(resolution.meetingId))!;
    await leaders(ctx, await ofCommittee(ctx, meeting.committeeId));
    return workPlanReview(await leadership.recordWorkPlanReview(ctx.db, input, actorOf(ctx.identity)), ctx.loaders);
  },
  async linkSocietyMember(_, { input }, ctx) {
    await requireAssociation(ctx, id(input.societyId, 'societyId'), "link a society's member by the hub's person id (a society matches its members by their identifiers with matchSocietyMembers)", ['MUNICIPAL_STAFF']);
    return societies.linkSocietyMember(ctx.db, input, actorOf(ctx.identity));
  },
  async matchSocietyMembers(_, { input }, ctx) {
    await requireAssociation(ctx, id(input.societyId, 'societyId'), "match this society's members", ['MUNICIPAL_STAFF', 'SOCIETY']);
    const rows = await societies.matchSocietyMembers(ctx.db, input, actorOf(ctx.identity));
    const count = (outcome: societies.MatchOutcome) => rows.filter((r) => r.outcome === outcome).length;
    return { matched: count('MATCHED'), alreadyLinked: count('ALREADY_LINKED'), ambiguous: count('AMBIGUOUS'), unmatched: count('UNMATCHED'), conflicts: count('CONFLICT'), rows };
  },
  confirmSocietyLink: (_, { input }, ctx) => decide(ctx, input, 'CONFIRMED'),
  declineSocietyLink: (_, { input }, ctx) => decide(ctx, input, 'DECLINED'),
  async endSocietyLink(_, { input }, ctx) {
    const link = found(await ctx.loaders.link.load(id(input.linkId, 'linkId')), 'SocietyLink', input.linkId);
    // Either side: the society itself (or municipal staff for it), or an association the person is a member of.
    const society = ctx.identity.role === 'SOCIETY' && ctx.identity.organisationId === link.societyId;
    if (society) ctx.audit.organisationId = link.societyId;
    else await associationSpeakingFor(ctx, link.personId, null, "end a society's link to one of its members");
    return societies.endSocietyLink(ctx.db, input, actorOf(ctx.identity));
  },
};

/** Confirms or declines a pending link for the person, as one of the person's associations. */
async function decide(ctx: Context, input: SocietyLinkDecisionInput, status: 'CONFIRMED' | 'DECLINED') {
  const link = found(await ctx.loaders.link.load(id(input.linkId, 'linkId')), 'SocietyLink', input.linkId);
  const what = `${status === 'CONFIRMED' ? 'confirm' : 'decline'} a society's link to one of its members`;
  const organisationId = await associationSpeakingFor(ctx, link.personId, input.organisationId, what);
  return societies.decideSocietyLink(ctx.db, { linkId: input.linkId, on: input.on ?? ctx.today, organisationId, status }, actorOf(ctx.identity));
}
