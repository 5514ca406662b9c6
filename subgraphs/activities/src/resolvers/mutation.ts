// Every mutation first checks that the caller may make it (access.ts), then hands off to a command.
import { found, parseId } from '@cq/domain';
import { actorOf, requireRole } from '@cq/service-kit';
import { EDITORS, requireEditor } from '../access.ts';
import * as activities from '../commands/activities.ts';
import * as awards from '../commands/awards.ts';
import * as evaluations from '../commands/evaluations.ts';
import * as funding from '../commands/funding.ts';
import type { Context } from '../context.ts';
import type { MutationResolvers } from '../generated/resolvers.ts';
import { toExpenditure } from './expenditure-record.ts';

/** An activity is changed by whoever may change one of its organisers: the first such one, else the first. */
async function organiserInScope(ctx: Context, activityId: string): Promise<number> {
  const id = parseId(activityId, 'activityId');
  found(await ctx.loaders.activity.load(id), 'Activity', activityId);
  const organisers = await ctx.loaders.organisers.load(id);
  const allowed = await ctx.loaders.scope.loadMany(organisers);
  return organisers[allowed.findIndex((a) => a === true)] ?? organisers[0]!;
}

const activity = async (ctx: Context, id: number) => (await ctx.loaders.activity.load(id))!;

export const Mutation: MutationResolvers = {
  async recordActivity(_, { input }, ctx) {
    // Every organiser named must be the caller's to act for: nobody lists another association as co-organiser (and
    // so gains the right to change the activity) without it. Without organisers there is nobody to check the caller
    // against; the command refuses that input itself. Checked last to first, so the audit record names the first.
    if (!input.organiserIds.length) requireRole(ctx.identity, EDITORS, 'record activities');
    for (const id of [...new Set(input.organiserIds)].reverse()) await requireEditor(ctx, parseId(id, 'organiserIds'), 'record activities of this organisation');
    return activity(ctx, await activities.recordActivity(ctx.db, input, actorOf(ctx.identity)));
  },
  async addParticipant(_, { input }, ctx) {
    await requireEditor(ctx, await organiserInScope(ctx, input.activityId), 'change this activity');
    return activities.addParticipant(ctx.db, input, actorOf(ctx.identity));
  },
  async recordActivityOutcome(_, { activityId, outcome }, ctx) {
    await requireEditor(ctx, await organiserInScope(ctx, activityId), 'change this activity');
    const id = await activities.recordActivityOutcome(ctx.db, activityId, outcome, actorOf(ctx.identity));
    ctx.loaders.activity.clear(id);
    return activity(ctx, id);
  },
  async recordAward(_, { input }, ctx) {
    await requireEditor(ctx, parseId(input.organisationId, 'organisationId'), 'record awards of this organisation');
    return awards.recordAward(ctx.db, input, actorOf(ctx.identity));
  },
  async setAwardOutcome(_, { input }, ctx) {
    const award = found(await ctx.loaders.award.load(parseId(input.awardId, 'awardId')), 'Award', input.awardId);
    await requireEditor(ctx, award.organisationId, 'record award outcomes of this organisation');
    return awards.setAwardOutcome(ctx.db, input, actorOf(ctx.identity));
  },
  async recordEvaluation(_, { input }, ctx) {
    // Evaluations are the local associations' work (Art. 40): their staff act for the evaluator.
    await requireEditor(ctx, parseId(input.evaluatorId, 'evaluatorId'), 'evaluate for this association', ['MUNICIPAL_STAFF', 'DISTRICT_STAFF']);
    return evaluations.recordEvaluation(ctx.db, input, actorOf(ctx.identity), ctx.today);
  },
  async recordFunding(_, { input }, ctx) {
    await requireEditor(ctx, parseId(input.organisationId, 'organisationId'), 'record funding of this organisation');
    return funding.recordFunding(ctx.db, input, actorOf(ctx.identity));
  },
  async recordExpenditure(_, { input }, ctx) {
    await requireEditor(ctx, parseId(input.organisationId, 'organisationId'), 'record expenditure of this organisation');
    return toExpenditure(await funding.recordExpenditure(ctx.db, input, actorOf(ctx.identity)));
  },
  async recordFinancialReport(_, { input }, ctx) {
    await requireEditor(ctx, parseId(input.organisationId, 'organisationId'), 'record financial reports of this organisation');
    return funding.recordFinancialReport(ctx.db, input, actorOf(ctx.identity), ctx.today);
  },
};
