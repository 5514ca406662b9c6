// Helpers for tests of the activities subgraph: the check that a refused mutation changed none of its tables, the
// events a mutation wrote, and fixtures picked from the demo data.
import { type Db, queryRows } from '@cq/db';
import { sql } from 'drizzle-orm';
import { MUNICIPAL_STAFF, type TestGraph } from './graph.ts';
import { expectRefusedIn, expectRowsAdded, OWNER_TABLES } from './refusal.ts';

/** Every table the activities subgraph owns. */
export const ACTIVITY_TABLES = OWNER_TABLES.activities;

/** Sends a mutation that must be refused with `code` (and `rule`), and checks that no table of the activities subgraph changed. */
export const expectRefused = (t: TestGraph, query: string, variables: Record<string, unknown>, code: string, rule?: string) =>
  expectRefusedIn(t, ACTIVITY_TABLES, query, variables, code, rule);

/** What `t.query` writes as the actor of an event. */
export const TEST_ACTOR = `${MUNICIPAL_STAFF.role.toLowerCase()}:${MUNICIPAL_STAFF.subject}`;

export interface EventRow {
  kind: string;
  actor: string;
  organisationId: number | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** The events of one subject, oldest first. */
export async function eventsOf(t: TestGraph, subjectType: string, subjectId: string | number): Promise<EventRow[]> {
  return queryRows(
    t.database.db,
    sql`select kind, actor, organisation_id as "organisationId", before, after from activities.events
        where subject_type = ${subjectType} and subject_id = ${Number(subjectId)} order by id`,
  );
}

/** Runs a mutation that must succeed, and checks that it added exactly `added` rows (and nothing else) to the subgraph's tables. */
export const expectAdded = <T>(t: TestGraph, mutate: () => Promise<T>, added: Record<string, number>): Promise<T> =>
  expectRowsAdded(t.database.db, ACTIVITY_TABLES, mutate, added);

/**
 * The rows recording an activity adds to the roll-up (activities.activity_counts, activities.co_organisers), for
 * expectAdded: one count row per organiser that has none yet for the activity's start year and kind (the others
 * grow by one), and each organiser in co_organisers when there is more than one.
 */
export async function rollUpRowsAdded(db: Db, organiserIds: readonly number[], startsOn: string, kind: string): Promise<Record<string, number>> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from unnest(${`{${organiserIds.join(',')}}`}::int[]) as o(id)
        where not exists (select 1 from activities.activity_counts c where c.organisation_id = o.id and c.year = extract(year from ${startsOn}::date) and c.kind = ${kind})`,
  );
  return {
    ...(row!.n ? { 'activities.activity_counts': row!.n } : {}),
    ...(organiserIds.length > 1 ? { 'activities.co_organisers': organiserIds.length } : {}),
  };
}

/** An active enterprise association approved by a district association, and that district. */
export async function districtLevelAssociation(t: TestGraph, offset = 0): Promise<{ id: number; district: number }> {
  const [row] = await queryRows<{ id: number; district: number }>(
    t.database.db,
    sql`select r.from_id as id, r.to_id as district from org.relationships r
        join org.organisations o on o.id = r.from_id join org.organisations d on d.id = r.to_id
        where r.kind = 'APPROVAL' and r.valid_to is null and o.kind = 'ENTERPRISE_ASSOCIATION' and o.status = 'ACTIVE'
          and d.kind = 'DISTRICT_ASSOCIATION' and r.valid_from < '2024-01-01'
        order by r.from_id offset ${offset} limit 1`,
  );
  if (!row) throw new Error('Expected the demo data to hold an active district-level enterprise association');
  return row;
}
