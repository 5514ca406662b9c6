// The answer cache: a repeated dashboard query is answered from the gateway's memory instead of the subgraphs.
//
// What may be cached, and for how long, is the subgraphs' word: each answers with a Cache-Control header computed
// from the `@cacheControl` hints in its schema (the aggregates carry them; records and personal data do not), and
// the gateway caches an answer only when every part of it allows (Apollo's response cache plugin). Entries are keyed
// by the caller's scope, its role and the organisation it acts for, so two district associations' staff never share
// one, while every analyst does. An entry lives at most the hint's max-age and at most CACHE_MAX_AGE_SECONDS; any
// mutation that succeeds through this gateway drops every entry at once, so a change made here shows in the next
// answer. A change made elsewhere (another gateway, a bulk import) shows within that age (docs/dashboards.md). A
// request that says `Cache-Control: no-cache` is answered afresh (and refreshes the entry); `no-store`, afresh and
// not kept.
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import responseCachePlugin from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, type KeyValueCache, type KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { Identity } from '@cq/service-kit';
import { OperationTypeNode } from 'graphql';

/** The cache's memory: least recently used entries go first beyond it. */
const MAX_BYTES = 64 * 1024 * 1024;

/** The callers who may share cached answers: same role, same organisation. */
export const scopeKey = (identity: Identity) => `${identity.role}:${identity.organisationId ?? '-'}`;

/** Forgets everything at once by moving to a new key prefix; the old entries age out of the LRU. */
class GenerationalCache implements KeyValueCache<string> {
  private generation = 0;
  private readonly entries = new InMemoryLRUCache<string>({ maxSize: MAX_BYTES });

  constructor(private readonly maxAgeSeconds: number) {}

  get(key: string) {
    return this.entries.get(`${this.generation}:${key}`);
  }

  set(key: string, value: string, options?: KeyValueCacheSetOptions) {
    const ttl = Math.min(options?.ttl ?? this.maxAgeSeconds, this.maxAgeSeconds);
    return this.entries.set(`${this.generation}:${key}`, value, { ttl });
  }

  delete(key: string) {
    return this.entries.delete(`${this.generation}:${key}`);
  }

  clear() {
    this.generation += 1;
  }
}

export function answerCache(maxAgeSeconds: number): ApolloServerPlugin<BaseContext>[] {
  if (maxAgeSeconds <= 0) return [];
  const cache = new GenerationalCache(maxAgeSeconds);
  const scopeOf = ({ contextValue }: { contextValue: BaseContext }) => scopeKey((contextValue as { identity: Identity }).identity);
  return [
    responseCachePlugin({
      cache,
      // Keyed by scope whatever the hint's scope says: even an answer hinted PUBLIC is not shared across roles.
      sessionId: async (requestContext) => scopeOf(requestContext),
      extraCacheKeyData: async (requestContext) => scopeOf(requestContext),
      shouldReadFromCache: async ({ request }) => !/\b(no-cache|no-store)\b/i.test(request.http?.headers.get('cache-control') ?? ''),
      shouldWriteToCache: async ({ request }) => !/\bno-store\b/i.test(request.http?.headers.get('cache-control') ?? ''),
    }),
    {
      async requestDidStart() {
        return {
          async willSendResponse({ operation, response }) {
            if (operation?.operation === OperationTypeNode.MUTATION && response.body.kind === 'single' && response.body.singleResult.data) cache.clear();
          },
        };
      },
    },
  ];
}
