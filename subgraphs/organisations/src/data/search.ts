// The search keys behind `OrganisationFilter.search`: a name matches by any fragment of itself, of its usual
// abbreviation, or of the pinyin initials of either (the way staff type names: 沙坪坝区科协, spbqkx).
import { containsPattern, type Db, intArray, queryRows, schema as s, textArray } from '@cq/db';
import { sql, type SQL } from 'drizzle-orm';
import { pinyin } from 'pinyin-pro';

/** The usual abbreviation: without the city's name in front, 科学技术协会 shortened to 科协 (the city's own: 重庆市科协). */
export function abbreviationOf(nameZh: string): string {
  const short = nameZh.replace(/^重庆市?/, '').replaceAll('科学技术协会', '科协');
  return short === '科协' ? '重庆市科协' : short;
}

/** Lower-case pinyin initials; letters and digits kept as they are, other signs dropped. */
export function initialsOf(text: string): string {
  return pinyin(text, { pattern: 'first', toneType: 'none', type: 'array', nonZh: 'consecutive' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function searchKeysOf(organisationId: number, nameZh: string): typeof s.searchKeys.$inferInsert {
  const abbreviation = abbreviationOf(nameZh);
  return { organisationId, abbreviation, initials: `${initialsOf(nameZh)} ${initialsOf(abbreviation)}` };
}

/** Written in the transaction that creates the organisation (names do not change afterwards). */
export async function insertSearchKeys(tx: Db, organisationId: number, nameZh: string): Promise<void> {
  await tx.insert(s.searchKeys).values(searchKeysOf(organisationId, nameZh)).onConflictDoNothing();
}

/** `id` (an organisation id column) and `name` match `term` by name, abbreviation or initials. */
export function matchesSearch(id: SQL, name: SQL, term: string): SQL {
  const pattern = containsPattern(term.trim());
  const initials = containsPattern(term.trim().toLowerCase().replace(/\s+/g, ''));
  return sql`(${name} ilike ${pattern} or exists (select 1 from org.search_keys k where k.organisation_id = ${id} and (k.abbreviation ilike ${pattern} or k.initials like ${initials})))`;
}

const filled = new WeakMap<object, Promise<void>>();

/**
 * Gives every organisation loaded without keys (in bulk, by the demo data) its keys, once per database per process,
 * before the first search: ~21,000 names take well under a second.
 */
export function ensureSearchKeys(db: Db): Promise<void> {
  let done = filled.get(db);
  if (!done) {
    done = fillMissing(db).catch((error: unknown) => {
      filled.delete(db);
      throw error;
    });
    filled.set(db, done);
  }
  return done;
}

async function fillMissing(db: Db): Promise<void> {
  const missing = await queryRows<{ id: number; nameZh: string }>(
    db,
    sql`select o.id, o.name_zh as "nameZh" from org.organisations o where not exists (select 1 from org.search_keys k where k.organisation_id = o.id)`,
  );
  for (let i = 0; i < missing.length; i += 2000) {
    const keys = missing.slice(i, i + 2000).map((r) => searchKeysOf(r.id, r.nameZh));
    await db.execute(sql`
      insert into org.search_keys (organisation_id, abbreviation, initials)
      select * from unnest(${intArray(keys.map((k) => k.organisationId))}, ${textArray(keys.map((k) => k.abbreviation))}, ${textArray(keys.map((k) => k.initials))})
      on conflict do nothing`);
  }
}
