// All SQL of the people subgraph's read side.
import type { Page } from '@cq/service-kit';
import { anyOf, containsPattern, type Db, intArray, queryRows, schema as s, textArray } from '@cq/db';
import { districtScopeOn, subtreeOn } from '@cq/db/hierarchy';
import { todayInChina } from '@cq/domain';
import { and, asc, count, eq, gt, ilike, inArray, sql, type SQL } from 'drizzle-orm';

export type PersonRow = typeof s.persons.$inferSelect;
/** A membership, with its person when the statement that read it joined them (a page of members does). */
export type MembershipRow = typeof s.memberships.$inferSelect & { person?: PersonRow };
/** An organisation as this subgraph knows it: by id alone (the organisations subgraph owns the rest). */
export interface OrganisationRef {
  id: string | number;
}

export interface PersonFilter {
  categories?: PersonRow['category'][] | null;
  nameContains?: string | null;
}

/** Which persons a search may match at all (access.ts: personSearchScope). */
export type PersonScope =
  | { kind: 'ALL' }
  | { kind: 'DISTRICT'; districtId: number; on: string }
  | { kind: 'ORGANISATION'; organisationId: number };

const p = s.persons;

const personColumns = sql`
  p.id, p.name_zh as "nameZh", p.category, p.employer_enterprise_id as "employerEnterpriseId", p.professional_fields as "professionalFields",
  p.titles, p.email, p.phone, p.created_at as "createdAt"`;

/** One array parameter rather than one parameter per id: batches here run to thousands of ids. */
export async function personsByIds(db: Db, ids: readonly number[]): Promise<PersonRow[]> {
  return queryRows(db, sql`select ${personColumns} from people.persons p where p.id = any(${intArray(ids)})`);
}

/** Persons tied to one of the scope's organisations by a membership or a post. */
function withinScope(scope: PersonScope): SQL | undefined {
  if (scope.kind === 'ALL') return undefined;
  const organisations = scope.kind === 'DISTRICT' ? districtScopeOn(scope.districtId, scope.on) : sql`select ${scope.organisationId}::int`;
  return sql`(exists (select 1 from people.memberships m where m.person_id = ${p.id} and m.organisation_id in (${organisations}))
           or exists (select 1 from people.posts x where x.person_id = ${p.id} and x.organisation_id in (${organisations})))`;
}

function personCondition(filter: PersonFilter, scope: PersonScope): SQL | undefined {
  return and(
    withinScope(scope),
    filter.categories?.length ? inArray(p.category, filter.categories) : undefined,
    filter.nameContains ? ilike(p.nameZh, containsPattern(filter.nameContains)) : undefined,
  );
}

export async function searchPersons(db: Db, filter: PersonFilter, scope: PersonScope, page: Page): Promise<PersonRow[]> {
  const after = page.after ? gt(p.id, page.after[0] as number) : undefined;
  return db
    .select()
    .from(p)
    .where(and(personCondition(filter, scope), after))
    .orderBy(asc(p.id))
    .limit(page.first + 1);
}

export async function countPersons(db: Db, filter: PersonFilter, scope: PersonScope): Promise<number> {
  const [row] = await db.select({ n: count() }).from(p).where(personCondition(filter, scope));
  return row?.n ?? 0;
}

const membershipColumns = sql`
  m.id, m.person_id as "personId", m.organisation_id as "organisationId", m.status, m.applied_on::text as "appliedOn",
  m.valid_from::text as "validFrom", m.valid_to::text as "validTo", m.withdrawal_applied_on::text as "withdrawalAppliedOn",
  m.withdrawal_confirmed_on::text as "withdrawalConfirmedOn", m.revocation_ground as "revocationGround",
  m.revocation_resolution_id as "revocationResolutionId", m.created_at as "createdAt"`;

/** In force on a date: started on or before it and not yet ended (valid-to is exclusive). */
export const inForce = (asOf: string) =>
  sql`m.valid_from <= ${asOf}::date and (m.valid_to is null or m.valid_to > ${asOf}::date)`;

/** The first page of members of each organisation, in one statement for the whole batch. */
export interface MemberFilter {
  asOf: string;
  categories: PersonRow['category'][] | null;
}

