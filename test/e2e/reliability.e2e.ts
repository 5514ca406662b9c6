// The reliability suite: faults and hostile input against the services run as separate processes (loopback only,
// bounded in time and load). Figures are reported in docs/operations.md ("Reliability"). With DATABASE_URL the subgraphs share a
// fresh PostgreSQL database; without it each has an embedded database of its own.
import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { type Database, openDatabase, queryRows } from '@cq/db';
import { SCALES, seed } from '@cq/db/seed';
import { loadConfig, signUserToken } from '@cq/service-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase, type TestDatabase } from '../helpers/database.ts';
import { expectDocumentedCodes } from '../helpers/errors.ts';
import { freePort, processes, waitUntil, waitUntilReady } from '../helpers/processes.ts';

const services = processes();
let database: TestDatabase;
let env: Record<string, string>;
const urls: Record<string, string> = {};
let token: string;
let peopleProcess: ChildProcess;

beforeAll(async () => {
  database = await openTestDatabase();
  if (database.url) {
    await database.migrate();
    await seed(database.db, SCALES.tiny);
  }
  const [gateway, organisations, people, activities] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  env = {
    ...(database.url ? { DATABASE_URL: database.url } : {}),
    PGLITE_DIR: join(services.scratch, 'db'),
    ORGANISATIONS_PORT: String(organisations),
    PEOPLE_PORT: String(people),
    ACTIVITIES_PORT: String(activities),
    GATEWAY_PORT: String(gateway),
  };
  for (const [name, port] of Object.entries({ gateway, organisations, people, activities })) urls[name] = `http://127.0.0.1:${port}/graphql`;
  services.start('subgraphs/organisations/src/index.ts', env);
  peopleProcess = services.start('subgraphs/people/src/index.ts', env);
  services.start('subgraphs/activities/src/index.ts', env);
  services.start('gateway/src/index.ts', env);
  await waitUntilReady(urls.gateway!);
  token = await signUserToken({ subject: 'reliability', role: 'MUNICIPAL_STAFF', organisationId: null }, loadConfig().auth.secret);
}, 120_000);

afterAll(async () => {
  await services.stop();
  await database?.close();
});

async function post(body: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(urls.gateway!, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers }, body: JSON.stringify(body) });
  return { status: res.status, body: await res.json().catch(() => null) };
}

const healthy = async () => (await Promise.all(Object.values(urls).map((u) => fetch(new URL('/health', u)).then((r) => r.ok, () => false)))).every(Boolean);

