// The bench's report, printed and written to bench/RESULTS.md. Targets are reported, never asserted: the figures
// depend on the machine, and a bench that fails a build on a noisy neighbour teaches people to ignore it.
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import type { LoadOptions, LoadResult } from './load.ts';

export type TargetName = 'gateway' | 'direct' | 'floor';

export interface Measured {
  target: TargetName;
  /** e.g. "direct (people)" */
  label: string;
  statements: number;
  /** Of the answer to the one request sent before the load */
  bytes: number;
  load: LoadResult;
}

export interface QueryResult {
  id: string;
  description: string;
  measured: Measured[];
  rawSqlMs?: number | undefined;
  /** The whole request through the gateway, one at a time, measured as rawSqlMs is */
  gatewayAloneMs?: number | undefined;
  /** Target: gatewayAloneMs at most this many times rawSqlMs */
  withinSql?: number | undefined;
}

export interface ReportInput {
  date: Date;
  scale: string;
  sizes: Record<string, number>;
  driver: string;
  options: LoadOptions & { warmup: number };
  results: QueryResult[];
}

/** gateway ÷ direct for a query one subgraph answers alone; gateway ÷ floor for the nested query. */
export const TARGETS: Record<Exclude<TargetName, 'gateway'>, number> = { direct: 0.9, floor: 0.5 };

export interface Ratio {
  against: Exclude<TargetName, 'gateway'>;
  value: number;
  target: number;
  met: boolean;
}

export function ratiosOf(result: QueryResult): Ratio[] {
  const gateway = result.measured.find((m) => m.target === 'gateway');
  if (!gateway) return [];
  return result.measured.flatMap((m) => {
    if (m.target === 'gateway' || m.load.rps === 0) return [];
    const value = gateway.load.rps / m.load.rps;
    const target = TARGETS[m.target];
    return [{ against: m.target, value, target, met: value >= target }];
  });
}

const rps = (n: number) => (n >= 100 ? n.toFixed(0) : n.toFixed(1));
// Truncated, not rounded: 0.897 shown as 0.90 beside "not met (≥ 0.9)" would contradict itself.
const truncated = (n: number) => (Math.floor(n * 100) / 100).toFixed(2);
const size = (bytes: number) => (bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KiB`);
const failures = (l: LoadResult) => l.errors + l.non2xx + l.mismatches;

/** A Markdown table padded so that it also reads as a table on a terminal. */
function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)];
}

export function renderReport(input: ReportInput): string {
  const cpus = os.cpus();
  const sizes = Object.entries(input.sizes).map(([k, v]) => `${v.toLocaleString('en')} ${k}`).join(', ');
  const rows = input.results.flatMap((r) => {
    const ratios = ratiosOf(r);
    return r.measured.map((m) => {
      const ratio = m.target === 'gateway' ? ratios : [];
      return [
        m.target === 'gateway' ? r.id : '',
        m.label,
        String(m.statements),
        size(m.bytes),
        rps(m.load.rps),
        String(m.load.p50),
        String(m.load.p99),
        ratio.map((x) => `${truncated(x.value)} of ${x.against}`).join(', '),
        ratio.map((x) => `${x.met ? 'met' : 'not met'} (≥ ${x.target})`).join(', '),
      ];
    });
  });
  const failed = input.results.flatMap((r) =>
    r.measured.filter((m) => failures(m.load) > 0).map((m) => `${r.id} via ${m.label}: ${m.load.errors} connection errors or timeouts, ${m.load.non2xx} non-2xx, ${m.load.mismatches} answers with GraphQL errors`),
  );
  const timed = input.results.filter((r) => r.rawSqlMs !== undefined);

  return [
    '# Bench results',
    '',
    `- Date: ${input.date.toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    `- Scale: \`${input.scale}\` (${sizes})`,
    `- Database: ${input.driver}${input.driver === 'pglite' ? ' (embedded, in the same process as the graph)' : ''}`,
    `- Load: ${input.options.duration} s per run, each after ${input.options.warmup} s of warm-up (and one warm-up pass over everything first), ${input.options.connections} connections, autocannon on loopback`,
    `- Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}. ` +
      'The gateway, the three subgraphs, the floor and the load generator run in one Node process and share its event loop and the machine with the database; figures are for comparing runs and targets on one machine, not capacity.',
    '',
    '## Queries',
    '',
    'Requests per second are the mean of the per-second samples; latencies are in milliseconds. Targets: gateway ≥ 0.9 × direct for a query one subgraph answers alone, gateway ≥ 0.5 × the floor for the nested query.',
    '',
    ...table(['query', 'target', 'SQL statements per request', 'answer', 'req/s', 'p50 ms', 'p99 ms', 'gateway ratio', 'target'], rows),
    '',
    failed.length ? `Failures during the timed runs:\n\n${failed.map((f) => `- ${f}`).join('\n')}` : 'No connection errors, non-2xx answers or GraphQL errors during the timed runs.',
    '',
    ...(timed.length
      ? [
          '## The same SQL alone',
          '',
          'Mean of 20 sequential calls of the data functions behind the query (SQL alone, without HTTP or GraphQL), and of 20 sequential requests of the query through the gateway. Target where given: the gateway within that many times the SQL alone.',
          '',
          ...table(
            ['query', 'what it asks', 'SQL alone ms', 'gateway, one at a time, ms', 'gateway ÷ SQL', 'target'],
            timed.map((r) => {
              const ratio = r.gatewayAloneMs! / r.rawSqlMs!;
              return [r.id, r.description, r.rawSqlMs!.toFixed(2), r.gatewayAloneMs!.toFixed(2), `${ratio.toFixed(2)}×`, r.withinSql ? `${ratio <= r.withinSql ? 'met' : 'not met'} (≤ ${r.withinSql}×)` : ''];
            }),
          ),
          '',
        ]
      : []),
    '## What the queries ask',
    '',
    ...input.results.map((r) => `- \`${r.id}\`: ${r.description}`),
    '',
  ].join('\n');
}

export function writeReport(text: string): void {
  writeFileSync(new URL('../RESULTS.md', import.meta.url), text);
}
