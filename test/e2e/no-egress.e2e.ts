// Nothing leaves the machine: the graph as `npm start` runs it, in production mode with a stray APOLLO_KEY in its
// environment, answers queries and serves its landing page without one connection or DNS look-up of a host outside
// this machine. (Each service started alone is checked in services.e2e.ts; every in-process test by the setup file.)
import { join } from 'node:path';
import { signUserToken } from '@cq/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { freePort, processes, waitUntil } from '../helpers/processes.ts';

const AUTH_SECRET = 'egress-test-user-token-secret-of-32-characters-or-more';
const graph = processes();
let database: TestDatabase;
let ports: Record<'gateway' | 'organisations' | 'people' | 'activities', number>;
const url = (port: number) => `http://127.0.0.1:${port}/graphql`;

beforeAll(async () => {
  database = await openTestDatabase();
  ports = { gateway: await freePort(), organisations: await freePort(), people: await freePort(), activities: await freePort() };
  graph.start('launcher/src/all-in-one.ts', {
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    PGLITE_DIR: join(graph.scratch, 'pglite'),
    DEMO_SCALE: 'tiny',
    NODE_ENV: 'production',
    AUTH_SECRET,
    INTERNAL_SECRET: 'egress-test-internal-secret-of-32-characters-or-more',
    // What an operator may have left in the environment: with these, Apollo Server would report usage and schema.
    APOLLO_KEY: 'service:cq-association-graph:not-a-real-key',
    APOLLO_GRAPH_REF: 'cq-association-graph@current',
    GATEWAY_PORT: String(ports.gateway),
    ORGANISATIONS_PORT: String(ports.organisations),
    PEOPLE_PORT: String(ports.people),
    ACTIVITIES_PORT: String(ports.activities),
  });
  await waitUntil('npm start to print its URL', () => graph.output().includes('The association graph is up'), 110_000);
});

afterAll(async () => {
  await graph.stop();
  await database?.close();
});

describe('Nothing leaves the machine', () => {
  it('the check itself catches @apollo/gateway reaching out when constructed without our switch', async () => {
    const control = processes();
    try {
      const child = control.start('test/fixtures/unguarded-gateway.mjs', {}, { typescript: false });
      await waitUntil('the control to be caught', () => control.outboundAttempts().length > 0 || child.exitCode !== null, 20_000);
      const hosts = control.outboundAttempts().map((a) => a.host);
      // Cloud metadata endpoints (AWS, Azure and GCP share 169.254.169.254; Alibaba's is 100.100.100.200).
      expect(hosts.some((h) => h === '169.254.169.254' || h === '100.100.100.200' || h.includes('metadata'))).toBe(true);
    } finally {
      await control.stop();
    }
  });

  it('npm start in production with a stray APOLLO_KEY answers queries across the subgraphs and sends nothing out', async () => {
    const token = await signUserToken({ subject: 'egress.test', role: 'MUNICIPAL_STAFF', organisationId: null }, AUTH_SECRET);
    const res = await fetch(url(ports.gateway), {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `{ organisations(filter: { kinds: [DISTRICT_ASSOCIATION] }, first: 2) { totalCount edges { node { nameZh
                  children(first: 2) { edges { node { nameZh memberCount activities(first: 1) { totalCount } } } } } } } }`,
      }),
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    expect(body.data.organisations.totalCount).toBeGreaterThan(0);

    for (const port of Object.values(ports)) {
      const page = await fetch(url(port), { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('GraphQL');
      // Every asset of the page is inline: no script, style or image from another host.
      expect(html).not.toMatch(/\b(src|href)=["']?(https?:)?\/\//);
    }
    expect(graph.outboundAttempts()).toEqual([]);
  });

  it('sends nothing out when it stops either (usage reports are flushed on shutdown)', async () => {
    await graph.stop();
    expect(graph.outboundAttempts()).toEqual([]);
  });
});