describe('Reliability', () => {
  it('loses no committed write when the people subgraph is killed (-9) mid-load: clients retry with their idempotency keys', async () => {
    const writes = 120;
    const register = `mutation ($n: String!) { registerPerson(input: {nameZh: $n, category: MANAGER}) { id nameZh } }`;
    const name = (i: number) => `可靠性测试${i}`;
    const answered = new Map<number, string>(); // request → the person id its (first) successful answer gave
    let sent = 0;
    let killed = false;

    const attempt = async (i: number) => {
      const res = await post({ query: register, variables: { n: name(i) } }, { 'idempotency-key': `reliability-${i}` }).catch(() => null);
      const id = res?.body?.data?.registerPerson?.id as string | undefined;
      if (id) {
        expect(answered.get(i) ?? id).toBe(id); // a retry answers what the first success did
        answered.set(i, id);
      }
    };
    // Eight clients at a time; the people subgraph dies a third of the way through.
    const queue = Array.from({ length: writes }, (_, i) => i);
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
          sent += 1;
          if (!killed && sent > writes / 3) {
            killed = true;
            peopleProcess.kill('SIGKILL');
          }
          await attempt(i);
        }
      }),
    );
    const lost = writes - answered.size;
    expect(killed).toBe(true);
    expect(lost).toBeGreaterThan(0); // the kill cost some answers: the fault happened under load

    peopleProcess = services.start('subgraphs/people/src/index.ts', env);
    await waitUntilReady(urls.people!);
    // Every client whose answer was lost retries with the same key until it gets one.
    await waitUntil('every write to be answered', async () => {
      for (let i = 0; i < writes; i++) if (!answered.has(i)) await attempt(i);
      return answered.size === writes;
    }, 60_000);

    // Each write is there once, with its audit record; retries of committed writes are recorded as replays.
    // An embedded database belongs to one process: stop the subgraph before reading its folder.
    if (!database.url) {
      peopleProcess.kill('SIGTERM');
      await once(peopleProcess, 'exit');
    }
    const peopleDb: Database = database.url ? database : await openDatabase({ dataDir: `${env.PGLITE_DIR}-people` });
    const persons = await queryRows<{ name: string; id: number }>(peopleDb.db, sql`select name_zh as name, id from people.persons where name_zh like '可靠性测试%'`);
    const audit = await queryRows<{ outcome: string; n: number }>(peopleDb.db, sql`select outcome, count(*)::int as n from audit.records where actor = 'municipal_staff:reliability' group by outcome`);
    expect(persons).toHaveLength(writes);
    expect(new Set(persons.map((p) => p.name)).size).toBe(writes);
    for (const p of persons) expect(answered.get(Number(p.name.replace('可靠性测试', '')))).toBe(String(p.id));
    expect(audit.find((a) => a.outcome === 'OK')?.n).toBe(writes);
    if (!database.url) {
      await peopleDb.close();
      peopleProcess = services.start('subgraphs/people/src/index.ts', env);
      await waitUntilReady(urls.people!);
    }
    console.log(`reliability: ${writes} writes, ${lost} answers lost to kill -9, ${persons.length - writes} records lost or doubled, ${audit.find((a) => a.outcome === 'REPLAYED')?.n ?? 0} replays`);
  }, 120_000);

  it('keeps every process up through hostile requests, each answered with a documented 4xx code', async () => {
    const raw = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) =>
      fetch(urls.gateway!, { method: 'POST', headers, body }).then(async (r) => ({ status: r.status, body: (await r.json().catch(() => null)) as any }));
    const deep = `{ ${'organisation(id: "1") { children(first: 1) { edges { node { '.repeat(12)}id${' } } } }'.repeat(12)} }`;
    const hostile: [string, () => Promise<{ status: number; body: any }>][] = [
      ['malformed JSON', () => raw('{"query": "{ districts { code } ')],
      ['body over 1 MB', () => raw(JSON.stringify({ query: `{ districts { code } } #${'x'.repeat(1_100_000)}` }))],
      ['not JSON at all', () => raw('\u0000\u0001binary', { 'content-type': 'application/octet-stream' })],
      ['1,000 aliases', () => post({ query: `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: districts { code }`).join(' ')} }` })],
      ['10,000 fields', () => post({ query: `{ districts { ${'code '.repeat(10_000)} } }` })],
      ['nesting past the depth limit', () => post({ query: deep })],
      ['a NUL byte in a string', () => post({ query: 'mutation ($n: String!) { registerPerson(input: {nameZh: $n, category: MANAGER}) { id } }', variables: { n: 'a\u0000b' } })],
      ['a 900 KB name', () => post({ query: 'mutation ($n: String!) { registerPerson(input: {nameZh: $n, category: MANAGER}) { id } }', variables: { n: '名'.repeat(300_000) } })],
      ['a blank name', () => post({ query: 'mutation { registerPerson(input: {nameZh: "   ", category: MANAGER}) { id } }' })],
      ['a variable of the wrong type', () => post({ query: 'query ($id: ID!) { organisation(id: $id) { id } }', variables: { id: { nested: true } } })],
      ['an id that is not a number', () => post({ query: '{ organisation(id: "1 or 1=1") { id } }' })],
      ['a forged token', () => post({ query: '{ districts { code } }' }, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiTVVOSUNJUEFMX1NUQUZGIn0.' })],
      ['a page size of a million', () => post({ query: '{ organisations(first: 1000000) { totalCount } }' })],
      ['a mutation by GET', () => fetch(`${urls.gateway}?query=${encodeURIComponent('mutation { registerPerson(input: {nameZh: "x", category: MANAGER}) { id } }')}`, { headers: { 'apollo-require-preflight': 'true' } }).then(async (r) => ({ status: r.status, body: await r.json().catch(() => null) }))],
      ['a malformed idempotency key', () => post({ query: '{ districts { code } }' }, { 'idempotency-key': 'has spaces in it' })],
    ];
    const answers = [];
    for (const [what, send] of hostile) answers.push({ what, ...(await send()) });
    for (const a of answers) {
      expect(a.status, a.what).toBeGreaterThanOrEqual(200);
      expect(a.status, a.what).toBeLessThan(500);
      const errors = (a.body?.errors ?? []) as { extensions?: { code?: string } }[];
      expect(errors.length, `${a.what}: ${JSON.stringify(a.body).slice(0, 200)}`).toBeGreaterThan(0);
      for (const e of errors) expect(e.extensions?.code, a.what).not.toBe('INTERNAL_SERVER_ERROR');
      expectDocumentedCodes(a.body);
    }
    expect(await healthy()).toBe(true);
    const after = await post({ query: '{ districts { code } }' });
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.districts).toEqual(expect.any(Array));
    console.log(`reliability: ${hostile.length} hostile requests, ${answers.filter((a) => a.status >= 500).length} answered 5xx, all processes up`);
  }, 60_000);
});
