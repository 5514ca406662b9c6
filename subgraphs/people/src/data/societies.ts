// SQL of partner learned societies' links to persons (Art. 6), their consent and their matching by identifiers.
import type { Page } from '@cq/service-kit';
import { anyOf, type Db, intArray, queryRows, schema as s, textArray } from '@cq/db';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { inForce } from './people.ts';

export type SocietyLinkRow = typeof s.societyLinks.$inferSelect;
export type SocietyLinkStatus = SocietyLinkRow['status'];

const linkColumns = sql`
  l.id, l.society_id as "societyId", l.person_id as "personId", l.society_member_no as "societyMemberNo",
  l.valid_from::text as "validFrom", l.valid_to::text as "validTo", l.status, l.decided_on::text as "decidedOn",
  l.decided_by as "decidedBy", l.decided_for_organisation_id as "decidedForOrganisationId", l.created_at as "createdAt"`;

/** A link that holds or waits: the society's member number and the person are taken while it stands. */
const open = sql`l.status in ('PENDING', 'CONFIRMED')`;
const isOpen = inArray(s.societyLinks.status, ['PENDING', 'CONFIRMED']);

export async function linksByIds(db: Db, ids: readonly number[]): Promise<SocietyLinkRow[]> {
  return db.select().from(s.societyLinks).where(anyOf(s.societyLinks.id, ids));
}

export async function linksOfPersons(db: Db, ids: readonly number[]): Promise<SocietyLinkRow[]> {
  return db.select().from(s.societyLinks).where(anyOf(s.societyLinks.personId, ids)).orderBy(asc(s.societyLinks.id));
}

/** The first page of each society's links, one statement for the batch. */
export async function linksOfSocieties(db: Db, ids: readonly number[], includeEnded: boolean, page: Page): Promise<SocietyLinkRow[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  return queryRows(
    db,
    sql`select l.* from unnest(${intArray(ids)}) as so(id)
        cross join lateral (
          select ${linkColumns} from people.society_links l
          where l.society_id = so.id and l.id > ${after} ${includeEnded ? sql`` : sql`and ${open}`}
          order by l.id limit ${page.first + 1}) l
        order by l."societyId", l.id`,
  );
}

export async function countLinksOfSocieties(db: Db, ids: readonly number[], includeEnded: boolean): Promise<{ societyId: number; n: number }[]> {
  return queryRows(
    db,
    sql`select l.society_id as "societyId", count(*)::int as n from people.society_links l
        where l.society_id = any(${intArray(ids)}) ${includeEnded ? sql`` : sql`and ${open}`} group by 1`,
  );
}

export async function openLinkByNumber(tx: Db, societyId: number, memberNo: string): Promise<SocietyLinkRow | null> {
  const [row] = await tx
    .select()
    .from(s.societyLinks)
    .where(and(eq(s.societyLinks.societyId, societyId), eq(s.societyLinks.societyMemberNo, memberNo), isOpen));
  return row ?? null;
}

export async function openLinkOfPerson(tx: Db, societyId: number, personId: number): Promise<SocietyLinkRow | null> {
  const [row] = await tx
    .select()
    .from(s.societyLinks)
    .where(and(eq(s.societyLinks.societyId, societyId), eq(s.societyLinks.personId, personId), isOpen));
  return row ?? null;
}

export async function insertLinks(tx: Db, values: (typeof s.societyLinks.$inferInsert)[]): Promise<SocietyLinkRow[]> {
  return values.length ? tx.insert(s.societyLinks).values(values).returning() : [];
}

export async function lockLink(tx: Db, id: number): Promise<SocietyLinkRow | null> {
  const [row] = await tx.select().from(s.societyLinks).where(eq(s.societyLinks.id, id)).for('update');
  return row ?? null;
}

export async function endLink(tx: Db, id: number, on: string): Promise<SocietyLinkRow> {
  const [row] = await tx.update(s.societyLinks).set({ validTo: on, status: 'ENDED' }).where(eq(s.societyLinks.id, id)).returning();
  return row!;
}

export async function decideLink(tx: Db, id: number, decision: { status: 'CONFIRMED' | 'DECLINED'; on: string; by: string; organisationId: number | null }): Promise<SocietyLinkRow> {
  const [row] = await tx
    .update(s.societyLinks)
    .set({ status: decision.status, decidedOn: decision.on, decidedBy: decision.by, decidedForOrganisationId: decision.organisationId })
    .where(eq(s.societyLinks.id, id))
    .returning();
  return row!;
}

