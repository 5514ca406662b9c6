// `npm run bench -- --scale small|large --duration 5 --rounds 3 --connections 10 [--only id,id]`: loads a scale and
// measures a fixed set of queries with autocannon on loopback. With DATABASE_URL (PostgreSQL), as deployed: each
// subgraph, our gateway, Hive Gateway and the SQL floor in a process of their own (processes.ts), beside the whole
// graph in this process for the one-process column. Without it (PGlite, which one process holds), the one-process
// graph alone. Interleaved rounds: every query and target once per round, so that a slow minute of the machine
// falls on all of them; the ratios are taken within each round and their median reported. Prints a table and
// writes bench/RESULTS.md.
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { todayInChina } from '@cq/domain';
import { type Identity, INTERNAL_HEADER, loadConfig, signInternalIdentity, signUserToken } from '@cq/service-kit';
import { sqlStatements } from '@cq/db';
import type { ScaleName } from '@cq/db/seed';
import { startGraph } from '@cq/launcher';
import { benchDatabase, sizes, untilIdle } from './database.ts';
import { startFloor } from './floor.ts';
import { load, type LoadOptions, type LoadResult, type LoadTarget } from './load.ts';
import { peakMbOf, startDeployment } from './processes.ts';
import { benchQueries, DESCRIPTIONS, type BenchQuery } from './queries.ts';
import { renderReport, writeReport, type QueryResult, type TargetName } from './report.ts';

/** Seconds of untimed load before each timed run: the first requests through a code path run before the JIT
 * has optimised it. */
const WARMUP_SECONDS = 1;
const SCALE_NAMES = ['small', 'large'] as const satisfies readonly ScaleName[];

// Progress goes to stderr so that stdout carries the table alone.
const log = (line: string) => console.error(line);

interface Options extends LoadOptions {
  scale: (typeof SCALE_NAMES)[number];
  rounds: number;
  only: string[] | undefined;
}

function parseOptions(): Options {
  const { values } = parseArgs({
    options: {
      scale: { type: 'string', default: 'small' },
      duration: { type: 'string', default: '5' },
      rounds: { type: 'string', default: '3' },
      connections: { type: 'string', default: '10' },
      only: { type: 'string' },
    },
  });
  const scale = SCALE_NAMES.find((s) => s === values.scale);
  if (!scale) throw new Error(`Expected --scale small or large, received ${values.scale}.`);
  const positive = (name: string, value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new Error(`Expected --${name} to be a whole number of 1 or more, received ${value}.`);
    return n;
  };
  return {
    scale,
    duration: positive('duration', values.duration),
    rounds: positive('rounds', values.rounds),
    connections: positive('connections', values.connections),
    only: values.only?.split(',').map((s) => s.trim()),
  };
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
  return `${path}: ${JSON.stringify(a)?.slice(0, 300)} against ${JSON.stringify(b)?.slice(0, 300)}`;
}

interface Target {
  name: TargetName;
  label: string;
  target: LoadTarget;
}

