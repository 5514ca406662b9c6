import { todayInChina } from './dates.ts';

/** What every subgraph resolver receives: the database, this request's loaders, and today's date in China. */
export interface RequestContext<TDb, TLoaders> {
  db: TDb;
  loaders: TLoaders;
  /** Fixed for the whole request so that every `asOf` default agrees. */
  today: string;
}

/** Loaders are created per request, so nothing cached outlives the request that loaded it. */
export function requestContext<TDb, TLoaders>(db: TDb, createLoaders: (db: TDb) => TLoaders): RequestContext<TDb, TLoaders> {
  return { db, loaders: createLoaders(db), today: todayInChina() };
}
