// Identical reads in flight at once are sent to a subgraph once: a dashboard opened by many people at the same moment
// asks each subgraph the same question many times, and every copy would cost the same SQL. Only queries are shared,
// only between callers of the same scope (the answer cache's key, cache.ts), and only while the first is in flight;
// a mutation is always sent as it is.
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
