import { notFound, parseId } from '@cq/domain';
import { readPage, toConnection } from '@cq/service-kit';
import * as data from '../data/activities.ts';
import type { QueryResolvers } from '../generated/resolvers.ts';

export const KEY_SHAPE = ['string', 'number'] as const;
export const cursorKey = (a: data.ActivityRow) => [a.startsOn, a.id];

// Activities are public: what associations do is part of the directory; who took part is guarded per person.
export const Query: QueryResolvers = {
  async activity(_, { id }, { loaders }) {
    return (await loaders.activity.load(parseId(id))) ?? Promise.reject(notFound('Activity', id));
  },
  async activities(_, { filter, first, after }, { db }) {
    const page = readPage({ first, after }, KEY_SHAPE);
    const f = filter ?? {};
    const rows = await data.searchActivities(db, f, page);
    return { ...toConnection(rows, page, cursorKey), totalCount: () => data.countActivities(db, f) };
  },
};
