import { DateScalar, notFound, parseId, readPage, toConnection, tryParseId } from '@cq/common';
import * as data from '../data/people.ts';
import type { Resolvers } from '../generated/resolvers.ts';

const NO_SUCH_ID = 0;

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query: {
    async person(_, { id }, { loaders }) {
      return (await loaders.person.load(parseId(id))) ?? Promise.reject(notFound('Person', id));
    },
    async persons(_, { filter, first, after }, { db }) {
      const page = readPage({ first, after });
      const f = filter ?? {};
      const rows = await data.searchPersons(db, f, page);
      return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => data.countPersons(db, f) };
    },
  },
  Person: {
    __resolveReference: (ref, { loaders }) => {
      const id = tryParseId(ref.id);
      return id === null ? null : loaders.person.load(id);
    },
    async memberships(person, { first, after }, { loaders }) {
      const page = readPage({ first, after });
      const rows = await loaders.memberships(page).load(person.id);
      return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.membershipCount.load(person.id) };
    },
  },
  Membership: {
    person: async (m, _, { loaders }) => (await loaders.person.load(m.personId))!,
    organisation: (m) => ({ id: m.organisationId }),
  },
  Organisation: {
    async members(o, { asOf, first, after }, { loaders, today }) {
      const page = readPage({ first, after });
      const id = tryParseId(o.id) ?? NO_SUCH_ID;
      const day = asOf ?? today;
      const rows = await loaders.members({ asOf: day, page }).load(id);
      return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => loaders.memberCount(day).load(id) };
    },
    memberCount: (o, { asOf }, { loaders, today }) => loaders.memberCount(asOf ?? today).load(tryParseId(o.id) ?? NO_SUCH_ID),
  },
};
