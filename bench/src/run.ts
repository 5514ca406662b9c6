// `npm run bench -- --scale small|large --duration 10 --connections 10`: loads a scale, starts the whole graph in
// this process, and measures a fixed set of queries with autocannon on loopback, through the gateway and, for
// single-subgraph queries, against the owning subgraph directly; the nested query also against the floor. Prints
// a table and writes bench/RESULTS.md.
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { todayInChina } from '@cq/domain';
import { type Identity, INTERNAL_HEADER, loadConfig, signInternalIdentity, signUserToken } from '@cq/service-kit';
import { sqlStatements } from '@cq/db';
import type { ScaleName } from '@cq/db/seed';
import { startGraph } from '@cq/launcher';
import { benchDatabase, sizes } from './database.ts';
import { startFloor } from './floor.ts';
import { load, type LoadOptions, type LoadTarget } from './load.ts';
import { benchQueries, DESCRIPTIONS, type BenchQuery } from './queries.ts';
import { renderReport, writeReport, type Measured, type QueryResult, type TargetName } from './report.ts';

/** Seconds of untimed load before each timed run: the first requests through a code path run before the JIT
 * has optimised it. */
const WARMUP_SECONDS = 2;
const SCALE_NAMES = ['small', 'large'] as const satisfies readonly ScaleName[];

// Progress goes to stderr so that stdout carries the table alone.
const log = (line: string) => console.error(line);

function parseOptions(): { scale: (typeof SCALE_NAMES)[number] } & LoadOptions {
  const { values } = parseArgs({
    options: { scale: { type: 'string', default: 'small' }, duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '10' } },
  });
  const scale = SCALE_NAMES.find((s) => s === values.scale);
  if (!scale) throw new Error(`Expected --scale small or large, received ${values.scale}.`);
  const positive = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`Expected --${name} to be a whole number of 1 or more, received ${value}.`);
    return n;
  };
  return { scale, duration: positive('duration', values.duration), connections: positive('connections', values.connections) };
}

