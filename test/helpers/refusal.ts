// "Bad input changes nothing": a refused mutation must leave every table of its owner exactly as it was.
import { queryRows, type Db } from '@cq/db';
import { sql } from 'drizzle-orm';
import { expect } from 'vitest';
import type { TestGraph } from './graph.ts';

/** The tables each subgraph owns: a refused change must leave all of its owner's tables unchanged. */
export const OWNER_TABLES = {
  organisations: ['org.enterprises', 'org.enterprise_districts', 'org.approval_modes', 'org.group_member_applications', 'org.organisations', 'org.search_keys', 'org.organisation_enterprises', 'org.relationships', 'org.events', 'org.applications', 'org.sanctions', 'org.districts', 'hierarchy.organisations', 'hierarchy.statuses', 'hierarchy.paths', 'hierarchy.liaisons', 'hierarchy.organisation_enterprises', 'hierarchy.science_workers'],
  people: ['decisions.resolutions', 'people.persons', 'people.memberships', 'people.dues_payments', 'people.congresses', 'people.committees', 'people.posts', 'people.meetings', 'people.meeting_attendance', 'people.resolutions', 'people.society_links', 'people.events', 'people.work_plan_reviews', 'people.member_counts_today', 'people.member_counts_state', 'people.society_match_misses'],
  activities: ['activities.activities', 'activities.activity_organisers', 'activities.participations', 'activities.awards', 'activities.evaluations', 'activities.funding_records', 'activities.financial_reports', 'activities.expenditure_records', 'activities.events', 'activities.activity_counts', 'activities.co_organisers'],
} as const;

async function rowCounts(db: Db, tables: readonly string[]): Promise<Record<string, number>> {
  const rows = await queryRows<{ name: string; n: number }>(db, sql.raw(tables.map((table) => `select '${table}' as name, count(*)::int as n from ${table}`).join(' union all ')));
  return Object.fromEntries(rows.map((r) => [r.name, r.n]));
}

/** Runs a change that must succeed, and checks that it added exactly `added` rows (and nothing else) to `tables`. */
export async function expectRowsAdded<T>(db: Db, tables: readonly string[], change: () => Promise<T>, added: Record<string, number>): Promise<T> {
  const before = await rowCounts(db, tables);
  const result = await change();
  const after = await rowCounts(db, tables);
  expect(Object.fromEntries(tables.map((table) => [table, after[table]! - before[table]!]).filter(([, n]) => n !== 0))).toEqual(added);
  return result;
}

/** A digest of every row of each table: equal digests, equal contents. */
export async function snapshot(db: Db, tables: readonly string[]): Promise<Record<string, string>> {
  const rows = await queryRows<{ name: string; digest: string }>(
    db,
    sql.raw(tables.map((table) => `select '${table}' as name, md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as digest from ${table} x`).join(' union all ')),
  );
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

/** Sends a mutation that must be refused with `code` (and `rule`), and checks that none of `tables` changed. */
export async function expectRefusedIn(t: TestGraph, tables: readonly string[], query: string, variables: Record<string, unknown>, code: string, rule?: string) {
  const before = await snapshot(t.database.db, tables);
  const res = await t.query(query, variables);
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  const error = res.errors![0]!;
  expect(error.extensions?.code, JSON.stringify(error)).toBe(code);
  if (rule) expect(error.extensions?.rule).toBe(rule);
  expect(await snapshot(t.database.db, tables)).toEqual(before);
  return error;
}
