import type { ResolutionResolvers } from '../generated/resolvers.ts';
import { resolutionOutcome } from '../rules.ts';

export const Resolution: ResolutionResolvers = {
  meeting: async (r, _, { loaders }) => (await loaders.meeting.load(r.meetingId))!,
  async outcome(r, _, { loaders }) {
    return resolutionOutcome((await loaders.meeting.load(r.meetingId))!, r.votesFor);
  },
};