/** Where two answers first part, for a message a person can act on. */
function firstDifference(a: unknown, b: unknown, path = '$'): string | undefined {
  if (isDeepStrictEqual(a, b)) return undefined;
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${path}.${key}`);
      if (found) return found;
    }
  }
  return `${path}: gateway ${JSON.stringify(a)?.slice(0, 300)}, floor ${JSON.stringify(b)?.slice(0, 300)}`;
}

async function main() {
  const options = parseOptions();
  const config = loadConfig();
  const database = await benchDatabase(options.scale, log);
  const closers: (() => Promise<void>)[] = [() => database.close()];
  try {
    const graph = await startGraph({
      host: '127.0.0.1',
      ports: { gateway: 0, organisations: 0, people: 0, activities: 0 },
      databases: { organisations: database, people: database, activities: database },
      auth: config.auth,
      // The load generator is one caller sending thousands of requests a second: the rate limit would measure itself.
      limits: { ...config.limits, ratePerMinute: 0 },
      production: false,
    });
    closers.unshift(() => graph.close());
    // The same day as the subgraphs' default `asOf`, so that the floor answers the same question.
    const asOf = todayInChina();
    const floor = await startFloor(database, asOf);
    closers.unshift(() => floor.close());

    // Municipal staff may read everything the queries ask for, persons' names included.
    const staff: Identity = { subject: 'bench', role: 'MUNICIPAL_STAFF', organisationId: null };
    const userHeaders = { authorization: `Bearer ${await signUserToken(staff, config.auth.secret)}` };
    const internalHeaders = async (subgraph: string) => ({ [INTERNAL_HEADER]: await signInternalIdentity(staff, config.auth.internalSecret, subgraph) });

    const targetsOf = async (q: BenchQuery): Promise<{ name: TargetName; label: string; target: LoadTarget }[]> => {
      const body = JSON.stringify({ query: q.query });
      return [
        { name: 'gateway', label: 'gateway', target: { url: graph.url, body, headers: userHeaders } },
        ...(q.subgraph
          ? [{ name: 'direct' as const, label: `direct (${q.subgraph})`, target: { url: graph.subgraphs[q.subgraph].url, body, headers: await internalHeaders(q.subgraph), renewHeaders: () => internalHeaders(q.subgraph!) } }]
          : []),
        ...(q.floor ? [{ name: 'floor' as const, label: 'floor (one SQL statement)', target: { url: floor.url, body, headers: {} } }] : []),
      ];
    };

    const queries = await benchQueries(database, asOf);

    // One request per query and target before any load: it must answer without errors, the floor must give the
    // gateway's answer, and the statements it sends are counted while nothing else runs.
    const probes = new Map<string, { statements: number; bytes: number }>();
    for (const q of queries) {
      const answers = new Map<TargetName, unknown>();
      for (const { name, label, target } of await targetsOf(q)) {
        const before = sqlStatements.count;
        const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
        const text = await res.text();
        const json = JSON.parse(text) as { errors?: unknown[] };
        if (!res.ok || json.errors) throw new Error(`${q.id} via ${label} answered HTTP ${res.status}:\n${text.slice(0, 4000)}`);
        probes.set(`${q.id}|${name}`, { statements: sqlStatements.count - before, bytes: Buffer.byteLength(text) });
        answers.set(name, json);
      }
      if (answers.has('floor')) {
        const difference = firstDifference(answers.get('gateway'), answers.get('floor'));
        if (difference) throw new Error(`The floor does not give the gateway's answer to ${q.id}, so their ratio would mean nothing. First difference at ${difference}`);
      }
      log(`${q.id}: ${[...answers.keys()].map((t) => `${probes.get(`${q.id}|${t}`)!.statements} SQL statements via ${t}`).join(', ')}`);
    }

    // Every path once before anything is timed: the first query timed would otherwise also pay for warming the
    // code all of them share (HTTP, Apollo Server, the gateway's executor), and measured a third lower.
    log(`Warming up: ${WARMUP_SECONDS} s per query and target…`);
    for (const q of queries) for (const { target } of await targetsOf(q)) await load(target, { ...options, duration: WARMUP_SECONDS });

    const results: QueryResult[] = [];
    for (const q of queries) {
      const measured: Measured[] = [];
      for (const { name, label, target } of await targetsOf(q)) {
        await load(target, { ...options, duration: WARMUP_SECONDS });
        const result = await load(target, options);
        measured.push({ target: name, label, ...probes.get(`${q.id}|${name}`)!, load: result });
        log(`${q.id} via ${label}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50} ms, p99 ${result.p99} ms`);
      }
      let rawSqlMs: number | undefined;
      let gatewayAloneMs: number | undefined;
      if (q.rawSql) {
        // The same twenty calls, one at a time, of the SQL alone and of the whole request through the gateway:
        // what one request costs above its statements, without the queueing of the load above.
        const gateway = (await targetsOf(q))[0]!.target;
        const once = () => fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', ...gateway.headers }, body: gateway.body }).then((r) => r.text());
        rawSqlMs = await meanOf20(q.rawSql);
        gatewayAloneMs = await meanOf20(once);
      }
      results.push({ id: q.id, description: DESCRIPTIONS[q.id] ?? '', measured, rawSqlMs, gatewayAloneMs, withinSql: q.withinSql });
    }

    const report = renderReport({
      date: new Date(),
      scale: options.scale,
      sizes: await sizes(database),
      driver: database.driver,
      options: { ...options, warmup: WARMUP_SECONDS },
      results,
    });
    writeReport(report);
    console.log(report);
    log('Written to bench/RESULTS.md.');
  } finally {
    // autocannon stops at the deadline without waiting for its last requests; let them finish before the servers
    // and the database go, or they fail noisily on the way out.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    for (const close of closers) await close();
  }
}

try {
  await main();
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}

/** Mean milliseconds of 20 sequential calls, after one untimed call. */
async function meanOf20(call: () => Promise<unknown>): Promise<number> {
  await call();
  const started = performance.now();
  for (let i = 0; i < 20; i++) await call();
  return (performance.now() - started) / 20;
}
