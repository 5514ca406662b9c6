// One load run with autocannon against a URL on loopback. Bounded by duration, so it always stops by itself.
import autocannon from 'autocannon';

export interface LoadOptions {
  /** Seconds */
  duration: number;
  connections: number;
}

export interface LoadTarget {
  url: string;
  body: string;
  headers: Record<string, string>;
  /**
   * New headers for a run that outlives them: the gateway's word to a subgraph expires after a minute, and a direct
   * run past that would time 401s.
   */
  renewHeaders?: () => Promise<Record<string, string>>;
}

export interface LoadResult {
  /** Mean of the per-second samples */
  rps: number;
  /** Milliseconds */
  p50: number;
  p99: number;
  /** Connection errors and timeouts */
  errors: number;
  non2xx: number;
  /** 200 answers that carry GraphQL errors: they would otherwise count as successes. */
  mismatches: number;
}

const RENEW_EVERY_MS = 20_000;

export async function load(target: LoadTarget, options: LoadOptions): Promise<LoadResult> {
  const withType = (headers: Record<string, string>) => ({ 'content-type': 'application/json', ...headers });
  const clients: autocannon.Client[] = [];
  const renewal = target.renewHeaders
    ? setInterval(() => {
        void target.renewHeaders!().then((headers) => clients.forEach((c) => c.setHeaders(withType(headers))));
      }, RENEW_EVERY_MS)
    : undefined;
  try {
    const result = await autocannon({
      url: target.url,
      method: 'POST',
      headers: withType(target.headers),
      body: target.body,
      duration: options.duration,
      connections: options.connections,
      // The nested query at the large scale can take seconds under load; a timeout would be a measuring artefact.
      timeout: 60,
      setupClient: (client) => void clients.push(client),
      verifyBody: (body) => !body.includes('"errors"'),
    });
    return {
      rps: result.requests.average,
      p50: result.latency.p50,
      p99: result.latency.p99,
      errors: result.errors,
      non2xx: result.non2xx,
      mismatches: result.mismatches,
    };
  } finally {
    clearInterval(renewal);
  }
}
