import type { ResolutionResolvers } from '../generated/resolvers.ts';
import { resolutionOutcome } from '../rules.ts';
import { workPlanReview } from './work-plan.ts';

export const Resolution: ResolutionResolvers = {
  meeting: async (r, _, { loaders }) => (await loaders.meeting.load(r.meetingId))!,
  async memberships(r, _, { loaders }) {
    const rows = await loaders.membership.loadMany(await loaders.membershipsOfResolution.load(r.id));
    return rows.filter((m): m is Exclude<typeof m, Error | null> => m !== null && !(m instanceof Error));
  },
  workPlanReviews: async (r, _, { loaders }) => (await loaders.workPlanReviewsOfResolution.load(r.id)).map((w) => workPlanReview(w, loaders)),
  async outcome(r, _, { loaders }) {
    return resolutionOutcome((await loaders.meeting.load(r.meetingId))!, r.votesFor);
  },
};
