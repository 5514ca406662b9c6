// Art. 6 with consent, through the real gateway over the real subgraphs: a partner learned society links its members
// by what it holds of them (member number, name, identity number as a keyed hash), the person's association confirms
// or declines, either side ends a link, and the society sees a confirmed member's public profile, associations,
// activities and awards, and nothing of anyone else.
import { type Identity, loadConfig, signUserToken } from '@cq/service-kit';
import ExcelJS from 'exceljs';
import { queryRows } from '@cq/db';
import { demoIdentityNumbers, SCALES } from '@cq/db/seed';
import { withIdentityNumberCheckCharacter } from '@cq/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { OWNER_TABLES, snapshot } from '../helpers/refusal.ts';

const PEOPLE_TABLES = OWNER_TABLES.people;

let t: TestGraph;
let society: number;
let otherSociety: number;
/** Persons not yet linked to `society`, each an active member today of one association, with what they took part in. */
let members: { id: number; name: string; number: string; association: number; participations: number; awards: number }[];

const who = (role: Identity['role'], organisationId: number | null = null): Identity => ({ subject: `test.${role.toLowerCase()}`, role, organisationId });
const codes = (res: { errors?: { extensions?: Record<string, unknown> }[] }) => (res.errors ?? []).map((e) => e.extensions?.code);

const MATCH = `mutation ($input: SocietyMatchInput!) { matchSocietyMembers(input: $input) {
  matched alreadyLinked ambiguous unmatched conflicts
  rows { row societyMemberNo outcome problem link { id status societyMemberNo person { id } } } } }`;
const match = (as: Identity, rows: { societyMemberNo: string; nameZh: string; identityNumber: string }[], extra: Record<string, unknown> = {}) =>
  t.queryAs(as, MATCH, { input: { societyId: String(society), validFrom: '2026-01-01', members: rows, ...extra } });
const LINK = `id status validTo decidedOn decidedFor { id } history { kind effectiveOn actor }`;

