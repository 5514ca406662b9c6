// The services as a deployment runs them: each subgraph, our gateway, Hive Gateway and the SQL floor in a process of
// its own (node with tsx's loader, without npm in front, as the README's "As separate services" starts them), all on
// one PostgreSQL database. Each process's peak resident memory is read from /proc at the end.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });

/** Peak resident memory of a process in MB (VmHWM, Linux). */
export function peakMbOf(pid: number | 'self'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Math.round(Number(/^VmHWM:\s+(\d+) kB/m.exec(status)?.[1] ?? NaN) / 1024);
}

export interface Service {
  name: string;
  url: string;
  child: ChildProcess;
}

export interface Deployment {
  organisations: Service;
  people: Service;
  activities: Service;
  /** Our gateway with its defaults */
  gateway: Service;
  hive: Service;
  floor: Service;
  peaks(): { name: string; peakMb: number }[];
  stop(): Promise<void>;
}

async function waitForReady(service: Service, path: string, output: () => string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`${service.name} exited (${service.child.exitCode}) before it was ready:\n${output().slice(-3000)}`);
    if (await fetch(new URL(path, service.url)).then((r) => r.ok, () => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${service.name} was not ready within 120 s:\n${output().slice(-3000)}`);
}

export async function startDeployment(databaseUrl: string, log: (line: string) => void): Promise<Deployment> {
  const ports = { organisations: await freePort(), people: await freePort(), activities: await freePort(), gateway: await freePort(), hive: await freePort(), floor: await freePort() };
  const url = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const common = {
    ...inherited,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    DATABASE_URL: databaseUrl,
    ORGANISATIONS_PORT: String(ports.organisations),
    PEOPLE_PORT: String(ports.people),
    ACTIVITIES_PORT: String(ports.activities),
    ORGANISATIONS_URL: url(ports.organisations),
    PEOPLE_URL: url(ports.people),
    ACTIVITIES_URL: url(ports.activities),
    // The load generator is one caller sending thousands of requests a second: the rate limit would measure itself.
    RATE_LIMIT_PER_MINUTE: '0',
  };
  const services: Service[] = [];
  let output = '';
  const start = (name: string, entry: string, port: number, env: Record<string, string> = {}): Service => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], { cwd: root, env: { ...common, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
    child.stderr.on('data', (chunk: Buffer) => (output = (output + chunk.toString()).slice(-20_000)));
    const service = { name, url: url(port), child };
    services.push(service);
    return service;
  };
  const stop = async () => {
    for (const s of services) if (s.child.exitCode === null) s.child.kill('SIGTERM');
    await Promise.all(services.filter((s) => s.child.exitCode === null && s.child.signalCode === null).map((s) => new Promise((r) => s.child.once('exit', r))));
  };
  try {
    const organisations = start('organisations', 'subgraphs/organisations/src/index.ts', ports.organisations);
    const people = start('people', 'subgraphs/people/src/index.ts', ports.people);
    const activities = start('activities', 'subgraphs/activities/src/index.ts', ports.activities);
    const floor = start('floor', 'bench/src/floor-main.ts', ports.floor, { FLOOR_PORT: String(ports.floor) });
    for (const s of [organisations, people, activities]) await waitForReady(s, '/ready', () => output);
    const gateway = start('gateway', 'gateway/src/index.ts', ports.gateway, { GATEWAY_PORT: String(ports.gateway) });
    const hive = start('hive', 'gateway/src/hive-main.ts', ports.hive, { GATEWAY_PORT: String(ports.hive) });
    await waitForReady(gateway, '/ready', () => output);
    await waitForReady(hive, '/readiness', () => output);
    await waitForReady(floor, '/ready', () => output);
    log(`Separate processes up: ${services.map((s) => `${s.name} (pid ${s.child.pid})`).join(', ')}`);
    return {
      organisations,
      people,
      activities,
      gateway,
      hive,
      floor,
      peaks: () => services.map((s) => ({ name: s.name, peakMb: peakMbOf(s.child.pid!) })),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
