// Identical reads in flight at once are done once: a dashboard opened by many people at the same moment asks the
// same question many times, and every copy would cost the same planning, subgraph calls and SQL. At two levels:
// the same operation with the same variables is executed once (sharedExecutions), and the same subgraph request is
// sent once (dedupedFetcher), which also catches different operations that need the same data. Only queries are
// shared, only between callers of the same scope (the answer cache's key, cache.ts), and only while the first is in
// flight; a mutation is always executed and sent as it is. Each caller still passes its own limits, plugins and
// error formatting: only the execution is shared.
import type { GatewayExecutor, GatewayInterface } from '@apollo/server-gateway-interface';
import { OperationTypeNode } from 'graphql';
import { scopeKey } from './cache.ts';
import type { GatewayContext } from './gateway.ts';

/** Carries the caller's scope (cache.ts's scopeKey) from the data source to the fetcher; never sent on. */
export const SCOPE_HEADER = 'x-cq-scope';

interface Answer {
  status: number;
  statusText: string;
  headers: [string, string][];
  body: ArrayBuffer;
}

export function dedupedFetcher(fetcher: typeof fetch): typeof fetch {
  const inFlight = new Map<string, Promise<Answer>>();
  return async (input, init) => {
    const headers = new Headers(init?.headers);
    const scope = headers.get(SCOPE_HEADER);
    headers.delete(SCOPE_HEADER);
    const body = typeof init?.body === 'string' ? init.body : undefined;
    if (!scope || !body || !isQuery(body)) return fetcher(input, { ...init, headers });
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const key = `${url}\n${scope}\n${body}`;
    let shared = inFlight.get(key);
    if (!shared) {
      shared = fetcher(input, { ...init, headers })
        .then(async (res) => ({ status: res.status, statusText: res.statusText, headers: [...res.headers.entries()], body: await res.arrayBuffer() }))
        .finally(() => inFlight.delete(key));
      inFlight.set(key, shared);
    }
    const answer = await shared;
    // Each caller gets its own Response over the same bytes.
    return new Response(answer.body.slice(0), { status: answer.status, statusText: answer.statusText, headers: answer.headers });
  };
}

/** A subgraph request whose operation is a query (the gateway's plans send one operation per request). */
function isQuery(body: string): boolean {
  try {
    const query = (JSON.parse(body) as { query?: unknown }).query;
    return typeof query === 'string' && !/^\s*(mutation|subscription)\b/.test(query);
  } catch {
    return false;
  }
}

type Execution = Awaited<ReturnType<GatewayExecutor>>;
interface CachePolicy {
  maxAge?: number;
  scope?: string;
  restrict(hint: { maxAge?: number; scope?: string }): void;
}

/** The gateway, with identical queries in flight at once executed once per scope. */
export function sharedExecutions(gateway: GatewayInterface, onShared: () => void): GatewayInterface {
  return {
    onSchemaLoadOrUpdate: (callback) => gateway.onSchemaLoadOrUpdate(callback),
    stop: () => gateway.stop(),
    load: async (options) => {
      const { executor } = await gateway.load(options);
      return { executor: executor && sharedExecutor(executor, onShared) };
    },
  };
}

function sharedExecutor(execute: GatewayExecutor, onShared: () => void): GatewayExecutor {
  const inFlight = new Map<string, Promise<{ result: Execution; policy: { maxAge?: number; scope?: string } }>>();
  return async (requestContext) => {
    if (requestContext.operation.operation !== OperationTypeNode.QUERY) return execute(requestContext);
    const { identity } = requestContext.context as GatewayContext;
    const { request, queryHash } = requestContext;
    const key = `${scopeKey(identity)}\n${queryHash}\n${request.operationName ?? ''}\n${JSON.stringify(request.variables ?? {})}`;
    const policy = requestContext.overallCachePolicy as CachePolicy;
    const shared = inFlight.get(key);
    if (shared) {
      onShared();
      const leader = await shared;
      // The subgraphs' cache hints reached the first caller's policy; the answer is the same, so is its policy.
      policy.restrict(leader.policy);
      return leader.result;
    }
    const execution = execute(requestContext)
      .then((result) => ({ result, policy: { maxAge: policy.maxAge, scope: policy.scope } }))
      .finally(() => inFlight.delete(key));
    inFlight.set(key, execution);
    return (await execution).result;
  };
}
