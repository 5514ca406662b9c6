// SQL of partner learned societies' links to persons (Art. 6).
import type { Page } from '@cq/service-kit';
import { type Db, intArray, queryRows, schema as s } from '@cq/db';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';

export type SocietyLinkRow = typeof s.societyLinks.$inferSelect;

const linkColumns = sql`
  l.id, l.society_id as "societyId", l.person_id as "personId", l.society_member_no as "societyMemberNo",
  l.valid_from::text as "validFrom", l.valid_to::text as "validTo", l.created_at as "createdAt"`;

export async function linksByIds(db: Db, ids: readonly number[]): Promise<SocietyLinkRow[]> {
  return db.select().from(s.societyLinks).where(inArray(s.societyLinks.id, [...ids]));
}

export async function linksOfPersons(db: Db, ids: readonly number[]): Promise<SocietyLinkRow[]> {
  return db.select().from(s.societyLinks).where(inArray(s.societyLinks.personId, [...ids])).orderBy(asc(s.societyLinks.id));
}

/** The first page of each society's links, one statement for the batch. */
export async function linksOfSocieties(db: Db, ids: readonly number[], includeEnded: boolean, page: Page): Promise<SocietyLinkRow[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  return queryRows(
    db,
    sql`select l.* from unnest(${intArray(ids)}) as so(id)
        cross join lateral (
          select ${linkColumns} from people.society_links l
          where l.society_id = so.id and l.id > ${after} ${includeEnded ? sql`` : sql`and l.valid_to is null`}
          order by l.id limit ${page.first + 1}) l
        order by l."societyId", l.id`,
  );
}

export async function countLinksOfSocieties(db: Db, ids: readonly number[], includeEnded: boolean): Promise<{ societyId: number; n: number }[]> {
  return queryRows(
    db,
    sql`select society_id as "societyId", count(*)::int as n from people.society_links
        where society_id = any(${intArray(ids)}) ${includeEnded ? sql`` : sql`and valid_to is null`} group by 1`,
  );
}

export async function openLinkByNumber(tx: Db, societyId: number, memberNo: string): Promise<SocietyLinkRow | null> {
  const [row] = await tx
    .select()
    .from(s.societyLinks)
    .where(and(eq(s.societyLinks.societyId, societyId), eq(s.societyLinks.societyMemberNo, memberNo), isNull(s.societyLinks.validTo)));
  return row ?? null;
}

export async function openLinkOfPerson(tx: Db, societyId: number, personId: number): Promise<SocietyLinkRow | null> {
  const [row] = await tx
    .select()
    .from(s.societyLinks)
    .where(and(eq(s.societyLinks.societyId, societyId), eq(s.societyLinks.personId, personId), isNull(s.societyLinks.validTo)));
  return row ?? null;
}

export async function insertLink(tx: Db, values: typeof s.societyLinks.$inferInsert): Promise<SocietyLinkRow> {
  const [row] = await tx.insert(s.societyLinks).values(values).returning();
  return row!;
}

export async function lockLink(tx: Db, id: number): Promise<SocietyLinkRow | null> {
  const [row] = await tx.select().from(s.societyLinks).where(eq(s.societyLinks.id, id)).for('update');
  return row ?? null;
}

export async function endLink(tx: Db, id: number, on: string): Promise<SocietyLinkRow> {
  const [row] = await tx.update(s.societyLinks).set({ validTo: on }).where(eq(s.societyLinks.id, id)).returning();
  return row!;
}
