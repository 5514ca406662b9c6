// SQL building blocks shared by every subgraph's data module.
import { sql, type SQL, type SQLWrapper } from 'drizzle-orm';

// Arrays travel as one text parameter cast to an array type, which both drivers (PGlite and postgres) bind the same
// way, instead of one parameter per element.

export function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.join(',')}}`}::int[]`;
}

/**
 * `column = any(ids)`: drizzle's inArray binds one parameter per id, which a loader's batch of a thousand ids makes
 * slow to send and to plan (a neighbourhood's 1,001 organisations through the loader: 16.5 → 7.5 ms on the bench's
 * large database).
 */
export function anyOf(column: SQLWrapper, ids: readonly number[]): SQL {
  return sql`${column} = any(${intArray(ids)})`;
}

export function textArray(values: readonly string[], type = 'text'): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  return sql`${literal}::${sql.raw(type)}[]`;
}

/** A LIKE pattern matching `fragment` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A calendar period of the dashboards (dates are China Standard Time calendar dates already). */
export type Period = 'DAY' | 'MONTH' | 'QUARTER' | 'YEAR';

const PERIOD_FORMAT: Record<Period, string> = { DAY: 'YYYY-MM-DD', MONTH: 'YYYY-MM', QUARTER: 'YYYY-"Q"Q', YEAR: 'YYYY' };

/** The label of the period a SQL date falls in: 2024-03-15, 2024-03, 2024-Q1 or 2024. */
export function periodOf(period: Period, day: SQL): SQL {
  return sql`to_char(${day}, ${PERIOD_FORMAT[period]})`;
}
