// One load run with autocannon against a URL on loopback; bounded by duration, so it always stops by itself.
// @ts-expect-error autocannon ships no types
import autocannon from 'autocannon';

export interface LoadResult {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

export async function load(url: string, body: string, headers: Record<string, string>, options: { duration: number; connections: number }): Promise<LoadResult> {
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duration: options.duration,
    connections: options.connections,
  });
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors + result.non2xx };
}