beforeAll(async () => {
  t = await startTestGraph();
  [society, otherSociety] = (await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'LEARNED_SOCIETY' order by id limit 2`)).map((r) => r.id) as [number, number];
  const rows = await queryRows<{ id: number; name: string; association: number; participations: number; awards: number }>(
    t.database.db,
    sql`select p.id, p.name_zh as name, min(m.organisation_id) as association,
               (select count(*)::int from activities.participations x where x.person_id = p.id) as participations,
               (select count(*)::int from activities.awards a where a.recipient_person_id = p.id) as awards
        from people.persons p join people.memberships m on m.person_id = p.id
        where m.status = 'ACTIVE' and m.valid_to is null and p.identity_number_hash is not null
          and not exists (select 1 from people.society_links l where l.person_id = p.id)
          and (select count(*) from people.memberships x where x.person_id = p.id and x.status = 'ACTIVE') = 1
        group by p.id order by (select count(*) from activities.participations x where x.person_id = p.id) desc, p.id limit 6`,
  );
  const numbers = await demoIdentityNumbers(t.database.db, rows.map((r) => r.id));
  members = rows.map((r) => ({ ...r, number: numbers.get(r.id)! }));
});
afterAll(() => t?.close());

describe('Matching a society’s members without enumeration (Art. 6)', () => {
  it('matches by name and identity number, and a near miss looks exactly like an unknown person', async () => {
    const [a, b] = members;
    const res = expectData(
      await match(who('SOCIETY', society), [
        { societyMemberNo: 'M-001', nameZh: a!.name, identityNumber: a!.number.toLowerCase() },
        // b's real number under another name, and a well-formed number nobody here has.
        { societyMemberNo: 'M-002', nameZh: `${b!.name}某`, identityNumber: b!.number },
        { societyMemberNo: 'M-003', nameZh: b!.name, identityNumber: withIdentityNumberCheckCharacter('11010519491231009') },
      ]),
    ).matchSocietyMembers;
    expect(res).toMatchObject({ matched: 1, unmatched: 2, ambiguous: 0, alreadyLinked: 0, conflicts: 0 });
    expect(res.rows[0]).toMatchObject({ row: 1, outcome: 'MATCHED', link: { status: 'PENDING', societyMemberNo: 'M-001', person: { id: String(a!.id) } } });
    const { row: _r2, societyMemberNo: _n2, ...nearMiss } = res.rows[1];
    const { row: _r3, societyMemberNo: _n3, ...unknown } = res.rows[2];
    expect(nearMiss).toEqual(unknown);
    expect(nearMiss).toEqual({ outcome: 'UNMATCHED', problem: null, link: null });
    // The same rows again: the first is already linked, nothing new is made.
    const again = expectData(await match(who('SOCIETY', society), [{ societyMemberNo: 'M-001', nameZh: a!.name, identityNumber: a!.number }])).matchSocietyMembers;
    expect(again).toMatchObject({ matched: 0, alreadyLinked: 1 });
  });

  it('reports two records of one person as ambiguous, and a number or person already linked otherwise as a conflict', async () => {
    const c = members[2]!;
    // The same person registered twice (by two associations), both with the number.
    for (let i = 0; i < 2; i++) {
      expectData(await t.query(`mutation ($n: String!) { registerPerson(input: {nameZh: "欧阳明远", category: MANAGER, identityNumber: $n}) { id } }`, { n: withIdentityNumberCheckCharacter('50010619800101123') }));
    }
    const res = expectData(
      await match(who('SOCIETY', society), [
        { societyMemberNo: 'M-010', nameZh: '欧阳 明远', identityNumber: withIdentityNumberCheckCharacter('50010619800101123') },
        { societyMemberNo: 'M-001', nameZh: c.name, identityNumber: c.number },
        { societyMemberNo: 'M-011', nameZh: members[0]!.name, identityNumber: members[0]!.number },
      ]),
    ).matchSocietyMembers;
    expect(res.rows.map((r: any) => r.outcome)).toEqual(['AMBIGUOUS', 'CONFLICT', 'CONFLICT']);
    expect(res.rows[0].problem).toMatch(/合并.*merge/);
    expect(res.rows[1].problem).toMatch(/member number M-001 is linked to someone else/);
    expect(res.rows[2].problem).toMatch(/linked under member number M-001/);
  });

  it('refuses a malformed row with every problem named, never echoing a number, and changes nothing', async () => {
    const before = await snapshot(t.database.db, PEOPLE_TABLES);
    const bad = withIdentityNumberCheckCharacter('50010619800101124').replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    const res = await match(who('SOCIETY', society), [
      { societyMemberNo: 'M-020', nameZh: members[3]!.name, identityNumber: members[3]!.number },
      { societyMemberNo: 'M-021', nameZh: '张三', identityNumber: bad },
      { societyMemberNo: 'M-020', nameZh: ' ', identityNumber: '5001' },
    ]);
    expect(codes(res)).toEqual(['INVALID_ARGUMENT']);
    const error = res.errors![0]!;
    expect(error.extensions!.rows).toEqual([
      { row: 2, problem: expect.stringMatching(/identityNumber: .*wrong check character/) },
      { row: 3, problem: expect.stringMatching(/M-020.*first in row 1/) },
      { row: 3, problem: expect.stringMatching(/nameZh/) },
      { row: 3, problem: expect.stringMatching(/identityNumber: .*4 characters/) },
    ]);
    expect(JSON.stringify(res)).not.toContain(bad);
    expect(JSON.stringify(res)).not.toContain(members[3]!.number);
    expect(await snapshot(t.database.db, PEOPLE_TABLES)).toEqual(before);
  });

  it('refuses an eleventh unmatched row in a day for one name and birth date, counting earlier requests, and changes nothing', async () => {
    // Someone guessing a person's sequence number: one name, one birthplace and birth date, numbers 100 to 110.
    const guesses = Array.from({ length: 11 }, (_, i) => ({ societyMemberNo: `G-${i}`, nameZh: '测试甲', identityNumber: withIdentityNumberCheckCharacter(`50010619900101${100 + i}`) }));
    const before = await snapshot(t.database.db, PEOPLE_TABLES);
    const all = await match(who('SOCIETY', society), guesses);
    expect(codes(all)).toEqual(['TOO_MANY_ATTEMPTS']);
    expect(all.errors![0]!.extensions!.rows).toHaveLength(11);
    expect(await snapshot(t.database.db, PEOPLE_TABLES)).toEqual(before);
    expect(expectData(await match(who('SOCIETY', society), guesses.slice(0, 6), { dryRun: true })).matchSocietyMembers.unmatched).toBe(6);
    expect(expectData(await match(who('SOCIETY', society), guesses.slice(6, 10))).matchSocietyMembers.unmatched).toBe(4);
    const eleventh = await match(who('SOCIETY', society), guesses.slice(10));
    expect(codes(eleventh)).toEqual(['TOO_MANY_ATTEMPTS']);
    expect(eleventh.errors![0]!.extensions!.rows).toEqual([{ row: 1, problem: expect.stringMatching(/too many/) }]);
    // Another birth date under the same name, and the same guesses for another society, are counted apart.
    expect(codes(await match(who('SOCIETY', society), [{ ...guesses[0]!, identityNumber: withIdentityNumberCheckCharacter('50010619900102100') }]))).toEqual([]);
    expect(codes(await t.queryAs(who('SOCIETY', otherSociety), MATCH, { input: { societyId: String(otherSociety), validFrom: '2026-01-01', members: guesses.slice(0, 1) } }))).toEqual([]);
  });

  it('lets a society match only for itself, and link by the hub’s person id not at all', async () => {
    const row = [{ societyMemberNo: 'X-1', nameZh: members[3]!.name, identityNumber: members[3]!.number }];
    expect(codes(await t.queryAs(who('SOCIETY', otherSociety), MATCH, { input: { societyId: String(society), validFrom: '2026-01-01', members: row } }))).toEqual(['FORBIDDEN']);
    expect(codes(await t.queryAs(who('SECRETARIAT', members[3]!.association), MATCH, { input: { societyId: String(society), validFrom: '2026-01-01', members: row } }))).toEqual(['FORBIDDEN']);
    // An existing person and an id that names nobody get the same refusal: linking by id reveals nothing.
    const byId = (p: string) => `mutation { linkSocietyMember(input: {societyId: "${society}", personId: "${p}", societyMemberNo: "Z-1", validFrom: "2026-01-01"}) { id person { nameZh } } }`;
    const existing = await t.queryAs(who('SOCIETY', society), byId(String(members[3]!.id)));
    const missing = await t.queryAs(who('SOCIETY', society), byId('999999'));
    expect(codes(existing)).toEqual(['FORBIDDEN']);
    expect(existing.errors![0]!.message).toBe(missing.errors![0]!.message);
    expect(existing.errors![0]!.message).toMatch(/matchSocietyMembers/);
  });

  it('reports a dry run without linking, and matches a thousand rows in as many SQL statements as ten', async () => {
    const before = await snapshot(t.database.db, PEOPLE_TABLES);
    const dry = expectData(await match(who('SOCIETY', society), [{ societyMemberNo: 'D-1', nameZh: members[4]!.name, identityNumber: members[4]!.number }], { dryRun: true })).matchSocietyMembers;
    expect(dry).toMatchObject({ matched: 1, rows: [{ outcome: 'MATCHED', link: null }] });
    expect(await snapshot(t.database.db, PEOPLE_TABLES)).toEqual(before);

    const candidates = await queryRows<{ id: number; name: string }>(
      t.database.db,
      sql`select p.id, p.name_zh as name from people.persons p where p.identity_number_hash is not null
          and not exists (select 1 from people.society_links l where l.person_id = p.id and l.society_id = ${otherSociety}) order by p.id limit 1000`,
    );
    const numbers = await demoIdentityNumbers(t.database.db, candidates.map((c) => c.id));
    const rowsOf = (n: number, offset: number) => candidates.slice(offset, offset + n).map((c) => ({ societyMemberNo: `B-${c.id}`, nameZh: c.name, identityNumber: numbers.get(c.id)! }));
    const run = (rows: ReturnType<typeof rowsOf>) =>
      t.countStatements(() => t.queryAs(who('SOCIETY', otherSociety), MATCH, { input: { societyId: String(otherSociety), validFrom: '2026-01-01', members: rows } }));
    const ten = await run(rowsOf(10, 0));
    const thousand = await run(rowsOf(990, 10));
    expect(expectData(ten.result).matchSocietyMembers.matched).toBe(10);
    expect(expectData(thousand.result).matchSocietyMembers.matched).toBe(990);
    expect(thousand.statements).toBe(ten.statements);
  });
});

describe('Consent: the person’s association confirms, declines or ends (Art. 6)', () => {
  it('shows a pending link to the society as its own, and nothing of the person until the association confirms', async () => {
    const a = members[0]!;
    const society_ = who('SOCIETY', society);
    const listed = expectData(await t.queryAs(society_, `{ organisation(id: "${society}") { linkedMembers(first: 100) { edges { node { societyMemberNo status person { id societyLinks { societyMemberNo status } } } } } } }`));
    const mine = listed.organisation.linkedMembers.edges.map((e: any) => e.node).find((n: any) => n.societyMemberNo === 'M-001');
    expect(mine).toEqual({ societyMemberNo: 'M-001', status: 'PENDING', person: { id: String(a.id), societyLinks: [{ societyMemberNo: 'M-001', status: 'PENDING' }] } });
    const profile = await t.queryAs(society_, `{ person(id: "${a.id}") { nameZh titles } }`);
    expect(codes(profile)).toEqual(['NOT_FOUND']);

    // The secretariat of the person's association sees it waiting; another association's secretariat may not decide.
    const waiting = expectData(await t.queryAs(who('SECRETARIAT', a.association), `{ organisation(id: "${a.association}") { societyLinksToConfirm(first: 100) { totalCount edges { node { id societyMemberNo society { id } } } } } }`));
    const link = waiting.organisation.societyLinksToConfirm.edges.map((e: any) => e.node).find((n: any) => n.societyMemberNo === 'M-001');
    expect(link).toMatchObject({ society: { id: String(society) } });
    const elsewhere = members.find((m) => m.association !== a.association)!.association;
    expect(codes(await t.queryAs(who('SECRETARIAT', elsewhere), `mutation { confirmSocietyLink(input: {linkId: "${link.id}"}) { id } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await t.queryAs(society_, `mutation { confirmSocietyLink(input: {linkId: "${link.id}"}) { id } }`))).toEqual(['FORBIDDEN']);

    const confirmed = expectData(await t.queryAs(who('SECRETARIAT', a.association), `mutation { confirmSocietyLink(input: {linkId: "${link.id}", on: "2026-01-05"}) { ${LINK} } }`)).confirmSocietyLink;
    expect(confirmed).toMatchObject({ status: 'CONFIRMED', decidedOn: '2026-01-05', decidedFor: { id: String(a.association) }, history: [{ kind: 'LINKED' }, { kind: 'CONFIRMED', effectiveOn: '2026-01-05', actor: 'secretariat:test.secretariat' }] });
    expect(codes(await t.queryAs(who('SECRETARIAT', a.association), `mutation { declineSocietyLink(input: {linkId: "${link.id}"}) { id } }`))).toEqual(['ILLEGAL_TRANSITION']);
  });

  it('shows the society a confirmed member’s public profile, associations, activities and awards, and never contact details', async () => {
    const a = members[0]!;
    const [person] = await queryRows<{ name: string; titles: string[]; fields: string[] }>(t.database.db, sql`select name_zh as name, titles, professional_fields as fields from people.persons where id = ${a.id}`);
    const res = await t.queryAs(
      who('SOCIETY', society),
      `{ person(id: "${a.id}") { nameZh titles professionalFields memberOf { id nameZh } participations { activity { id title } } awards { id } contact { email } } }`,
    );
    expect(codes(res)).toEqual(['PERSONAL_DATA_WITHHELD']);
    expect(res.data!.person).toMatchObject({ nameZh: person!.name, titles: person!.titles, professionalFields: person!.fields, memberOf: [{ id: String(a.association), nameZh: expect.any(String) }], contact: null });
    expect(res.data!.person.participations).toHaveLength(a.participations);
    expect(res.data!.person.awards).toHaveLength(a.awards);
    expect(a.participations).toBeGreaterThan(0);
    // Another society, and this society for a person it has no confirmed link to, see nothing.
    expect(codes(await t.queryAs(who('SOCIETY', otherSociety), `{ person(id: "${a.id}") { nameZh } }`))).toEqual(['NOT_FOUND']);
    const others = await t.queryAs(who('SOCIETY', society), `{ person(id: "${members[1]!.id}") { nameZh participations { activity { id } } } }`);
    expect(codes(others)).toEqual(['NOT_FOUND']);
    expect(others.data?.person ?? null).toBeNull();
  });

  it('keeps a declined link in the history and shows nothing of the person', async () => {
    const c = members[2]!;
    const link = expectData(await match(who('SOCIETY', society), [{ societyMemberNo: 'M-030', nameZh: c.name, identityNumber: c.number }])).matchSocietyMembers.rows[0].link;
    const declined = expectData(await t.queryAs(who('SECRETARIAT', c.association), `mutation { declineSocietyLink(input: {linkId: "${link.id}"}) { ${LINK} } }`)).declineSocietyLink;
    expect(declined).toMatchObject({ status: 'DECLINED', history: [{ kind: 'LINKED' }, { kind: 'DECLINED' }] });
    expect(codes(await t.queryAs(who('SOCIETY', society), `{ person(id: "${c.id}") { nameZh } }`))).toEqual(['NOT_FOUND']);
    // Declined, the number and the person are free to be linked again.
    expect(expectData(await match(who('SOCIETY', society), [{ societyMemberNo: 'M-030', nameZh: c.name, identityNumber: c.number }])).matchSocietyMembers.matched).toBe(1);
  });

  it('lets either side end a link; the profile closes and the history keeps every step', async () => {
    const a = members[0]!;
    const linkId = (await queryRows<{ id: number }>(t.database.db, sql`select id from people.society_links where society_id = ${society} and society_member_no = 'M-001'`))[0]!.id;
    const ended = expectData(await t.queryAs(who('SOCIETY', society), `mutation { endSocietyLink(input: {linkId: "${linkId}", on: "2026-06-30"}) { ${LINK} } }`)).endSocietyLink;
    expect(ended).toMatchObject({ status: 'ENDED', validTo: '2026-06-30', history: [{ kind: 'LINKED' }, { kind: 'CONFIRMED' }, { kind: 'UNLINKED', effectiveOn: '2026-06-30', actor: 'society:test.society' }] });
    expect(codes(await t.queryAs(who('SOCIETY', society), `{ person(id: "${a.id}") { nameZh } }`))).toEqual(['NOT_FOUND']);
    // Its own ended link stays readable to the society.
    const own = expectData(await t.queryAs(who('SOCIETY', society), `{ organisation(id: "${society}") { linkedMembers(first: 100, includeEnded: true) { edges { node { id status } } } } }`));
    expect(own.organisation.linkedMembers.edges).toContainEqual({ node: { id: String(linkId), status: 'ENDED' } });

    // The person's side ends another: the association of the person, not an unrelated one.
    const d = members[4]!;
    const link = expectData(await match(who('SOCIETY', society), [{ societyMemberNo: 'M-040', nameZh: d.name, identityNumber: d.number }])).matchSocietyMembers.rows[0].link;
    const elsewhere = members.find((m) => m.association !== d.association)!.association;
    expect(codes(await t.queryAs(who('SECRETARIAT', elsewhere), `mutation { endSocietyLink(input: {linkId: "${link.id}", on: "2026-02-01"}) { id } }`))).toEqual(['FORBIDDEN']);
    expect(codes(await t.queryAs(who('SOCIETY', otherSociety), `mutation { endSocietyLink(input: {linkId: "${link.id}", on: "2026-02-01"}) { id } }`))).toEqual(['FORBIDDEN']);
    const byPerson = expectData(await t.queryAs(who('SECRETARIAT', d.association), `mutation { endSocietyLink(input: {linkId: "${link.id}", on: "2026-02-01"}) { status } }`));
    expect(byPerson.endSocietyLink.status).toBe('ENDED');
  });
});

