// Demo citizen identity numbers (GB 11643-1999) and their keyed hashes, computed by the database so that a million
// persons load in one statement. The numbers themselves are never stored: a partner society's sample member list
// (docs/partners-matching.md) is made from the same expression.
import { createHash } from 'node:crypto';
import { sql, type SQL } from 'drizzle-orm';
import { type Db, queryRows } from '../client.ts';
import { intArray } from '../sql.ts';

/** Region codes of Chongqing's districts the demo's persons were born in. */
const REGIONS = ['500101', '500102', '500103', '500104', '500105', '500106', '500107', '500108', '500109', '500112', '500113'];
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];

/** The identity number of demo person `id` (an SQL expression over a column or value): region, birth date, sequence, check. */
export function demoIdentityNumber(id: string): SQL {
  const first17 = `((array[${REGIONS.map((r) => `'${r}'`).join(',')}])[1 + (${id}) % ${REGIONS.length}]
    || to_char(date '1958-01-01' + (((${id})::bigint * 2654435761 % 4294967296) % 16000)::int, 'YYYYMMDD')
    || lpad(((${id}) % 1000)::text, 3, '0'))`;
  return sql.raw(`(select f || substr('10X98765432', 1 + sum(substr(f, k, 1)::int * (array[${WEIGHTS.join(',')}])[k])::int % 11, 1)
    from (select ${first17} as f) x cross join generate_series(1, 17) k group by f)`);
}

/**
 * HMAC-SHA256 (RFC 2104) in SQL, from the key's inner and outer pads: the same hex digest as node:crypto's createHmac,
 * which the people subgraph uses to match.
 */
export function hmacSql(key: string, message: SQL): SQL {
  let k = Buffer.from(key, 'utf8');
  if (k.length > 64) k = createHash('sha256').update(k).digest();
  const padded = Buffer.concat([k, Buffer.alloc(64 - k.length)]);
  const pad = (byte: number) => Buffer.from(padded.map((b) => b ^ byte)).toString('hex');
  return sql`encode(sha256(decode(${pad(0x5c)}, 'hex') || sha256(decode(${pad(0x36)}, 'hex') || convert_to(${message}, 'UTF8'))), 'hex')`;
}

/** The demo identity numbers of some persons, for sample member lists and tests. */
export async function demoIdentityNumbers(db: Db, personIds: readonly number[]): Promise<Map<number, string>> {
  const rows = await queryRows<{ id: number; number: string }>(db, sql`select p.id, ${demoIdentityNumber('p.id')} as number from unnest(${intArray(personIds)}) as p(id)`);
  return new Map(rows.map((r) => [r.id, r.number]));
}
