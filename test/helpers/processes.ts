// Services as separate processes, the way a deployment runs them: each child runs with outbound access refused and
// recorded (no-egress.mjs) into a log that the test reads.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { OutboundAttempt } from './no-egress.mjs';

export const root = new URL('../../', import.meta.url).pathname;
const egressHook = new URL('./no-egress.mjs', import.meta.url).pathname;

export async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface Processes {
  /** Runs a TypeScript (or JavaScript) entry point of the repository in a child process; an undefined value unsets. */
  start(entry: string, env?: Record<string, string | undefined>, options?: { typescript?: boolean }): ChildProcess;
  /** What the children printed on stdout so far. */
  output(): string;
  /** Every outbound attempt any child made so far (until stop(), which keeps the last reading). */
  outboundAttempts(): OutboundAttempt[];
  /**
   * SIGTERM to every child, then waits for them; removes the scratch folder. Only the first call does anything;
   * every call answers how each child ended: its exit code, or the signal that killed it.
   */
  stop(): Promise<(number | NodeJS.Signals | null)[]>;
  /** A scratch folder removed by stop(). */
  scratch: string;
}

export function processes(): Processes {
  const children: ChildProcess[] = [];
  const scratch = mkdtempSync(join(tmpdir(), 'cq-processes-'));
  const log = join(scratch, 'egress.log');
  let stdout = '';
  let stopped: OutboundAttempt[] | undefined;
  const readLog = (): OutboundAttempt[] => {
    let text = '';
    try {
      text = readFileSync(log, 'utf8');
    } catch {
      return [];
    }
    return text.split('\n').filter(Boolean).map((line) => JSON.parse(line) as OutboundAttempt);
  };
  return {
    scratch,
    start(entry, env = {}, { typescript = true } = {}) {
      const loader = typescript ? ['--import', 'tsx'] : [];
      const merged: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', ...env, EGRESS_LOG: log };
      for (const [key, value] of Object.entries(env)) if (value === undefined) delete merged[key];
      const child = spawn(process.execPath, ['--import', egressHook, ...loader, join(root, entry)], {
        cwd: root,
        env: merged,
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      children.push(child);
      return child;
    },
    output: () => stdout,
    outboundAttempts: () => stopped ?? readLog(),
    async stop() {
      if (!stopped) {
        for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
        await Promise.all(children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise((r) => c.once('exit', r)) : null)));
        stopped = readLog();
        rmSync(scratch, { recursive: true, force: true });
      }
      return children.map((c) => c.exitCode ?? c.signalCode);
    },
  };
}

export async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`expected ${what} within ${timeoutMs} ms`);
}

export const waitUntilReady = (url: string, timeoutMs?: number) =>
  waitUntil(`${url} to become ready`, () => fetch(new URL('/ready', url)).then((r) => r.ok, () => false), timeoutMs);
