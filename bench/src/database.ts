// The bench's database: a PostgreSQL database of its own beside DATABASE_URL (cq_bench_<scale>), or a PGlite
// folder (bench/.data/bench-<scale>). Either is loaded once and reused, so re-running `large` does not reload a
// million rows; the seed is one transaction, so an interrupted load leaves nothing behind to be mistaken for data.
import { fileURLToPath } from 'node:url';
import { loadConfig } from '@cq/service-kit';
import { openDatabase, queryRows, type Database } from '@cq/db';
import { isSeeded, SCALES, seed, type ScaleName } from '@cq/db/seed';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';

/** The database, and its URL when it is PostgreSQL (the separate processes need one; PGlite is one process's). */
export async function benchDatabase(scale: ScaleName, log: (line: string) => void): Promise<{ database: Database; url: string | undefined }> {
  // Every subgraph falls back to DATABASE_URL; the bench puts all three on one database, as the tests do.
  const base = loadConfig().subgraphs.organisations.databaseUrl;
  const url = base ? await ensurePostgresDatabase(base, `cq_bench_${scale}`) : undefined;
  const database = url ? await openDatabase({ url }) : await openDatabase({ dataDir: fileURLToPath(new URL(`../.data/bench-${scale}`, import.meta.url)) });
  await database.migrate();
  if (!(await isSeeded(database.db))) {
    log(`Loading the ${scale} scale…`);
    const started = performance.now();
    await seed(database.db, SCALES[scale], { identityNumberKey: loadConfig().auth.identityNumberKey });
    log(`Loaded in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
  }
  // Statistics may be stale after a manual change, and plans follow them. VACUUM as well: after a fresh load,
  // autovacuum and the first reads setting hint bits would otherwise land in the middle of the timed runs.
  await database.db.execute(sql`vacuum analyze`);
  return { database, url };
}

/** Creates the database beside `base` on the same server unless it exists; returns its URL. */
async function ensurePostgresDatabase(base: string, name: string): Promise<string> {
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  try {
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  return Object.assign(new URL(base), { pathname: `/${name}` }).toString();
}

export async function sizes(database: Database): Promise<Record<string, number>> {
  const [row] = await queryRows<Record<string, number>>(
    database.db,
    sql`select (select count(*)::int from org.organisations) as organisations, (select count(*)::int from people.persons) as persons,
               (select count(*)::int from people.memberships) as memberships, (select count(*)::int from activities.activities) as activities`,
  );
  return row!;
}

/**
 * Waits until no other statement runs on the bench's database (PostgreSQL; at most `maxMs`). A target whose requests
 * take longer than the run (the district dashboard under ten connections) leaves statements running after the load
 * generator stops, and the next target would be measured on a database still busy with them.
 */
export async function untilIdle(database: Database, maxMs = 60_000): Promise<void> {
  if (database.driver === 'pglite') return;
  const deadline = Date.now() + maxMs;
  while (Date.now() < deadline) {
    const [row] = await queryRows<{ busy: number }>(
      database.db,
      sql`select count(*)::int as busy from pg_stat_activity where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`,
    );
    if (!row?.busy) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
