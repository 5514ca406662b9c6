// "Bad input changes nothing": a refused mutation must leave every table of its owner exactly as it was.
import { queryRows, type Db } from '@cq/db';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestGraph } from './graph.ts';

/** A digest of every row of each table: equal digests, equal contents. */
export async function snapshot(db: Db, tables: readonly string[]): Promise<Record<string, string>> {
  const rows = await queryRows<{ name: string; digest: string }>(
    db,
    sql.raw(tables.map((table) => `select '${table}' as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from ${table} x`).join(' union all ')),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/** Sends a mutation that must be refused with `code` (and `rule`), and checks that none of `tables` changed. */
export async function expectRefusedIn(t: TestGraph, tables: string[], query: string, variables: Record<string, unknown>, code: string, rule?: string) {
  const before = await snapshot(t.database.db, tables);
  const res = await t.query(query, variables);
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  const error = res.errors![0]!;
  expect(error.extensions?.code, JSON.stringify(error)).toBe(code);
  if (rule) expect(error.extensions?.rule).toBe(rule);
  expect(await snapshot(t.database.db, tables)).toEqual(before);
  return error;
}
