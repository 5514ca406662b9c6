import { ErrorCode, found, notFound, parseId, requirePeriod, userError } from '@cq/domain';
import { readPage, requireRole, STRUCTURE_READERS, toConnection } from '@cq/service-kit';
import { EDITORS, mayKnowOf, personSearchScope, requireAssociation } from '../access.ts';
import * as counts from '../data/counts.ts';
import * as leadership from '../data/leadership.ts';
import * as data from '../data/people.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

const CONGRESS_KEY = ['string', 'number'] as const;
const ids = (values: readonly string[] | null | undefined) => (values?.length ? values.map((v) => parseId(v, 'districtIds')) : null);
/** The filters of a dashboard's list (district associations with everything below them, organisation kinds); empty lists filter nothing. */
const listFilter = (districtIds: readonly string[] | null | undefined, kinds: readonly string[] | null | undefined) => ({
  districtIds: ids(districtIds),
  kinds: kinds?.length ? [...new Set(kinds)] : null,
});

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
  memberCounts(_, { asOf, districtIds, groupBy }, { db, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see member counts');
    return counts.countMembers(db, asOf ?? today, ids(districtIds), [...new Set(groupBy)], today);
  },
  membershipChanges(_, { from, to, period, districtIds, groupBy }, { db, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'see member counts');
    requirePeriod(from, to);
    return counts.countMembershipChanges(db, from, to, period ?? 'MONTH', ids(districtIds), [...new Set(groupBy)]);
  },
  async overdueCongresses(_, { asOf, districtIds, kinds, first, after }, { db, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'list overdue congresses');
    const page = readPage({ first, after }, CONGRESS_KEY);
    const day = asOf ?? today;
    const filter = listFilter(districtIds, kinds);
    const rows = await leadership.overdueCongresses(db, day, page, filter);
    return {
      ...toConnection(rows, page, (r) => [r.heldOn, r.id]),
      totalCount: () => leadership.countOverdueCongresses(db, day, filter),
      countsBy: ({ groupBy }) => leadership.countOverdueCongressesBy(db, day, filter, [...new Set(groupBy)]),
    };
  },
  async lateCongressReports(_, { asOf, districtIds, kinds, first, after }, { db, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'list late congress reports');
    const page = readPage({ first, after }, CONGRESS_KEY);
    const day = asOf ?? today;
    const filter = listFilter(districtIds, kinds);
    const rows = await leadership.lateCongressReports(db, day, page, filter);
    return {
      ...toConnection(rows, page, (r) => [r.heldOn, r.id]),
      totalCount: () => leadership.countLateCongressReports(db, day, filter),
      countsBy: ({ groupBy }) => leadership.countLateCongressReportsBy(db, day, filter, [...new Set(groupBy)]),
    };
  },
  async overdueAssociations(_, { asOf, districtIds, kinds, first, after }, { db, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'list associations overdue for a congress');
    const page = readPage({ first, after }, CONGRESS_KEY);
    const day = asOf ?? today;
    const filter = listFilter(districtIds, kinds);
    const [rows, totalCount] = await Promise.all([leadership.overdueAssociations(db, day, filter, page), leadership.countOverdueAssociations(db, day, filter)]);
    return {
      ...toConnection(rows, page, (r) => [r.dueOn, r.organisationId]),
      totalCount,
      countsBy: ({ groupBy }) => leadership.countOverdueAssociationsBy(db, day, filter, [...new Set(groupBy)]),
    };
  },
  async committeesWithoutChair(_, { asOf, first, after }, { db, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'list committees without a chair');
    const page = readPage({ first, after }, CONGRESS_KEY);
    const day = asOf ?? today;
    const [rows, totalCount] = await Promise.all([leadership.committeesWithoutChair(db, day, page), leadership.countCommitteesWithoutChair(db, day)]);
    return { ...toConnection(rows, page, (r) => [r.termStart, r.id]), totalCount };
  },
  async idleCommittees(_, { months, asOf, first, after }, { db, today, identity }) {
    requireRole(identity, STRUCTURE_READERS, 'list committees without regular meetings');
    const span = months ?? 6;
    if (!Number.isInteger(span) || span < 1 || span > 60) {
      throw userError(ErrorCode.INVALID_ARGUMENT, `Expected months from 1 to 60, received ${span}.`, { argument: 'months', received: span });
    }
    const page = readPage({ first, after }, CONGRESS_KEY);
    const day = asOf ?? today;
    const [rows, totalCount] = await Promise.all([leadership.idleCommittees(db, day, span, page), leadership.countIdleCommittees(db, day, span)]);
    return { ...toConnection(rows, page, (r) => [r.termStart, r.id]), totalCount };
  },
  async meeting(_, { id }, ctx) {
    const meeting = found(await ctx.loaders.meeting.load(parseId(id)), 'Meeting', id);
    const committee = (await ctx.loaders.committee.load(meeting.committeeId))!;
    await requireAssociation(ctx, committee.organisationId, 'see its meetings');
    return meeting;
  },
};
