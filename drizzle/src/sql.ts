// SQL building blocks shared by every subgraph's data module.
import { sql, type SQL } from 'drizzle-orm';

// Arrays travel as one text parameter cast to an array type, which both drivers (PGlite and postgres) bind the same
// way, instead of one parameter per element.

export function intArray(values: readonly number[]): SQL {
  return sql`${`{${values.join(',')}}`}::int[]`;
}

export function textArray(values: readonly string[], type = 'text'): SQL {
  const literal = `{${values.map((v) => `"${v.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(',')}}`;
  return sql`${literal}::${sql.raw(type)}[]`;
}

/** A LIKE pattern matching `fragment` anywhere, with LIKE's own wildcards taken literally. */
export function containsPattern(fragment: string): string {
  return `%${fragment.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
