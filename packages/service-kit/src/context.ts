import type { Identity } from './auth.ts';
import { todayInChina } from '@cq/domain';

/** What every subgraph resolver receives: the database, this request's loaders, and today's date in China. */
export interface RequestContext<TDb, TLoaders> {
  db: TDb;
  loaders: TLoaders;
  /** Fixed for the whole request so that every `asOf` default agrees. */
  today: string;
  /** Who is asking, as the gateway vouched for it. */
  identity: Identity;
  /** What the audit record of a mutation names as its target; set by the access check that guarded it. */
  audit: { organisationId: number | null };
}

/** Loaders are created per request, so nothing cached outlives the request that loaded it. */
export function requestContext<TDb, TLoaders>(db: TDb, createLoaders: (db: TDb, identity: Identity) => TLoaders, identity: Identity): RequestContext<TDb, TLoaders> {
  return { db, loaders: createLoaders(db, identity), today: todayInChina(), identity, audit: { organisationId: null } };
}