async function main() {
  const options = parseOptions();
  const config = loadConfig();
  const { database, url } = await benchDatabase(options.scale, log);
  const closers: (() => Promise<void>)[] = [() => database.close()];
  try {
    // The same day as the subgraphs' default `asOf`, so that the floor answers the same question.
    const asOf = todayInChina();
    const queries = (await benchQueries(database, asOf)).filter((q) => !options.only || options.only.includes(q.id));
    if (!queries.length) throw new Error(`Expected --only to name some of the queries, received ${options.only?.join(',')}.`);

    const graph = await startGraph({
      host: '127.0.0.1',
      ports: { gateway: 0, organisations: 0, people: 0, activities: 0 },
      databases: { organisations: database, people: database, activities: database },
      auth: config.auth,
      limits: { ...config.limits, ratePerMinute: 0 },
      production: false,
    });
    closers.unshift(() => graph.close());
    const deployment = url ? await startDeployment(url, log) : undefined;
    if (deployment) closers.unshift(() => deployment.stop());
    else log('Without DATABASE_URL the services cannot run as separate processes (PGlite is held by one): the one-process graph alone.');
    const inProcessFloor = deployment ? undefined : await startFloor(database, asOf, queries);
    if (inProcessFloor) closers.unshift(() => inProcessFloor.close());
    const floorBase = deployment ? new URL('/', deployment.floor.url).href : inProcessFloor!.url;

    // Municipal staff may read everything the queries ask for, persons' names included.
    const staff: Identity = { subject: 'bench', role: 'MUNICIPAL_STAFF', organisationId: null };
    const userHeaders = { authorization: `Bearer ${await signUserToken(staff, config.auth.secret)}` };
    const internalHeaders = async (subgraph: string) => ({ [INTERNAL_HEADER]: await signInternalIdentity(staff, config.auth.internalSecret, subgraph) });

    /** Queries whose answers our gateway's answer cache keeps (found by the probe below): its figures are then the cache's. */
    const cacheable = new Set<string>();
    const targetsOf = async (q: BenchQuery): Promise<Target[]> => {
      const body = JSON.stringify({ query: q.query });
      const graphql = (url: string) => ({ url, body, headers: userHeaders });
      const direct = async (url: string): Promise<Target[]> =>
        q.subgraph ? [{ name: 'direct', label: `direct (${q.subgraph})`, target: { url, body, headers: await internalHeaders(q.subgraph), renewHeaders: () => internalHeaders(q.subgraph!) } }] : [];
      const floor: Target[] = q.floor || q.rawSql ? [{ name: 'floor', label: q.floor ? 'floor (one SQL statement)' : 'floor (its data functions)', target: { url: `${floorBase}${q.id}`, body, headers: {} } }] : [];
      if (!deployment) return [{ name: 'gateway', label: 'gateway (one process)', target: graphql(graph.url) }, ...(await direct(q.subgraph ? graph.subgraphs[q.subgraph].url : '')), ...floor];
      return [
        { name: 'gateway', label: 'gateway', target: graphql(deployment.gateway.url) },
        ...(cacheable.has(q.id) ? [{ name: 'fresh' as const, label: 'gateway, no-cache', target: { ...graphql(deployment.gateway.url), headers: { ...userHeaders, 'cache-control': 'no-cache' } } }] : []),
        { name: 'hive', label: 'Hive Gateway', target: graphql(deployment.hive.url) },
        { name: 'one-process', label: 'gateway, all in one process', target: graphql(graph.url) },
        ...(await direct(q.subgraph ? deployment[q.subgraph].url : '')),
        ...floor,
      ];
    };

    // One request per query and target before any load: each must answer without errors, Hive Gateway and the
    // one-process graph must give our gateway's answer, the nested floor too; the statements the one-process
    // graph sends are counted while nothing else runs.
    const probes = new Map<string, { statements: number; bytes: number }>();
    const send = async (q: BenchQuery, { label, target }: Target) => {
      const res = await fetch(target.url, { method: 'POST', headers: { 'content-type': 'application/json', ...target.headers }, body: target.body });
      const text = await res.text();
      const json = JSON.parse(text) as { errors?: unknown[] };
      if (!res.ok || json.errors) throw new Error(`${q.id} via ${label} answered HTTP ${res.status}:\n${text.slice(0, 4000)}`);
      return { json, bytes: Buffer.byteLength(text), age: res.headers.get('age') };
    };
    for (const q of queries) {
      if (deployment) {
        const [gateway] = await targetsOf(q);
        await send(q, gateway!);
        if ((await send(q, gateway!)).age !== null) cacheable.add(q.id);
      }
      const answers = new Map<TargetName, unknown>();
      for (const t of await targetsOf(q)) {
        const before = sqlStatements.count;
        const { json, bytes } = await send(q, t);
        probes.set(`${q.id}|${t.name}`, { statements: sqlStatements.count - before, bytes });
        answers.set(t.name, json);
      }
      for (const other of ['fresh', 'hive', 'one-process', ...(q.floor ? ['floor' as const] : [])] as const) {
        if (!answers.has(other)) continue;
        const difference = firstDifference(answers.get('gateway'), answers.get(other));
        if (difference) throw new Error(`${other} does not give the gateway's answer to ${q.id}, so their ratio would mean nothing. First difference at ${difference}`);
      }
      const counted = probes.get(`${q.id}|${deployment ? 'one-process' : 'gateway'}`)!.statements;
      log(`${q.id}: ${counted} SQL statements${cacheable.has(q.id) ? '; the gateway caches its answer' : ''}`);
    }

    log(`Warming up: ${WARMUP_SECONDS} s per query and target…`);
    for (const q of queries) for (const { target } of await targetsOf(q)) await load(target, { ...options, duration: WARMUP_SECONDS });

    const samples = new Map<string, LoadResult[]>();
    for (let round = 1; round <= options.rounds; round++) {
      for (const q of queries) {
        // Every other round the other way round, so that no target always runs first after a switch.
        const targets = await targetsOf(q);
        for (const { name, label, target } of round % 2 ? targets : targets.reverse()) {
          await untilIdle(database);
          await load(target, { ...options, duration: WARMUP_SECONDS });
          const result = await load(target, options);
          samples.set(`${q.id}|${name}`, [...(samples.get(`${q.id}|${name}`) ?? []), result]);
          log(`round ${round}/${options.rounds} ${q.id} via ${label}: ${result.rps.toFixed(1)} req/s, p50 ${result.p50} ms`);
        }
      }
    }

    const results: QueryResult[] = [];
    for (const q of queries) {
      // Twenty requests one at a time to each target, and twenty calls of the SQL alone: what one request costs
      // without concurrency, where no gateway has an identical request in flight to share.
      const aloneMs: Partial<Record<TargetName, number>> = {};
      for (const t of await targetsOf(q)) {
        await untilIdle(database);
        aloneMs[t.name] = await meanOf20(() => send(q, t));
      }
      const rawSqlMs = q.rawSql ? await meanOf20(q.rawSql) : undefined;
      results.push({
        id: q.id,
        description: DESCRIPTIONS[q.id] ?? '',
        cached: cacheable.has(q.id),
        statements: probes.get(`${q.id}|${deployment ? 'one-process' : 'gateway'}`)!.statements,
        measured: (await targetsOf(q)).map(({ name, label }) => ({ target: name, label, bytes: probes.get(`${q.id}|${name}`)!.bytes, runs: samples.get(`${q.id}|${name}`)! })),
        floorTarget: q.floorTarget,
        rawSqlMs,
        aloneMs,
        withinSql: q.withinSql,
      });
    }

    const report = renderReport({
      date: new Date(),
      scale: options.scale,
      sizes: await sizes(database),
      driver: database.driver,
      separateProcesses: Boolean(deployment),
      options: { ...options, warmup: WARMUP_SECONDS },
      results,
      peaks: [...(deployment?.peaks() ?? []), { name: 'this process (one-process graph, load generator)', peakMb: peakMbOf('self') }],
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