const ofCategories = (filter: MemberFilter) =>
  filter.categories?.length
    ? sql`and exists (select 1 from people.persons p where p.id = m.person_id and p.category = any(${textArray(filter.categories, 'people.person_category')}))`
    : sql``;

/**
 * A page of members of each organisation, each with its person read in the same statement: a page of members is
 * nearly always read with the persons' names, and a person served from here costs no loader, promise or second
 * statement (bench/README.md, "Levers").
 */
export async function membersOfOrganisations(db: Db, organisationIds: readonly number[], filter: MemberFilter, page: Page): Promise<MembershipRow[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  const rows = await queryRows<MembershipRow & { [K in keyof PersonRow as `person.${K}`]: PersonRow[K] }>(
    db,
    sql`
      select ${membershipColumns},
             p.name_zh as "person.nameZh", p.category as "person.category", p.employer_enterprise_id as "person.employerEnterpriseId",
             p.professional_fields as "person.professionalFields", p.titles as "person.titles", p.email as "person.email",
             p.phone as "person.phone", p.created_at as "person.createdAt"
      from unnest(${intArray(organisationIds)}) as o(id)
      cross join lateral (
        select * from people.memberships m
        where m.organisation_id = o.id and m.id > ${after} and ${inForce(filter.asOf)} ${ofCategories(filter)}
        order by m.id
        limit ${page.first + 1}
      ) m
      join people.persons p on p.id = m.person_id
      order by m.organisation_id, m.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    personId: r.personId,
    organisationId: r.organisationId,
    status: r.status,
    appliedOn: r.appliedOn,
    validFrom: r.validFrom,
    validTo: r.validTo,
    withdrawalAppliedOn: r.withdrawalAppliedOn,
    withdrawalConfirmedOn: r.withdrawalConfirmedOn,
    revocationGround: r.revocationGround,
    revocationResolutionId: r.revocationResolutionId,
    createdAt: r.createdAt,
    person: {
      id: r.personId,
      nameZh: r['person.nameZh'],
      category: r['person.category'],
      employerEnterpriseId: r['person.employerEnterpriseId'],
      identityNumberHash: null,
      professionalFields: r['person.professionalFields'],
      titles: r['person.titles'],
      email: r['person.email'],
      phone: r['person.phone'],
      createdAt: r['person.createdAt'],
    },
  }));
}

export async function countMembersOfOrganisations(db: Db, organisationIds: readonly number[], filter: MemberFilter): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    db,
    sql`
      select m.organisation_id as "organisationId", count(*)::int as n
      from people.memberships m
      where m.organisation_id = any(${intArray(organisationIds)}) and ${inForce(filter.asOf)} ${ofCategories(filter)}
      group by m.organisation_id`,
  );
}

/** Each person's membership records, newest first, one statement for the whole batch. */
export async function membershipsOfPersons(db: Db, personIds: readonly number[], page: Page): Promise<MembershipRow[]> {
  const before = (page.after?.[0] as number | undefined) ?? 2_147_483_647;
  return queryRows(
    db,
    sql`
      select ${membershipColumns}
      from unnest(${intArray(personIds)}) as p(id)
      cross join lateral (
        select * from people.memberships m
        where m.person_id = p.id and m.id < ${before}
        order by m.id desc
        limit ${page.first + 1}
      ) m
      order by m.person_id, m.id desc`,
  );
}

export async function countMembershipsOfPersons(db: Db, personIds: readonly number[]): Promise<{ personId: number; n: number }[]> {
  return queryRows(
    db,
    sql`
      select m.person_id as "personId", count(*)::int as n from people.memberships m
      where m.person_id = any(${intArray(personIds)}) group by m.person_id`,
  );
}

export type DuesPaymentRow = typeof s.duesPayments.$inferSelect;
export type EventInsert = typeof s.peopleEvents.$inferInsert;

/**
 * Memberships in force on a day in each organisation and every association below it in the guidance chain on that
 * day, read from the hierarchy read model: one statement for the batch, however deep the tree. For today (in China,
 * as the resolvers' default `asOf`) the statement sums the roll-up people.member_counts_today over the subtree
 * instead of counting the memberships (for the municipal association, ~900,000 of them at the `large` bench scale),
 * after rebuilding the roll-up if it counts another day; any other day counts the memberships.
 */
export async function countMembersWithDescendants(db: Db, organisationIds: readonly number[], asOf: string, today = todayInChina()): Promise<{ organisationId: number; n: number }[]> {
  if (asOf === today) {
    const rolledUp = await fromMemberRollUp(db, asOf, () => rolledUpMemberCounts(db, organisationIds, asOf));
    if (rolledUp) return rolledUp;
  }
  return queryRows(
    db,
    sql`
      select u.root as "organisationId", count(m.id)::int as n
      from (${subtreeOn(organisationIds, asOf)}) u
      join people.memberships m on m.organisation_id = u.organisation_id and ${inForce(asOf)}
      group by u.root`,
  );
}

// ---- the member count roll-up: people.member_counts_today counts the memberships in force on the day that
// people.member_counts_state holds, per organisation. Every membership write adds its delta in its own transaction;
// the first read of a new day rebuilds the whole roll-up. Writers read the state for share and a rebuild locks it for
// update, so a rebuild waits for the writers under way and counts what they wrote, and a writer that comes during a
// rebuild waits for it and then adds its delta to the new day's counts.

/** The state's day before the first rebuild: before every day, so no read asks for it and no membership is in force. */
const NO_DAY = '-infinity';

/** In force on `day` (ISO dates, which compare as text): inForce, for a row in hand. */
const inForceOn = (m: Pick<MembershipRow, 'validFrom' | 'validTo'>, day: string): boolean =>
  day !== NO_DAY && m.validFrom !== null && m.validFrom <= day && (m.validTo === null || m.validTo > day);

/**
 * The roll-up summed over each organisation's subtree on `day`, in one statement that also checks the roll-up counts
 * that day (so both come from one snapshot); null when it counts another day or has never been built.
 */
async function rolledUpMemberCounts(db: Db, organisationIds: readonly number[], day: string): Promise<{ organisationId: number; n: number }[] | null> {
  const rows = await queryRows<{ current: boolean; organisationId: number | null; n: number | null }>(
    db,
    sql`
      select s.current, t."organisationId", t.n
      from (select exists (select 1 from people.member_counts_state where day = ${day}::date) as current) s
      left join lateral (
        select u.root as "organisationId", sum(c.members)::int as n
        from (${subtreeOn(organisationIds, day)}) u
        join people.member_counts_today c on c.organisation_id = u.organisation_id
        where s.current
        group by u.root having sum(c.members) > 0
      ) t on true`,
  );
  if (!rows[0]?.current) return null;
  return rows.flatMap((r) => (r.organisationId === null ? [] : [{ organisationId: r.organisationId, n: r.n! }]));
}

/**
 * Reads the roll-up for `day` with `read` (which answers null when the roll-up counts another day), rebuilding it
 * first when it must. Still null only when a rebuild for a later day overtook this one (a request from before
 * midnight): the caller then counts the memberships.
 */
export async function fromMemberRollUp<T>(db: Db, day: string, read: () => Promise<T | null>): Promise<T | null> {
  const rolledUp = await read();
  if (rolledUp) return rolledUp;
  await rebuildMemberCounts(db, day);
  return read();
}

/**
 * Counts the memberships in force on `day` afresh, in one transaction, unless the roll-up already counts that day or a
 * later one (another read rebuilt it meanwhile).
 */
export async function rebuildMemberCounts(db: Db, day: string): Promise<void> {
  // A state row inserted inside the rebuild would stay invisible to writers until the rebuild commits, and a
  // membership written meanwhile would be counted by neither; so a missing one is inserted and committed first.
  await db.execute(sql`insert into people.member_counts_state (day) values (${NO_DAY}::date) on conflict do nothing`);
  await db.transaction(async (tx) => {
    const [state] = await queryRows<{ day: string }>(tx, sql`select day::text from people.member_counts_state for update`);
    if (state!.day !== NO_DAY && state!.day >= day) return;
    await tx.execute(sql`delete from people.member_counts_today`);
    await tx.execute(sql`
      insert into people.member_counts_today (organisation_id, members)
      select m.organisation_id, count(*)::int from people.memberships m where ${inForce(day)} group by m.organisation_id`);
    await tx.execute(sql`update people.member_counts_state set day = ${day}::date`);
  });
}

/**
 * Moves the roll-up by what one membership write in this transaction changed: -1 where the row before was in force on
 * the roll-up's day, +1 where the row after is (a membership that moved organisation: -1 on the old one, +1 on the new
 * one). Deltas, never recounts, so that two writers to one organisation add up rather than overwrite each other.
 */
async function countMembershipChange(tx: Db, before: MembershipRow | null, after: MembershipRow): Promise<void> {
  const [state] = await queryRows<{ day: string }>(tx, sql`select day::text from people.member_counts_state for share`);
  if (!state) return;
  const deltas = new Map<number, number>();
  if (before && inForceOn(before, state.day)) deltas.set(before.organisationId, -1);
  if (inForceOn(after, state.day)) deltas.set(after.organisationId, (deltas.get(after.organisationId) ?? 0) + 1);
  // In organisation order, so that two writers touching the same two organisations lock their rows in the same order.
  const changed = [...deltas].filter(([, n]) => n !== 0).sort(([a], [b]) => a - b);
  if (!changed.length) return;
  await tx.execute(sql`
    insert into people.member_counts_today as c (organisation_id, members)
    select * from unnest(${intArray(changed.map(([id]) => id))}, ${intArray(changed.map(([, n]) => n))})
    on conflict (organisation_id) do update set members = c.members + excluded.members`);
}

/**
 * R22.arrears (第二十二条 (二) 按照有关规定交纳会费): a membership in force on `asOf` whose last dues payment on or
 * before that day (or, with none, its first day) is more than `months` months before it. A period of months ends on
 * the corresponding day (Civil Code Art. 201-203), so the member is in arrears from the day after `dueBy`.
 */
export interface ArrearsRow {
  membership: MembershipRow;
  lastPaidOn: string | null;
  countedFrom: string;
  dueBy: string;
}

export interface ArrearsArgs {
  asOf: string;
  months: number;
}

const arrears = ({ asOf, months }: ArrearsArgs) => sql`
  select m.*, l.paid_on::text as "lastPaidOn", coalesce(l.paid_on, m.valid_from)::text as "countedFrom",
         (coalesce(l.paid_on, m.valid_from) + make_interval(months => ${months}::int))::date::text as "dueBy"
  from people.memberships m
  left join lateral (select max(d.paid_on) as paid_on from people.dues_payments d where d.membership_id = m.id and d.paid_on <= ${asOf}::date) l on true
  where ${inForce(asOf)} and ${asOf}::date > (coalesce(l.paid_on, m.valid_from) + make_interval(months => ${months}::int))::date`;

/** The first page of members in arrears of each organisation, ordered by membership id, one statement per batch. */
export async function arrearsOfOrganisations(db: Db, organisationIds: readonly number[], args: ArrearsArgs, page: Page): Promise<ArrearsRow[]> {
  const after = (page.after?.[0] as number | undefined) ?? 0;
  const rows = await queryRows<MembershipRow & { lastPaidOn: string | null; countedFrom: string; dueBy: string }>(
    db,
    sql`
      select a.id, a.person_id as "personId", a.organisation_id as "organisationId", a.status, a.applied_on::text as "appliedOn",
             a.valid_from::text as "validFrom", a.valid_to::text as "validTo", a.withdrawal_applied_on::text as "withdrawalAppliedOn",
             a.withdrawal_confirmed_on::text as "withdrawalConfirmedOn", a.revocation_ground as "revocationGround",
             a.revocation_resolution_id as "revocationResolutionId", a.created_at as "createdAt", a."lastPaidOn", a."countedFrom", a."dueBy"
      from unnest(${intArray(organisationIds)}) as o(id)
      cross join lateral (${arrears(args)} and m.organisation_id = o.id and m.id > ${after} order by m.id limit ${page.first + 1}) a
      order by a.organisation_id, a.id`,
  );
  return rows.map(({ lastPaidOn, countedFrom, dueBy, ...membership }) => ({ membership, lastPaidOn, countedFrom, dueBy }));
}

export async function countArrearsOfOrganisations(db: Db, organisationIds: readonly number[], args: ArrearsArgs): Promise<{ organisationId: number; n: number }[]> {
  return queryRows(
    db,
    sql`select a.organisation_id as "organisationId", count(*)::int as n from (${arrears(args)} and m.organisation_id = any(${intArray(organisationIds)})) a group by a.organisation_id`,
  );
}

export async function duesOfMemberships(db: Db, ids: readonly number[]): Promise<DuesPaymentRow[]> {
  return db.select().from(s.duesPayments).where(anyOf(s.duesPayments.membershipId, ids)).orderBy(asc(s.duesPayments.paidOn), asc(s.duesPayments.id));
}

export async function membershipsByIds(db: Db, ids: readonly number[]): Promise<MembershipRow[]> {
  return db.select().from(s.memberships).where(anyOf(s.memberships.id, ids));
}

// ---- writes (inside a transaction)

export async function insertPerson(tx: Db, values: typeof s.persons.$inferInsert): Promise<PersonRow> {
  const [row] = await tx.insert(s.persons).values(values).returning();
  return row!;
}

export async function lockMembership(tx: Db, id: number): Promise<MembershipRow | null> {
  const [row] = await tx.select().from(s.memberships).where(eq(s.memberships.id, id)).for('update');
  return row ?? null;
}

export async function openMembership(tx: Db, personId: number, organisationId: number): Promise<MembershipRow | null> {
  const [row] = await tx
    .select()
    .from(s.memberships)
    .where(and(eq(s.memberships.personId, personId), eq(s.memberships.organisationId, organisationId), inArray(s.memberships.status, ['APPLIED', 'ACTIVE'])));
  return row ?? null;
}

/** Every membership is written here or in updateMembership, which keep the member count roll-up in step. */
export async function insertMembership(tx: Db, values: typeof s.memberships.$inferInsert): Promise<MembershipRow> {
  const [row] = await tx.insert(s.memberships).values(values).returning();
  await countMembershipChange(tx, null, row!);
  return row!;
}

/** `before` is the membership as this transaction locked it (lockMembership), for the roll-up's delta. */
export async function updateMembership(tx: Db, before: MembershipRow, values: Partial<typeof s.memberships.$inferInsert>): Promise<MembershipRow> {
  const [row] = await tx.update(s.memberships).set(values).where(eq(s.memberships.id, before.id)).returning();
  await countMembershipChange(tx, before, row!);
  return row!;
}

export async function insertDuesPayment(tx: Db, values: typeof s.duesPayments.$inferInsert): Promise<DuesPaymentRow> {
  const [row] = await tx.insert(s.duesPayments).values(values).returning();
  return row!;
}

/**
 * Appends an event. One that names no effective day took effect today in China (todayInChina), never on the
 * database server's current_date, which is the UTC day on most servers: the column has no default on purpose.
 */
export async function insertEvent(tx: Db, values: Omit<EventInsert, 'effectiveOn'> & { effectiveOn?: string | null }): Promise<void> {
  await tx.insert(s.peopleEvents).values({ ...values, effectiveOn: values.effectiveOn ?? todayInChina() });
}

/** Several events in one statement (a bulk command's). */
export async function insertEvents(tx: Db, values: EventInsert[]): Promise<void> {
  if (values.length) await tx.insert(s.peopleEvents).values(values);
}

export async function findPerson(tx: Db, id: number): Promise<PersonRow | null> {
  const [row] = await tx.select().from(s.persons).where(eq(s.persons.id, id));
  return row ?? null;
}

/** The organisations each person belongs to or holds a post in (any time), for deciding who may see them. */
export async function organisationsOfPersons(db: Db, personIds: readonly number[]): Promise<{ personId: number; organisationId: number }[]> {
  return queryRows(
    db,
    sql`select person_id as "personId", organisation_id as "organisationId" from people.memberships where person_id = any(${intArray(personIds)})
        union
        select person_id, organisation_id from people.posts where person_id = any(${intArray(personIds)})`,
  );
}

/** The persons among `personIds` whose link to the society their association confirmed (and nobody ended). */
export async function personsLinkedTo(db: Db, societyId: number, personIds: readonly number[]): Promise<number[]> {
  const rows = await queryRows<{ personId: number }>(
    db,
    sql`select person_id as "personId" from people.society_links where society_id = ${societyId} and status = 'CONFIRMED' and person_id = any(${intArray(personIds)})`,
  );
  return rows.map((r) => r.personId);
}
