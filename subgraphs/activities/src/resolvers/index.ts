import { DateScalar, notFound, parseId, readPage, toConnection, tryParseId } from '@cq/common';
import * as data from '../data/activities.ts';
import type { Resolvers } from '../generated/resolvers.ts';

const NO_SUCH_ID = 0;
const KEY_SHAPE = ['string', 'number'] as const;
const cursorKey = (a: data.ActivityRow) => [a.startsOn, a.id];

export const resolvers: Resolvers = {
  Date: DateScalar,
  Query: {
    async activity(_, { id }, { loaders }) {
      return (await loaders.activity.load(parseId(id))) ?? Promise.reject(notFound('Activity', id));
    },
    async activities(_, { filter, first, after }, { db }) {
      const page = readPage({ first, after }, KEY_SHAPE);
      const f = filter ?? {};
      const rows = await data.searchActivities(db, f, page);
      return { ...toConnection(rows, page, cursorKey), totalCount: () => data.countActivities(db, f) };
    },
  },
  Activity: {
    __resolveReference: (ref, { loaders }) => {
      const id = tryParseId(ref.id);
      return id === null ? null : loaders.activity.load(id);
    },
    organisers: async (a, _, { loaders }) => (await loaders.organisers.load(a.id)).map((id) => ({ id })),
  },
  Organisation: {
    async activities(o, { filter, first, after }, { loaders }) {
      const page = readPage({ first, after }, KEY_SHAPE);
      const f = { kinds: filter?.kinds ? [...filter.kinds].sort() : null, from: filter?.from ?? null, to: filter?.to ?? null };
      const id = tryParseId(o.id) ?? NO_SUCH_ID;
      const rows = await loaders.activitiesOf({ filter: f, page }).load(id);
      return { ...toConnection(rows, page, cursorKey), totalCount: () => loaders.activityCount(f).load(id) };
    },
  },
};
