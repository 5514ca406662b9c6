import type { MeetingResolvers } from '../generated/resolvers.ts';
import { isQuorate } from '../rules.ts';
import { person } from './shared.ts';

export const Meeting: MeetingResolvers = {
  committee: async (m, _, { loaders }) => (await loaders.committee.load(m.committeeId))!,
  attendees: async (m, _, { loaders }) => Promise.all((await loaders.attendees.load(m.id)).map((id) => person(loaders, id))),
  quorate: (m) => isQuorate(m.attendeeCount, m.memberCount),
  resolutions: (m, _, { loaders }) => loaders.resolutionsOf.load(m.id),
};