describe('Uploading a member list (CSV or XLSX) to /societies/match', () => {
  const upload = async (as: Identity | null, body: Buffer | string, params: Record<string, string>, type = 'text/csv') => {
    const headers: Record<string, string> = { 'content-type': type };
    if (as) headers.authorization = `Bearer ${await signUserToken(as, loadConfig().auth.secret)}`;
    const res = await fetch(`${t.url.replace(/\/graphql$/, '')}/societies/match?${new URLSearchParams(params)}`, { method: 'POST', headers, body: typeof body === 'string' ? body : new Uint8Array(body) });
    const type_ = res.headers.get('content-type') ?? '';
    return { status: res.status, type: type_, body: (type_.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer())) as any };
  };
  let fresh: { id: number; name: string; number: string }[];
  beforeAll(async () => {
    const rows = await queryRows<{ id: number; name: string }>(
      t.database.db,
      // Persons of the demo data (their numbers are the demo's), not linked to the society by the tests above.
      sql`select p.id, p.name_zh as name from people.persons p where p.id <= ${SCALES.tiny.persons} and p.identity_number_hash is not null
          and not exists (select 1 from people.society_links l where l.person_id = p.id and l.society_id = ${society}) order by p.id desc limit 1150`,
    );
    const numbers = await demoIdentityNumbers(t.database.db, rows.map((r) => r.id));
    fresh = rows.map((r) => ({ ...r, number: numbers.get(r.id)! }));
  });

  it('matches a CSV with Chinese headings and reports each row by its row in the sheet', async () => {
    const csv = `\uFEFF会员编号,姓名,身份证号\nU-1,${fresh[0]!.name},${fresh[0]!.number}\n\nU-2,${fresh[1]!.name}某,${fresh[1]!.number}\n`;
    const res = await upload(who('SOCIETY', society), csv, { societyId: String(society), validFrom: '2026-03-01' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ dryRun: false, matched: 1, unmatched: 1, rows: [{ row: 2, societyMemberNo: 'U-1', outcome: 'MATCHED', linkId: expect.any(String) }, { row: 4, societyMemberNo: 'U-2', outcome: 'UNMATCHED', linkId: null }] });
    const [link] = await queryRows<{ person: number; status: string }>(t.database.db, sql`select person_id as person, status from people.society_links where id = ${Number(res.body.rows[0].linkId)}`);
    expect(link).toEqual({ person: fresh[0]!.id, status: 'PENDING' });
  });

  it('reads an XLSX with English headings and answers the report as XLSX with Chinese headings', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('members');
    sheet.addRow(['Member No', 'Name', 'Identity Number']);
    sheet.addRow(['U-3', fresh[2]!.name, fresh[2]!.number]);
    sheet.addRow(['U-1', fresh[0]!.name, fresh[0]!.number]);
    const body = Buffer.from(await workbook.xlsx.writeBuffer());
    const res = await upload(who('SOCIETY', society), body, { societyId: String(society), validFrom: '2026-03-01', format: 'xlsx' }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.status).toBe(200);
    const report = new ExcelJS.Workbook();
    await report.xlsx.load(res.body as unknown as ArrayBuffer);
    const rows: unknown[][] = [];
    report.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows[0]).toEqual(['行号（row）', '会员编号（societyMemberNo）', '结果（outcome）', '结果说明（outcome, Chinese）', '关联编号（linkId）', '说明（problem）']);
    expect(rows.slice(1).map((r) => [r[0], r[1], r[2]])).toEqual([[2, 'U-3', 'MATCHED'], [3, 'U-1', 'ALREADY_LINKED']]);
  });

  it('refuses a file with a malformed row in its second part, naming the row of the sheet, and links nothing', async () => {
    const lines = fresh.slice(10, 1110).map((p, i) => `V-${i},${p.name},${i === 1050 ? p.number.slice(0, 17) : p.number}`);
    const before = await snapshot(t.database.db, PEOPLE_TABLES);
    const res = await upload(who('SOCIETY', society), ['会员编号,姓名,身份证号码', ...lines].join('\n'), { societyId: String(society), validFrom: '2026-03-01' });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].extensions).toEqual({ code: 'INVALID_ARGUMENT', rows: [{ row: 1052, problem: expect.stringMatching(/identityNumber: .*17 characters/) }] });
    expect(res.body.errors[0].message).toMatch(/未做任何关联.*nothing was linked/);
    expect(await snapshot(t.database.db, PEOPLE_TABLES)).toEqual(before);
  });

  it('says which headings it expected, and refuses callers who may not link for the society', async () => {
    const missing = await upload(who('SOCIETY', society), 'no,name\n1,张三\n', { societyId: String(society), validFrom: '2026-03-01' });
    expect(missing.status).toBe(400);
    expect(missing.body.errors[0]).toMatchObject({ message: expect.stringMatching(/会员编号 \(societyMemberNo\).*身份证号 \(identityNumber\)/), extensions: { code: 'BAD_USER_INPUT' } });
    const csv = `会员编号,姓名,身份证号\nW-1,${fresh[3]!.name},${fresh[3]!.number}\n`;
    expect((await upload(null, csv, { societyId: String(society), validFrom: '2026-03-01' })).status).toBe(401);
    const other = await upload(who('SOCIETY', otherSociety), csv, { societyId: String(society), validFrom: '2026-03-01' });
    expect(other.status).toBe(403);
    expect(other.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });
});
