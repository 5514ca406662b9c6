// `npm run bench:cold-start -- --scale small --runs 3`: what a new user waits for and what the machine must hold. Each
// run starts `npm start`'s launcher (launcher/src/all-in-one.ts, as its own process, the way `npm start` runs it) on
// an empty embedded database in a fresh folder, then again on the database it left (a warm start), and reports
// the seconds until it prints its URL and the process's peak resident memory (VmHWM) at that moment and after the
// explorer's first screens were asked for. Medians and ranges over the runs.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { freePort, peakMbOf } from './processes.ts';


const root = fileURLToPath(new URL('../../', import.meta.url));
const log = (line: string) => console.error(line);

interface Run {
  seconds: number;
  peakAtReadyMb: number;
  peakAfterUseMb: number;
}

/** One start of the launcher on `dataDir`; resolves once it has printed its URL and answered the first screens. */
async function start(dataDir: string, scale: string): Promise<Run> {
  const ports = { GATEWAY_PORT: await freePort(), ORGANISATIONS_PORT: await freePort(), PEOPLE_PORT: await freePort(), ACTIVITIES_PORT: await freePort() };
  // The embedded database, whatever this shell's DATABASE_URL points at.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, NODE_ENV: 'development', PGLITE_DIR: dataDir, DEMO_SCALE: scale, ...Object.fromEntries(Object.entries(ports).map(([k, v]) => [k, String(v)])) };
  const began = performance.now();
  // node with tsx's loader, as `npm start` runs it (without npm's own process in front).
  const child = spawn(process.execPath, ['--import', 'tsx', 'launcher/src/all-in-one.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const found = /The association graph is up: (\S+)/.exec(output);
        if (found) resolve(found[1]!);
      });
      child.once('exit', (code) => reject(new Error(`the launcher exited (${code}) before it was up:\n${output.slice(-2000)}`)));
    });
    const seconds = (performance.now() - began) / 1000;
    const peakAtReadyMb = peakMbOf(child.pid!);
    // What the explorer asks for first: the dashboard's panels (anonymous-safe aggregates need a token: analyst).
    const token = /analyst:\n\s+(\S+)/.exec(output)?.[1];
    for (const query of ['{ organisationCounts(groupBy: [DISTRICT, KIND]) { kind count } }', '{ memberCounts(groupBy: [DISTRICT]) { count } }', '{ activityCounts(from: "2024-01-01", to: "2025-12-31", period: MONTH, groupBy: [DISTRICT]) { count } }']) {
      const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: JSON.stringify({ query }) });
      const body = (await res.json()) as { errors?: unknown[] };
      if (body.errors?.length) throw new Error(`${query} failed: ${JSON.stringify(body.errors).slice(0, 300)}`);
    }
    return { seconds, peakAtReadyMb, peakAfterUseMb: peakMbOf(child.pid!) };
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const spread = (xs: number[], digits: number) => `${median(xs).toFixed(digits)} (${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)})`;

async function main() {
  const { values } = parseArgs({ options: { scale: { type: 'string', default: 'small' }, runs: { type: 'string', default: '3' } } });
  const runs = Number(values.runs);
  const cold: Run[] = [];
  const warm: Run[] = [];
  for (let i = 1; i <= runs; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'cq-cold-start-'));
    try {
      log(`run ${i}/${runs}: cold start on ${dir}…`);
      cold.push(await start(join(dir, 'pglite'), values.scale));
      log(`run ${i}/${runs}: warm start…`);
      warm.push(await start(join(dir, 'pglite'), values.scale));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const row = (name: string, xs: Run[]) =>
    `| ${name} | ${spread(xs.map((r) => r.seconds), 1)} | ${spread(xs.map((r) => r.peakAtReadyMb), 0)} | ${spread(xs.map((r) => r.peakAfterUseMb), 0)} |`;
  console.log(`\n\`npm start\` at scale ${values.scale}, ${runs} runs, median (min–max); Node ${process.version}\n`);
  console.log('| start | seconds until the URL is printed | peak RSS then, MB | peak RSS after the first dashboard queries, MB |');
  console.log('|---|---|---|---|');
  console.log(row('cold (empty folder: copy of the demo template, or migrate and load the demo)', cold));
  console.log(row('warm (the database of the cold start)', warm));
}

await main();
