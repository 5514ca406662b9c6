// The bench's table, printed and written to bench/RESULTS.md. Targets are reported, never asserted.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { LoadResult } from './load.ts';

export interface Row {
  name: string;
  statements: number;
  gateway: LoadResult;
  direct?: LoadResult | undefined;
  floor?: LoadResult | undefined;
  rawSqlMs?: number | undefined;
}

const GATEWAY_TO_DIRECT = 0.9;
const GATEWAY_TO_FLOOR = 0.5;

const rps = (r: LoadResult | undefined) => (r ? r.rps.toFixed(0) : '–');
const ratio = (a: LoadResult, b: LoadResult | undefined, target: number) => (b ? `${(a.rps / b.rps).toFixed(2)} (${a.rps / b.rps >= target ? 'met' : 'not met'}: ≥ ${target})` : '–');

export function writeReport(input: {
  scale: string;
  driver: string;
  sizes: Record<string, number>;
  options: { duration: number; connections: number };
  rows: Row[];
}): string {
  const lines = [
    `# Bench results`,
    '',
    `${new Date().toISOString().slice(0, 10)}, scale \`${input.scale}\` (${Object.entries(input.sizes).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ')}), ${input.driver}, ` +
      `${input.options.duration} s per run, ${input.options.connections} connections, on ${os.cpus().length} cores and ${Math.round(os.totalmem() / 2 ** 30)} GiB. ` +
      'The gateway, the subgraphs, the database client and the load generator share the machine; with PGlite the database runs in the same process too.',
    '',
    '| query | SQL statements per request | gateway req/s | p50 ms | p99 ms | direct to subgraph req/s | gateway / direct | floor req/s | gateway / floor | raw SQL ms |',
    '|---|---|---|---|---|---|---|---|---|---|',
    ...input.rows.map(
      (r) =>
        `| ${r.name} | ${r.statements} | ${rps(r.gateway)} | ${r.gateway.p50} | ${r.gateway.p99} | ${rps(r.direct)} | ${ratio(r.gateway, r.direct, GATEWAY_TO_DIRECT)} | ${rps(r.floor)} | ${ratio(r.gateway, r.floor, GATEWAY_TO_FLOOR)} | ${r.rawSqlMs === undefined ? '–' : r.rawSqlMs.toFixed(2)} |`,
    ),
    '',
    `Errors or non-2xx answers during the runs: ${input.rows.reduce((n, r) => n + r.gateway.errors + (r.direct?.errors ?? 0) + (r.floor?.errors ?? 0), 0)}.`,
    '',
  ];
  const text = lines.join('\n');
  writeFileSync(new URL('../RESULTS.md', import.meta.url), text);
  return text;
}
