// One client factory, two drivers: PGlite in process when no URL is given, the `postgres` driver when one is.
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { btree_gist } from '@electric-sql/pglite/contrib/btree_gist';
import type { Logger, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import { readTemplate, templatePath, writeTemplate } from './pglite-template.ts';
import * as schema from './schema/index.ts';

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  readonly db: Db;
  readonly driver: 'pglite' | 'postgres';
  /** Applies the committed migrations; safe to call from several processes at once. */
  migrate(): Promise<void>;
  /** Rejects when the database does not answer. */
  ping(): Promise<void>;
  /** The pool at this moment, for the services' metrics. */
  pool(): { maxConnections: number; inFlight: number };
  close(): Promise<void>;
}

export interface DatabaseOptions {
  /** A PostgreSQL URL; without one the embedded PGlite is used. */
  url?: string | undefined;
  maxConnections?: number;
  /** Where PGlite keeps its files; without it the embedded database lives in memory. */
  dataDir?: string | undefined;
  /** A new embedded database in `dataDir` starts as a copy of this closed PGlite folder when it exists. */
  templateDir?: string | undefined;
}

export const migrationsFolder = fileURLToPath(new URL('../migrations', import.meta.url));

/**
 * Counts every SQL statement sent through any database opened here. Tests read it around a request to prove that
 * the number of statements follows the shape of the query plan, not the number of rows.
 */
export const sqlStatements = {
  count: 0,
  recent: [] as string[],
  reset() {
    this.count = 0;
    this.recent = [];
  },
};

const countingLogger: Logger = {
  logQuery(query) {
    sqlStatements.count += 1;
    if (sqlStatements.recent.length < 200) sqlStatements.recent.push(query);
  },
};

const drizzleConfig = { schema, casing: 'snake_case' as const, logger: countingLogger };

/**
 * Statements and transactions sent through one database and not yet answered: each holds a connection or waits for
 * one. Neither driver tells how many of its connections are busy (postgres.js keeps its queues private, PGlite is one
 * connection behind a lock), so the calls drizzle makes are counted instead, through a proxy of the client.
 */
function countInFlight<T extends object>(client: T, methods: string[]): { client: T; inFlight: () => number } {
  let inFlight = 0;
  const done = () => void (inFlight -= 1);
  const counted = new Proxy(client, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key);
      if (typeof value !== 'function') return value;
      // Bound to the real client: PGlite's methods read private fields, which a proxy does not have.
      const method = (value as (...args: unknown[]) => unknown).bind(target);
      if (typeof key !== 'string' || !methods.includes(key)) return method;
      return (...args: unknown[]) => {
        const result = method(...args) as Promise<unknown>;
        inFlight += 1;
        // Promise's own then: a postgres.js query is lazy, and its then() would send it before drizzle is done with it.
        void Promise.prototype.then.call(result, done, done);
        return result;
      };
    },
  });
  return { client: counted, inFlight: () => inFlight };
}

// Any constant works; it only has to be the same for every process migrating the same database.
const MIGRATION_LOCK = 7_340_117;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options.maxConnections ?? 10);
  return openPglite(options.dataDir, options.templateDir);
}

/**
 * PostgreSQL's shared buffer cache inside PGlite. Its default, 128 MB, is memory the process holds from the start;
 * the embedded database's files are cached by the operating system as well, and at the demo's scale 32 MB costs
 * the test suite no measurable time (bench/README.md, "Cold start").
 */
const PGLITE_SETTINGS = ['shared_buffers=32MB'];

async function openPglite(dataDir: string | undefined, templateDir: string | undefined): Promise<Database> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // A copy of a folder is files on disk: nothing of it passes through PGlite's memory (bench/README.md, "Cold
  // start"). Copied aside and renamed into place, so that a start stopped halfway leaves an empty folder, not half of one.
  // Only into an empty folder: one holding anything else is not ours to replace.
  if (dataDir && readdirSync(dataDir).length === 0 && templateDir && existsSync(join(templateDir, 'PG_VERSION'))) {
    const aside = `${dataDir}.copy-${process.pid}`;
    cpSync(templateDir, aside, { recursive: true });
    rmSync(dataDir, { recursive: true, force: true });
    renameSync(aside, dataDir);
  }
  // A new database starts from the template (pglite-template.ts), built first if this PGlite and these migrations
  // have none yet; an existing one opens as it is.
  const template = dataDir && existsSync(join(dataDir, 'PG_VERSION')) ? undefined : await currentTemplate();
  // btree_gist backs the exclusion constraints on relationship validity (migration 0002).
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(template ? { loadDataDir: template } : {}),
    extensions: { btree_gist },
    postgresqlconf: PGLITE_SETTINGS,
  });
  const counted = countInFlight(client, ['query', 'exec', 'transaction']);
  const db = drizzlePglite({ client: counted.client, ...drizzleConfig }) as unknown as Db;
  return {
    db,
    driver: 'pglite',
    // PGlite is one connection in this process, so nobody else can be migrating at the same time.
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    ping: async () => void (await client.query('select 1')),
    pool: () => ({ maxConnections: 1, inFlight: counted.inFlight() }),
    close: () => client.close(),
  };
}

/** The template, built now if missing; none when it cannot be written (a read-only install): then initdb as ever. */
async function currentTemplate(): Promise<Blob | undefined> {
  const ready = readTemplate(migrationsFolder);
  if (ready) return ready;
  try {
    await buildPgliteTemplate();
  } catch {
    return undefined;
  }
  return readTemplate(migrationsFolder);
}

/**
 * Builds the embedded databases' template (pglite-template.ts) unless this PGlite and these migrations have one:
 * initdb and every migration once, in memory, then dumped. Returns the template's path.
 */
export async function buildPgliteTemplate(): Promise<{ path: string; built: boolean }> {
  if (readTemplate(migrationsFolder)) return { path: templatePath(migrationsFolder), built: false };
  const client = await PGlite.create({ extensions: { btree_gist }, postgresqlconf: PGLITE_SETTINGS });
  try {
    await migratePglite(drizzlePglite({ client, ...drizzleConfig }) as never, { migrationsFolder });
    const dump = await client.dumpDataDir('gzip');
    return { path: writeTemplate(migrationsFolder, new Uint8Array(await dump.arrayBuffer())), built: true };
  } finally {
    await client.close();
  }
}

async function openPostgres(url: string, max: number): Promise<Database> {
  const client = postgres(url, { max, onnotice: () => {} });
  const counted = countInFlight(client, ['unsafe', 'begin']);
  const db = drizzlePostgres({ client: counted.client, ...drizzleConfig }) as unknown as Db;
  return {
    db,
    driver: 'postgres',
    async migrate() {
      // Three services may start against one database together; an advisory lock on one reserved connection
      // makes the second and third wait and then find nothing left to do.
      const single = postgres(url, { max: 1, onnotice: () => {} });
      try {
        await single`select pg_advisory_lock(${MIGRATION_LOCK})`;
        await migratePostgres(drizzlePostgres({ client: single, casing: 'snake_case' }), { migrationsFolder });
        await single`select pg_advisory_unlock(${MIGRATION_LOCK})`;
      } finally {
        await single.end();
      }
    },
    ping: async () => void (await client`select 1`),
    pool: () => ({ maxConnections: max, inFlight: counted.inFlight() }),
    close: () => client.end({ timeout: 5 }),
  };
}

/** Runs raw SQL and returns its rows, whichever driver is underneath (the two shape their results differently). */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return Array.isArray(result) ? (result as T[]) : (result as { rows: T[] }).rows;
}
