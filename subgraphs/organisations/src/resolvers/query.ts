import { notFound, parseId, readPage, toConnection } from '@cq/common';
import * as data from '../data/organisations.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

export const Query: QueryResolvers = {
  async organisation(_, { id }, { loaders }) {
    return (await loaders.organisation.load(parseId(id))) ?? Promise.reject(notFound('Organisation', id));
  },
  async organisations(_, { filter, first, after }, { db }) {
    const page = readPage({ first, after });
    const f = filter ?? {};
    const rows = await data.searchOrganisations(db, f, page);
    return { ...toConnection(rows, page, (r) => [r.id]), totalCount: () => data.countOrganisations(db, f) };
  },
  districts: (_, __, { db }) => data.allDistricts(db),
  async enterprise(_, { id }, { loaders }) {
    return (await loaders.enterprise.load(parseId(id))) ?? Promise.reject(notFound('Enterprise', id));
  },
};
