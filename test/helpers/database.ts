// A fresh database for each test file: PGlite in memory by default, or, when DATABASE_URL is set, a new database
// created beside it on the same PostgreSQL server and dropped afterwards.
import { randomBytes } from 'node:crypto';
import { loadConfig } from '@cq/service-kit';
import { openDatabase, type Database } from '@cq/db';
import postgres from 'postgres';

export interface TestDatabase extends Database {
  /** The URL of the fresh PostgreSQL database, or undefined on PGlite. */
  url: string | undefined;
}

export async function openTestDatabase(): Promise<TestDatabase> {
  const base = loadConfig().subgraphs.organisations.databaseUrl;
  if (!base) return { ...(await openDatabase({})), url: undefined };

  const name = `${new URL(base).pathname.slice(1) || 'cq'}_${randomBytes(4).toString('hex')}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const url = Object.assign(new URL(base), { pathname: `/${name}` }).toString();
  const database = await openDatabase({ url });
  return {
    ...database,
    url,
    async close() {
      await database.close();
      await admin.unsafe(`drop database if exists "${name}" with (force)`);
      await admin.end();
    },
  };
}
