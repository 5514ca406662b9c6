import { found, notFound, parseId } from '@cq/domain';
import { readPage, requireRole, STRUCTURE_READERS, toConnection } from '@cq/service-kit';
import { EDITORS, requireAssociation } from '../access.ts';
import * as leadership from '../data/leadership.ts';
import * as data from '../data/people.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

const CONGRESS_KEY = ['string', 'number'] as const;

export const Query: QueryResolvers = {
  async person(_, { id }, { loaders }) {
    return (await loaders.person.load(parseId(id))) ?? Promise.reject(notFound('Person', id));
  },
  async persons(_, { filter, first, after }, { db, identity }) {
    // A list of persons is personal data however it is filtered; each person's fields are guarded again.
    requireRole(identity, EDITORS, 'list persons');
    const page = readPage({ first, after });
    const f = filter ?? {};
    const rows = await data.searchPersons(db, f, page);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => data.countPersons(db, f) };
  },
  async overdueCongresses(_, { asOf, first, after }, { db, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'list overdue congresses');
    const page = readPage({ first, after }, CONGRESS_KEY);
    const day = asOf ?? today;
    const rows = await leadership.overdueCongresses(db, day, page);
    return { ...toConnection(rows, page, (r) => [r.heldOn, r.id]), totalCount: () => leadership.countOverdueCongresses(db, day) };
  },
  async lateCongressReports(_, { asOf, first, after }, { db, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'list late congress reports');
    const page = readPage({ first, after }, CONGRESS_KEY);
    const day = asOf ?? today;
    const rows = await leadership.lateCongressReports(db, day, page);
    return { ...toConnection(rows, page, (r) => [r.heldOn, r.id]), totalCount: () => leadership.countLateCongressReports(db, day) };
  },
  async meeting(_, { id }, ctx) {
    const meeting = found(await ctx.loaders.meeting.load(parseId(id)), 'Meeting', id);
    const committee = (await ctx.loaders.committee.load(meeting.committeeId))!;
    await requireAssociation(ctx, committee.organisationId, 'see its meetings');
    return meeting;
  },
};
