// How much of each person a caller may see, batched per request (used by access.ts through the request's loaders).
import type { Db } from '@cq/db';
import type { Identity, ScopeLoader } from '@cq/service-kit';
import DataLoader from 'dataloader';
import * as data from './data/people.ts';

export type Visibility = 'FULL' | 'PROFILE' | 'NONE';

/** Batches how much of each person the caller may see: two statements per batch whatever its size. */
export function visibilityLoader(db: Db, identity: Identity, scope: ScopeLoader) {
  return new DataLoader<number, Visibility>(async (ids) => {
    if (identity.role === 'MUNICIPAL_STAFF') return ids.map(() => 'FULL');
    if (identity.role === 'ANALYST' || identity.role === 'ANONYMOUS') return ids.map(() => 'NONE');
    if (identity.role === 'SOCIETY') {
      const linked = new Set(await data.personsLinkedTo(db, identity.organisationId!, ids));
      return ids.map((id) => (linked.has(id) ? 'PROFILE' : 'NONE'));
    }
    const ties = await data.organisationsOfPersons(db, ids);
    const inScope = await scope.loadMany([...new Set(ties.map((t) => t.organisationId))]);
    const visibleOrgs = new Set([...new Set(ties.map((t) => t.organisationId))].filter((_, i) => inScope[i] === true));
    const seen = new Set(ties.filter((t) => visibleOrgs.has(t.organisationId)).map((t) => t.personId));
    return ids.map((id) => (seen.has(id) ? 'FULL' : 'NONE'));
  });
}
