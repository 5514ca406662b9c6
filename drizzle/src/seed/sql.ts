// Small SQL helpers for bulk demo data.
import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type Db } from '../client.ts';

/** A SQL array literal of constant strings (word lists from names.ts, never user input). */
export const list = (values: readonly string[]): SQL => sql.raw(`array[${values.map((v) => `'${v}'`).join(',')}]`);

/** A cheap deterministic hash of a row number, so that the same scale always gives the same data. */
export const h = (x: string): SQL => sql.raw(`((${x})::bigint * 2654435761 % 4294967296)`);

/** Identity columns continue after the ids the seed wrote explicitly. */
export async function resetSequences(db: Db): Promise<void> {
  const tables = await queryRows<{ name: string }>(
    db,
    sql`select format('%I.%I', c.table_schema, c.table_name) as name from information_schema.columns c
        where c.table_schema in ('org', 'people', 'activities') and c.column_name = 'id' and c.is_identity = 'YES'`,
  );
  for (const { name } of tables) {
    await db.execute(sql.raw(`select setval(pg_get_serial_sequence('${name}', 'id'), coalesce((select max(id) from ${name}), 0) + 1, false)`));
  }
}