/** The open links of a society among some member numbers or persons: what a matching request must not repeat. */
export async function openLinksOfSociety(tx: Db, societyId: number, memberNos: readonly string[], personIds: readonly number[]): Promise<SocietyLinkRow[]> {
  return queryRows(
    tx,
    sql`select ${linkColumns} from people.society_links l
        where l.society_id = ${societyId} and ${open}
          and (l.society_member_no = any(${textArray(memberNos)}) or l.person_id = any(${intArray(personIds)}))`,
  );
}

/** Persons whose identity number hashes to one of `hashes`, with their names: the candidates of a matching request. */
export async function personsByIdentityHashes(tx: Db, hashes: readonly string[]): Promise<{ id: number; hash: string; nameZh: string }[]> {
  return queryRows(
    tx,
    sql`select id, identity_number_hash as hash, name_zh as "nameZh" from people.persons where identity_number_hash = any(${textArray(hashes)})`,
  );
}

/** The associations each person is a member of on a day, by person. */
export async function associationsOfPersons(db: Db, personIds: readonly number[], asOf: string): Promise<{ personId: number; organisationId: number }[]> {
  return queryRows(
    db,
    sql`select m.person_id as "personId", m.organisation_id as "organisationId" from people.memberships m
        where m.person_id = any(${intArray(personIds)}) and ${inForce(asOf)}
        order by m.person_id, m.organisation_id`,
  );
}

/** Links waiting for each association: PENDING links of persons who are its members today, first page per association. */
export async function linksToConfirm(db: Db, organisationIds: readonly number[], today: string, page: Page): Promise<(SocietyLinkRow & { organisationId: number })[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  return queryRows(
    db,
    sql`select o.id as "organisationId", l.* from unnest(${intArray(organisationIds)}) as o(id)
        cross join lateral (
          select ${linkColumns} from people.society_links l
          where l.status = 'PENDING' and l.id > ${after}
            and exists (select 1 from people.memberships m where m.person_id = l.person_id and m.organisation_id = o.id and ${inForce(today)})
          order by l.id limit ${page.first + 1}) l
        order by o.id, l.id`,
  );
}

export async function countLinksToConfirm(db: Db, organisationIds: readonly number[], today: string): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    db,
    sql`select m.organisation_id as "organisationId", count(distinct l.id)::int as n
        from people.society_links l join people.memberships m on m.person_id = l.person_id
        where l.status = 'PENDING' and m.organisation_id = any(${intArray(organisationIds)}) and ${inForce(today)}
        group by 1`,
  );
}

export interface LinkEventRow {
  linkId: number;
  kind: string;
  effectiveOn: string;
  recordedAt: Date;
  actor: string;
}

/** What happened to each link, oldest first. */
export async function eventsOfLinks(db: Db, linkIds: readonly number[]): Promise<LinkEventRow[]> {
  return queryRows(
    db,
    sql`select subject_id as "linkId", kind, effective_on::text as "effectiveOn", occurred_at as "recordedAt", actor
        from people.events where subject_type = 'SocietyLink' and subject_id = any(${intArray(linkIds)}) order by subject_id, id`,
  );
}

/** A society's misses of a day for the persons described (keyed hashes), as far as any were counted. */
export async function missesOf(tx: Db, societyId: number, day: string, subjects: readonly string[]): Promise<{ subject: string; misses: number }[]> {
  return queryRows(
    tx,
    sql`select subject, misses from people.society_match_misses where society_id = ${societyId} and day = ${day} and subject = any(${textArray(subjects)})`,
  );
}

/** Adds misses, one statement for any number of persons described. */
export async function addMisses(tx: Db, societyId: number, day: string, misses: ReadonlyMap<string, number>): Promise<void> {
  if (misses.size === 0) return;
  await tx.execute(
    sql`insert into people.society_match_misses (society_id, day, subject, misses)
        select ${societyId}, ${day}::date, m.subject, m.n from unnest(${textArray([...misses.keys()])}, ${intArray([...misses.values()])}) as m(subject, n)
        on conflict (society_id, day, subject) do update set misses = people.society_match_misses.misses + excluded.misses`,
  );
}
