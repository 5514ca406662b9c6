// Each service also starts alone, as a deployment runs it: three subgraph processes and a gateway process, each
// configured only by its environment. With DATABASE_URL the subgraphs share a fresh PostgreSQL database holding
// the tiny demo data; without it each has an empty embedded database of its own.
import { join } from 'node:path';
import { loadConfig, signUserToken } from '@cq/service-kit';
import { queryRows } from '@cq/db';
import { SCALES, seed } from '@cq/db/seed';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { freePort, processes, waitUntil, waitUntilReady } from '../helpers/processes.ts';

const services = processes();
let database: TestDatabase;
let gatewayUrl: string;
/** Hive Gateway's runtime as the gateway process instead (gateway/src/hive-main.ts, docs/production-gateway.md). */
let hiveUrl: string;

beforeAll(async () => {
  database = await openTestDatabase();
  if (database.url) {
    await database.migrate();
    await seed(database.db, SCALES.tiny);
  }
  const [gateway, organisations, people, activities, hive] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const env = {
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    PGLITE_DIR: join(services.scratch, 'db'),
    ORGANISATIONS_PORT: String(organisations),
    PEOPLE_PORT: String(people),
    ACTIVITIES_PORT: String(activities),
    GATEWAY_PORT: String(gateway),
  };
  services.start('subgraphs/organisations/src/index.ts', env);
  services.start('subgraphs/people/src/index.ts', env);
  services.start('subgraphs/activities/src/index.ts', env);
  services.start('gateway/src/index.ts', env);
  services.start('gateway/src/hive-main.ts', { ...env, GATEWAY_PORT: String(hive) });
  gatewayUrl = `http://127.0.0.1:${gateway}/graphql`;
  hiveUrl = `http://127.0.0.1:${hive}/graphql`;
  await waitUntilReady(gatewayUrl);
  // Hive Gateway's own readiness route.
  await waitUntil(`${hiveUrl} to become ready`, () => fetch(new URL('/readiness', hiveUrl)).then((r) => r.ok, () => false));
});

afterAll(async () => {
  await services.stop();
  await database?.close();
});

describe('Services started one by one', () => {
  it('answer a query across the three subgraphs through the gateway process', async () => {
    // The processes run with the development secrets, as the test does.
    const token = await signUserToken({ subject: 'test', role: 'MUNICIPAL_STAFF', organisationId: null }, loadConfig().auth.secret);
    const res = await fetch(gatewayUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION]}, first: 1) { totalCount edges { node { id memberCount activities(first: 1) { totalCount } } } }
                 persons(first: 0) { totalCount } }`,
      }),
    });
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();

    const expectCount = async (query: string) =>
      database.url ? (await queryRows<{ n: number }>(database.db, sql.raw(query)))[0]!.n : 0;
    expect(body.data.organisations.totalCount).toBe(
      await expectCount(`select count(*)::int as n from org.organisations where kind = 'ENTERPRISE_ASSOCIATION'`),
    );
    expect(body.data.persons.totalCount).toBe(await expectCount(`select count(*)::int as n from people.persons`));
    expect(body.data.organisations.edges).toHaveLength(database.url ? 1 : 0);
  });

  it('answer the same query through Hive Gateway started as the gateway process, with the caller\'s identity', async () => {
    const token = await signUserToken({ subject: 'test', role: 'MUNICIPAL_STAFF', organisationId: null }, loadConfig().auth.secret);
    const ask = (url: string, headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query: '{ persons(first: 2) { totalCount edges { node { id nameZh } } } districts { code } }' }) }).then((r) => r.json() as Promise<any>);
    const [ours, hive] = await Promise.all([ask(gatewayUrl, { authorization: `Bearer ${token}` }), ask(hiveUrl, { authorization: `Bearer ${token}` })]);
    expect(hive.errors).toBeUndefined();
    expect(hive).toEqual(ours);
    // Anonymous callers may not list persons, through either gateway.
    const anonymous = await ask(hiveUrl, {});
    expect(anonymous.errors?.[0]?.extensions?.code).toBe((await ask(gatewayUrl, {})).errors?.[0]?.extensions?.code);
  });

  it('make no connection and no look-up outside the machine, started alone and answering queries', async () => {
    const landing = await fetch(gatewayUrl, { headers: { accept: 'text/html' } });
    expect(await landing.text()).toContain('GraphQL');
    expect(services.outboundAttempts()).toEqual([]);
  });

  it('log one JSON object per line, each service saying it is ready', () => {
    const lines = services.output().split('\n').filter(Boolean);
    const entries = lines.map((line) => JSON.parse(line) as { msg: string; level: number; time: number });
    expect(entries.map((e) => e.msg)).toEqual(expect.arrayContaining(['organisations subgraph ready', 'people subgraph ready', 'activities subgraph ready', 'gateway ready']));
    for (const e of entries) expect(e).toMatchObject({ level: expect.any(Number), time: expect.any(Number) });
  });

  it('stop gracefully on SIGTERM: in-flight requests finish, pools close, every process exits 0', async () => {
    const inFlight = fetch(gatewayUrl, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ districts { code } }' }) });
    await new Promise((r) => setTimeout(r, 20));
    const [exits, answer] = await Promise.all([services.stop(), inFlight]);
    expect(answer.status).toBe(200);
    expect(exits).toEqual([0, 0, 0, 0, 0]);
  });
});
