// Reading a service's Prometheus metrics in tests.
import { expect } from 'vitest';

/** The metrics text of the service answering GraphQL at `graphqlUrl`. */
export const metricsAt = async (graphqlUrl: string) => {
  const res = await fetch(new URL('/metrics', graphqlUrl));
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
  return res.text();
};

/** The value of the series `name` whose labels include `labels`, 0 when there is none. */
export function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text
    .split('\n')
    .find((l) => (l.startsWith(`${name}{`) || l.startsWith(`${name} `)) && Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  return line ? Number(line.slice(line.lastIndexOf(' ') + 1)) : 0;
}
