// Each service also starts alone, as a deployment runs it: three subgraph processes and a gateway process, each
// configured only by its environment. With DATABASE_URL the subgraphs share a fresh PostgreSQL database holding
// the tiny demo data; without it each has an empty embedded database of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig, signUserToken } from '@cq/common';
import { queryRows } from '@cq/db';
import { SCALES, seed } from '@cq/db/seed';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';

const root = new URL('../../', import.meta.url).pathname;
const children: ChildProcess[] = [];
let database: TestDatabase;
let pgliteDir: string;
let gatewayUrl: string;

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function start(entry: string, env: Record<string, string>): void {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, entry)], {
    cwd: root,
    env: { ...process.env, ...env, HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  children.push(child);
}

async function waitUntilReady(url: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const ok = await fetch(new URL('/ready', url)).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`expected ${url} to become ready within ${timeoutMs} ms`);
}

beforeAll(async () => {
  database = await openTestDatabase();
  if (database.url) {
    await database.migrate();
    await seed(database.db, SCALES.tiny);
  }
  pgliteDir = mkdtempSync(join(tmpdir(), 'cq-services-'));
  const [gateway, organisations, people, activities] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const env = {
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    PGLITE_DIR: join(pgliteDir, 'db'),
    ORGANISATIONS_PORT: String(organisations),
    PEOPLE_PORT: String(people),
    ACTIVITIES_PORT: String(activities),
    GATEWAY_PORT: String(gateway),
  };
  start('subgraphs/organisations/src/index.ts', env);
  start('subgraphs/people/src/index.ts', env);
  start('subgraphs/activities/src/index.ts', env);
  start('gateway/src/index.ts', env);
  gatewayUrl = `http://127.0.0.1:${gateway}/graphql`;
  await waitUntilReady(gatewayUrl);
});

afterAll(async () => {
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  await database?.close();
  if (pgliteDir) rmSync(pgliteDir, { recursive: true, force: true });
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
});
