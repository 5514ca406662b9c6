// Types that point at persons, organisations and one another by id; each reference goes through a loader.
import { formatFen } from '@cq/domain';
import type {
  CommitteeResolvers,
  CongressResolvers,
  DuesPaymentResolvers,
  MeetingResolvers,
  MembershipResolvers,
  PostResolvers,
  ResolutionResolvers,
  SocietyLinkResolvers,
} from '../generated/resolvers.ts';
import type { Loaders } from '../loaders.ts';
import { isQuorate, resolutionOutcome } from '../rules.ts';

const person = async (loaders: Loaders, id: number) => (await loaders.person.load(id))!;
export const Membership: MembershipResolvers = {
  person: (m, _, { loaders }) => person(loaders, m.personId),
  organisation: (m) => ({ id: m.organisationId }),
  revocationResolution: (m, _, { loaders }) => (m.revocationResolutionId ? loaders.resolution.load(m.revocationResolutionId) : null),
  duesPayments: (m, _, { loaders }) => loaders.dues.load(m.id),
};

export const DuesPayment: DuesPaymentResolvers = {
  amount: (d) => formatFen(d.amountFen),
};

export const Congress: CongressResolvers = {
  organisation: (c) => ({ id: c.organisationId }),
  // R26.report: late when reported after the due day, or unreported once it has passed.
  reportLate: (c, _, { today }) => (c.reportedOn ? c.reportedOn > c.reportDueOn : today > c.reportDueOn),
};

export const Committee: CommitteeResolvers = {
  organisation: (c) => ({ id: c.organisationId }),
  congress: (c, _, { loaders }) => (c.congressId ? loaders.congress.load(c.congressId) : null),
  posts: (c, { asOf }, { loaders, today }) => loaders.postsOfCommittee(asOf ?? today).load(c.id),
  meetings: (c, _, { loaders }) => loaders.meetingsOf.load(c.id),
};

export const Post: PostResolvers = {
  organisation: (p) => ({ id: p.organisationId }),
  committee: (p, _, { loaders }) => (p.committeeId ? loaders.committee.load(p.committeeId) : null),
  person: (p, _, { loaders }) => person(loaders, p.personId),
};

export const Meeting: MeetingResolvers = {
  committee: async (m, _, { loaders }) => (await loaders.committee.load(m.committeeId))!,
  attendees: async (m, _, { loaders }) => Promise.all((await loaders.attendees.load(m.id)).map((id) => person(loaders, id))),
  quorate: (m) => isQuorate(m.attendeeCount, m.memberCount),
  resolutions: (m, _, { loaders }) => loaders.resolutionsOf.load(m.id),
};

export const Resolution: ResolutionResolvers = {
  meeting: async (r, _, { loaders }) => (await loaders.meeting.load(r.meetingId))!,
  async outcome(r, _, { loaders }) {
    return resolutionOutcome((await loaders.meeting.load(r.meetingId))!, r.votesFor);
  },
};

export const SocietyLink: SocietyLinkResolvers = {
  society: (l) => ({ id: l.societyId }),
  person: (l, _, { loaders }) => person(loaders, l.personId),
};
