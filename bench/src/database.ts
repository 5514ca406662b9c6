// The bench's database: a PostgreSQL database of its own beside DATABASE_URL (cq_bench_<scale>), or a PGlite
// folder (.data/bench-<scale>). Either is loaded once and reused, so re-running `large` does not reload a million rows.
import { loadConfig } from '@cq/common';
import { openDatabase, queryRows, type Database } from '@cq/db';
import { isSeeded, SCALES, seed, type ScaleName } from '@cq/db/seed';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';

export async function benchDatabase(scale: ScaleName): Promise<Database> {
  const base = loadConfig().subgraphs.organisations.databaseUrl;
  let database: Database;
  if (base) {
    const name = `cq_bench_${scale}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    const [exists] = await admin`select 1 from pg_database where datname = ${name}`;
    if (!exists) await admin.unsafe(`create database "${name}"`);
    await admin.end();
    database = await openDatabase({ url: Object.assign(new URL(base), { pathname: `/${name}` }).toString() });
  } else {
    database = await openDatabase({ dataDir: `.data/bench-${scale}` });
  }
  await database.migrate();
  if (!(await isSeeded(database.db))) {
    const started = Date.now();
    console.log(`Loading the ${scale} scale…`);
    await seed(database.db, SCALES[scale]);
    console.log(`Loaded in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  }
  if (database.driver === 'postgres') await database.db.execute(sql`analyze`);
  return database;
}

export async function sizes(database: Database) {
  const [row] = await queryRows<Record<string, number>>(
    database.db,
    sql`select (select count(*)::int from org.organisations) as organisations, (select count(*)::int from people.persons) as persons,
               (select count(*)::int from people.memberships) as memberships, (select count(*)::int from activities.activities) as activities`,
  );
  return row!;
}
