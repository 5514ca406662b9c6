import { found, notFound, parseId } from '@cq/domain';
import { readPage, requireRole, STRUCTURE_READERS, toConnection } from '@cq/service-kit';
import { EDITORS, mayKnowOf, personSearchScope, requireAssociation } from '../access.ts';
import * as leadership from '../data/leadership.ts';
import * as data from '../data/people.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

const CONGRESS_KEY = ['string', 'number'] as const;

export const Query: QueryResolvers = {
  async person(_, { id }, ctx) {
    const personId = parseId(id);
    const person = await ctx.loaders.person.load(personId);
    // That a person exists is itself personal: whoever may not see them gets the answer a missing id gets.
    if (!person || !(await mayKnowOf(ctx, personId))) throw notFound('Person', id);
    return person;
  },
  async persons(_, { filter, first, after }, { db, identity, today }) {
    // A list of persons is personal data however it is filtered: it matches only persons the caller may see, and
    // each person's fields are guarded again.
    requireRole(identity, EDITORS, 'list persons');
    const page = readPage({ first, after });
    const f = filter ?? {};
    const scope = personSearchScope(identity, today);
    const rows = await data.searchPersons(db, f, scope, page);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => data.countPersons(db, f, scope) };
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
