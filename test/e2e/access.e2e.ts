// Who may see and change what, through the real gateway: authentication, the roles and their scopes, personal
// data, and requests that try to go around the gateway.
import { type Identity, INTERNAL_HEADER, loadConfig, signInternalIdentity, signUserToken } from '@cq/service-kit';
import { queryRows } from '@cq/db';
import { sql } from 'drizzle-orm';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { OWNER_TABLES, snapshot } from '../helpers/refusal.ts';

let t: TestGraph;
const SHAPINGBA = 7; // district association of 500106
let inside: number; // an active association approved by 沙坪坝区
let outside: number; // one approved by another district
let insider: number; // a person who is a member of `inside`
let outsider: number; // a person who is a member of `outside` only
let society: number;
let linked: number; // a person linked to `society`

const who = (role: Identity['role'], organisationId: number | null = null): Identity => ({ subject: `test.${role.toLowerCase()}`, role, organisationId });

beforeAll(async () => {
  t = await startTestGraph();
  const pick = async (query: ReturnType<typeof sql>) => (await queryRows<{ id: number }>(t.database.db, query))[0]!.id;
  inside = await pick(sql`select o.id from org.organisations o join org.relationships r on r.from_id = o.id and r.kind = 'APPROVAL' and r.valid_to is null
                          where r.to_id = ${SHAPINGBA} and o.kind = 'ENTERPRISE_ASSOCIATION' and exists (select 1 from people.memberships m where m.organisation_id = o.id) order by o.id limit 1`);
  outside = await pick(sql`select o.id from org.organisations o join org.relationships r on r.from_id = o.id and r.kind = 'APPROVAL' and r.valid_to is null
                           where r.to_id = 2 and o.kind = 'ENTERPRISE_ASSOCIATION' and exists (select 1 from people.memberships m where m.organisation_id = o.id) order by o.id limit 1`);
  insider = await pick(sql`select person_id as id from people.memberships where organisation_id = ${inside} order by id limit 1`);
  outsider = await pick(sql`select m.person_id as id from people.memberships m where m.organisation_id = ${outside}
                            and not exists (select 1 from people.memberships x where x.person_id = m.person_id and x.organisation_id <> ${outside})
                            and not exists (select 1 from people.posts p where p.person_id = m.person_id and p.organisation_id <> ${outside}) order by m.id limit 1`);
  const link = (await queryRows<{ society: number; person: number }>(t.database.db, sql`select society_id as society, person_id as person from people.society_links where status = 'CONFIRMED' order by id limit 1`))[0]!;
  society = link.society;
  linked = link.person;
});
afterAll(() => t?.close());

describe('Authentication at the gateway', () => {
  it('answers 401 to a token that does not verify, has expired or is not a bearer token', async () => {
    const { secret } = loadConfig().auth;
    const expired = await new SignJWT({ role: 'ANALYST' }).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime(Math.floor(Date.now() / 1000) - 60).sign(new TextEncoder().encode(secret));
    const forged = await signUserToken(who('MUNICIPAL_STAFF'), 'a-different-secret-of-at-least-thirty-two-chars');
    const body = { query: '{ districts { code } }' };
    for (const [header, message] of [
      [`Bearer ${expired}`, /expired/],
      [`Bearer ${forged}`, /do not verify/],
      ['Basic dXNlcjpwYXNz', /Bearer <token>/],
    ] as const) {
      const res = await t.post(body, { authorization: header });
      expect(res.status).toBe(401);
      expect(res.body.errors[0]).toMatchObject({ message: expect.stringMatching(message), extensions: { code: 'UNAUTHENTICATED' } });
    }
  });

  it('refuses a token with an unknown role, or a scoped role without its organisation', async () => {
    const { secret } = loadConfig().auth;
    const sign = (claims: Record<string, unknown>) => new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setSubject('x').setExpirationTime('1h').sign(new TextEncoder().encode(secret));
    expect((await t.post({ query: '{ districts { code } }' }, { authorization: `Bearer ${await sign({ role: 'ADMIN' })}` })).status).toBe(401);
    expect((await t.post({ query: '{ districts { code } }' }, { authorization: `Bearer ${await sign({ role: 'DISTRICT_STAFF' })}` })).status).toBe(401);
  });

  it('lets subgraphs refuse requests that did not come through the gateway', async () => {
    const url = t.graph.subgraphs.people.url;
    const query = { query: `{ person(id: "${insider}") { nameZh } }` };
    const bare = await t.post(query, {}, url);
    expect(bare.status).toBe(401);
    expect(bare.body.errors[0].message).toMatch(/must come through the gateway/);
    const forged = await signInternalIdentity(who('MUNICIPAL_STAFF'), 'a-different-secret-of-at-least-thirty-two-chars', 'people');
    expect((await t.post(query, { [INTERNAL_HEADER]: forged }, url)).status).toBe(401);
    // The right secret, but addressed to another subgraph (a partner's, say): not replayable here.
    const elsewhere = await signInternalIdentity(who('MUNICIPAL_STAFF'), loadConfig().auth.internalSecret, 'society');
    expect((await t.post(query, { [INTERNAL_HEADER]: elsewhere }, url)).status).toBe(401);
    // The right secret and audience, but living 12 hours, or issued more than a minute ago: refused.
    const claims = { role: 'MUNICIPAL_STAFF', iss: 'cq-gateway', aud: 'cq-subgraph:people', sub: 'forger' };
    const secret = new TextEncoder().encode(loadConfig().auth.internalSecret);
    const longLived = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt().setExpirationTime('12h').sign(secret);
    const stale = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuedAt(Math.floor(Date.now() / 1000) - 120).setExpirationTime('1h').sign(secret);
    for (const token of [longLived, stale]) expect((await t.post(query, { [INTERNAL_HEADER]: token }, url)).status).toBe(401);
    // A token as the gateway signs it goes through.
    const genuine = await signInternalIdentity(who('MUNICIPAL_STAFF'), loadConfig().auth.internalSecret, 'people');
    expect((await t.post(query, { [INTERNAL_HEADER]: genuine }, url)).status).toBe(200);
    // A user's own token is not the gateway's word either.
    const userToken = await signUserToken(who('MUNICIPAL_STAFF'), loadConfig().auth.secret);
    expect((await t.post(query, { [INTERNAL_HEADER]: userToken }, url)).status).toBe(401);
  });
});

describe('Roles and scopes', () => {
  const codeOf = (res: any) => res.errors?.[0]?.extensions?.code ?? 'OK';

  it('gives every caller the public directory', async () => {
    for (const identity of [null, who('ANALYST'), who('DISTRICT_STAFF', SHAPINGBA), who('SECRETARIAT', inside), who('SOCIETY', society), who('MUNICIPAL_STAFF')]) {
      const d = expectData(await t.queryAs(identity, `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 2) { totalCount edges { node { nameZh level status district { nameZh } } } } }`));
      expect(d.organisations.totalCount).toBe(41);
    }
  });

  it('shows an association’s records and members only to those who may see it in full', async () => {
    const records = (id: number) => `{ organisation(id: "${id}") { events(first: 1) { totalCount } } }`;
    const members = (id: number) => `{ organisation(id: "${id}") { members(first: 1) { totalCount } } }`;
    const secretariat = who('SECRETARIAT', inside);
    const cases: [Identity | null, number, string, string][] = [
      [null, inside, 'UNAUTHENTICATED', 'UNAUTHENTICATED'],
      [who('ANALYST'), inside, 'FORBIDDEN', 'FORBIDDEN'],
      [who('DISTRICT_STAFF', SHAPINGBA), inside, 'OK', 'OK'],
      [who('DISTRICT_STAFF', SHAPINGBA), outside, 'FORBIDDEN', 'FORBIDDEN'],
      [secretariat, inside, 'OK', 'OK'],
      [secretariat, outside, 'FORBIDDEN', 'FORBIDDEN'],
      [who('SOCIETY', society), inside, 'FORBIDDEN', 'FORBIDDEN'],
      [who('MUNICIPAL_STAFF'), outside, 'OK', 'OK'],
    ];
    for (const [identity, id, recordCode, memberCode] of cases) {
      expect([identity?.role, id, codeOf(await t.queryAs(identity, records(id)))]).toEqual([identity?.role, id, recordCode]);
      expect([identity?.role, id, codeOf(await t.queryAs(identity, members(id)))]).toEqual([identity?.role, id, memberCode]);
    }
  });

  it('gives analysts structure and aggregates, never personal data', async () => {
    const analyst = who('ANALYST');
    const d = expectData(await t.queryAs(analyst, `{ organisation(id: "1") { memberCount(includeDescendants: true) relationships(direction: DOWN) { kind } descendants(first: 1) { totalCount } } }`));
    expect(d.organisation.memberCount).toBeGreaterThan(0);
    expect(codeOf(await t.queryAs(analyst, `{ persons(first: 5) { edges { node { nameZh } } } }`))).toBe('FORBIDDEN');
    const res = await t.queryAs(analyst, `{ person(id: "${insider}") { id nameZh contact { phone } } }`);
    expect(res.data?.person).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('answers person(id) for someone the caller may not see exactly as for an id that names nobody', async () => {
    const [{ max }] = (await queryRows<{ max: number }>(t.database.db, sql`select max(id)::int as max from people.persons`)) as [{ max: number }];
    const ask = (identity: Identity | null, id: number) => t.queryAs(identity, `{ person(id: "${id}") { id nameZh } }`);
    const shape = (res: any) => ({ data: res.data, errors: res.errors?.map((e: any) => ({ ...e, message: e.message.replace(/"\d+"/, '"…"'), extensions: { ...e.extensions, id: '…' } })) });
    for (const identity of [null, who('ANALYST'), who('DISTRICT_STAFF', SHAPINGBA), who('SOCIETY', society)]) {
      const existing = identity?.role === 'DISTRICT_STAFF' ? outsider : insider === linked ? outsider : insider;
      expect(shape(await ask(identity, existing)), identity?.role ?? 'anonymous').toEqual(shape(await ask(identity, max + 1000)));
    }
  });

  it('matches a person search only against persons the caller may see: a filter confirms nothing about anyone else', async () => {
    const [{ name }] = (await queryRows<{ name: string }>(t.database.db, sql`select name_zh as name from people.persons where id = ${outsider}`)) as [{ name: string }];
    const search = `query ($name: String!) { persons(filter: { nameContains: $name }, first: 100) { totalCount edges { node { id } } } }`;
    const municipal = expectData(await t.query(search, { name }));
    expect(municipal.persons.edges.map((e: any) => Number(e.node.id))).toContain(outsider);
    for (const identity of [who('DISTRICT_STAFF', SHAPINGBA), who('SECRETARIAT', inside)]) {
      const found = expectData(await t.queryAs(identity, search, { name }));
      expect(found.persons.edges.map((e: any) => Number(e.node.id))).not.toContain(outsider);
      expect(found.persons.totalCount).toBe(found.persons.edges.length);
    }
    const [{ own }] = (await queryRows<{ own: string }>(t.database.db, sql`select name_zh as own from people.persons where id = ${insider}`)) as [{ own: string }];
    const mine = expectData(await t.queryAs(who('SECRETARIAT', inside), search, { name: own }));
    expect(mine.persons.edges.map((e: any) => Number(e.node.id))).toContain(insider);
  });

  it('shows personal data to district staff for their district’s people only, with zero leaks elsewhere', async () => {
    const staff = who('DISTRICT_STAFF', SHAPINGBA);
    const q = (id: number) => `{ person(id: "${id}") { nameZh titles contact { email phone } } }`;
    const mine = expectData(await t.queryAs(staff, q(insider)));
    const [row] = await queryRows<{ name: string; email: string }>(t.database.db, sql`select name_zh as name, email from people.persons where id = ${insider}`);
    expect(mine.person).toMatchObject({ nameZh: row!.name, contact: { email: row!.email } });
    const theirs = await t.queryAs(staff, q(outsider));
    expect(theirs.data?.person).toBeNull();
    expect(theirs.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(JSON.stringify(theirs)).not.toContain('@example.cn');
  });

  it('shows a partner society the public profile of the persons it linked, and no contact details', async () => {
    const partner = who('SOCIETY', society);
    const res = await t.queryAs(partner, `{ person(id: "${linked}") { nameZh titles contact { email } } }`);
    expect(res.data?.person.nameZh).toEqual(expect.any(String));
    expect(res.data?.person.contact).toBeNull();
    expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['PERSONAL_DATA_WITHHELD']);
    expect(codeOf(await t.queryAs(partner, `{ organisation(id: "${society}") { linkedMembers(first: 1) { totalCount } } }`))).toBe('OK');
    const unlinked = await t.queryAs(partner, `{ person(id: "${insider === linked ? outsider : insider}") { nameZh } }`);
    expect(unlinked.data?.person).toBeNull();
    expect(unlinked.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });

  it('lets each role change only what is theirs', async () => {
    const rectify = (by: number, org: number) =>
      `mutation { orderRectification(input: {organisationId: "${org}", by: "${by}", on: "2026-05-01", deadline: "2026-06-30", reason: "测试"}) { id } }`;
    expect(codeOf(await t.queryAs(null, rectify(SHAPINGBA, inside)))).toBe('UNAUTHENTICATED');
    expect(codeOf(await t.queryAs(who('ANALYST'), rectify(SHAPINGBA, inside)))).toBe('FORBIDDEN');
    expect(codeOf(await t.queryAs(who('SECRETARIAT', inside), rectify(SHAPINGBA, inside)))).toBe('FORBIDDEN');
    expect(codeOf(await t.queryAs(who('DISTRICT_STAFF', 2), rectify(SHAPINGBA, inside)))).toBe('FORBIDDEN');
    expect(codeOf(await t.queryAs(who('DISTRICT_STAFF', SHAPINGBA), rectify(SHAPINGBA, inside)))).toBe('OK');

    const register = `mutation { registerPerson(input: {nameZh: "新会员", category: MANAGER}) { id } }`;
    const apply = (p: string, org: number) => `mutation { applyForMembership(input: {personId: "${p}", organisationId: "${org}"}) { id } }`;
    const secretariat = who('SECRETARIAT', inside);
    const p = expectData(await t.queryAs(secretariat, register)).registerPerson.id;
    expect(codeOf(await t.queryAs(secretariat, apply(p, inside)))).toBe('OK');
    expect(codeOf(await t.queryAs(secretariat, apply(p, outside)))).toBe('FORBIDDEN');
    expect(codeOf(await t.queryAs(who('SOCIETY', society), register))).toBe('FORBIDDEN');
  });

  it('records the caller as the actor of what it changed', async () => {
    const staff = who('DISTRICT_STAFF', SHAPINGBA);
    expectData(await t.queryAs(staff, `mutation { orderRectification(input: {organisationId: "${inside}", by: "${SHAPINGBA}", on: "2026-07-01", deadline: "2026-08-30", reason: "测试"}) { id } }`));
    const d = expectData(await t.query(`{ organisation(id: "${inside}") { events(first: 1) { edges { node { kind actor } } } } }`));
    expect(d.organisation.events.edges[0].node).toEqual({ kind: 'RECTIFICATION_ORDERED', actor: 'district_staff:test.district_staff' });
  });
});

describe('Audit trail', () => {
  it('records every mutation, refused ones included, and shows it to municipal staff and in scope to district staff', async () => {
    const staff = who('DISTRICT_STAFF', SHAPINGBA);
    const rectify = (by: number, org: number) =>
      `mutation { orderRectification(input: {organisationId: "${org}", by: "${by}", on: "2026-09-01", deadline: "2026-10-30", reason: "审计测试"}) { id } }`;
    expectData(await t.queryAs(staff, rectify(SHAPINGBA, inside)));
    await t.queryAs(staff, rectify(2, outside)); // refused: outside the district
    await t.queryAs(who('SECRETARIAT', inside), `mutation { registerPerson(input: {nameZh: "审计", category: MANAGER}) { id } }`);

    const trail = expectData(await t.query(`{ auditRecords(first: 10) { edges { node { service actor role operation outcome target { id } } } } }`));
    const records = trail.auditRecords.edges.map((e: any) => e.node);
    expect(records.slice(0, 3)).toEqual([
      { service: 'people', actor: 'secretariat:test.secretariat', role: 'SECRETARIAT', operation: 'registerPerson', outcome: 'OK', target: null },
      { service: 'organisations', actor: 'district_staff:test.district_staff', role: 'DISTRICT_STAFF', operation: 'orderRectification', outcome: 'FORBIDDEN', target: { id: String(outside) } },
      { service: 'organisations', actor: 'district_staff:test.district_staff', role: 'DISTRICT_STAFF', operation: 'orderRectification', outcome: 'OK', target: { id: String(inside) } },
    ]);

    // A sanction's record names the sanctioned association, so its trail shows what was done to it.
    const own = expectData(await t.queryAs(staff, `{ auditRecords(organisationId: "${inside}") { edges { node { operation outcome } } } }`));
    expect(own.auditRecords.edges.map((e: any) => e.node)).toContainEqual({ operation: 'orderRectification', outcome: 'OK' });
    expect((await t.queryAs(staff, `{ auditRecords(organisationId: "2") { edges { node { id } } } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.queryAs(staff, `{ auditRecords { edges { node { id } } } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await t.queryAs(who('ANALYST'), `{ auditRecords { edges { node { id } } } }`)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('Audit records and transactions', () => {
  const recordsOf = (actor: string) =>
    queryRows<{ operation: string; outcome: string; target: number | null }>(
      t.database.db,
      sql`select operation, outcome, target_organisation_id as target from audit.records where actor = ${actor} order by id`,
    );

  it('writes a change and its audit record in one transaction: when the record cannot be written, the change rolls back', async () => {
    const actor = who('SECRETARIAT', inside);
    const failing = { ...actor, subject: 'test.audit-fails' };
    await t.database.db.execute(sql.raw(`alter table audit.records add constraint test_refuse_ok check (not (actor = 'secretariat:test.audit-fails' and outcome = 'OK'))`));
    try {
      const res = await t.queryAs(failing, `mutation { registerPerson(input: {nameZh: "审计失败者", category: MANAGER}) { id } }`);
      expect(res.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    } finally {
      await t.database.db.execute(sql.raw(`alter table audit.records drop constraint test_refuse_ok`));
    }
    expect(await queryRows(t.database.db, sql`select id from people.persons where name_zh = '审计失败者'`)).toEqual([]);
    expect(await recordsOf('secretariat:test.audit-fails')).toEqual([{ operation: 'registerPerson', outcome: 'INTERNAL_SERVER_ERROR', target: null }]);
  });

  it('gives each field of a mutation its own record and target; a refused field leaves the fields before it committed', async () => {
    const actor = { ...who('SECRETARIAT', inside), subject: 'test.two-fields' };
    const res = await t.queryAs(
      actor,
      `mutation { first: registerPerson(input: {nameZh: "两段变更", category: MANAGER}) { id }
                  second: applyForMembership(input: {personId: "${outsider}", organisationId: "${outside}"}) { id } }`,
    );
    expect(res.errors?.map((e) => [e.path?.[0], e.extensions?.code])).toEqual([['second', 'FORBIDDEN']]);
    expect(await queryRows(t.database.db, sql`select id from people.persons where name_zh = '两段变更'`)).toHaveLength(1);
    expect(await recordsOf('secretariat:test.two-fields')).toEqual([
      { operation: 'registerPerson', outcome: 'OK', target: null },
      { operation: 'applyForMembership', outcome: 'FORBIDDEN', target: outside },
    ]);
  });
});

/** Runs `request` and checks that none of the organisations subgraph's tables changed. */
async function expectRowsUnchanged<T>(request: () => Promise<T>): Promise<T> {
  const before = await snapshot(t.database.db, OWNER_TABLES.organisations);
  const result = await request();
  expect(await snapshot(t.database.db, OWNER_TABLES.organisations)).toEqual(before);
  return result;
}

describe('Structural links (R3.liaison)', () => {
  it("leaves a district association's guidance link to the municipal association to municipal staff, not the district's own", async () => {
    const [guidance] = await queryRows<{ id: number }>(t.database.db, sql`select id from org.relationships where from_id = ${SHAPINGBA} and kind = 'GUIDANCE' and valid_to is null`);
    const end = `mutation { endRelationship(input: {relationshipId: "${guidance!.id}", on: "2026-10-01"}) { id } }`;
    const before = await expectRowsUnchanged(() => t.queryAs(who('DISTRICT_STAFF', SHAPINGBA), end));
    expect(before.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('Refusals never wipe an answer', () => {
  // The README's first example: structure, counts, members and activities in one request.
  const readme = `{ organisations(filter: { kinds: [DISTRICT_ASSOCIATION] }, first: 3) { totalCount edges { node { id nameZh
    children(first: 2) { totalCount edges { node { nameZh level memberCount members(first: 3) { edges { node { person { nameZh category } validFrom } } }
      activities(first: 1) { edges { node { title kind startsOn } } } awards { id } } } } } } } }`;

  it('gives an analyst the structure and the counts, and a FORBIDDEN error (not data: null, not []) for each detail list', async () => {
    const res = await t.queryAs(who('ANALYST'), readme);
    expect(res.data?.organisations.edges).toHaveLength(3);
    const children = res.data!.organisations.edges.flatMap((e: any) => e.node.children.edges.map((c: any) => c.node));
    expect(children.length).toBeGreaterThan(0);
    for (const c of children) {
      expect(c.memberCount).toEqual(expect.any(Number));
      expect(c.members).toBeNull();
      expect(c.awards).toBeNull();
    }
    const refused = new Set(res.errors!.map((e) => `${String(e.path?.at(-1))}:${e.extensions?.code}`));
    expect([...refused].sort()).toEqual(['awards:FORBIDDEN', 'members:FORBIDDEN']);
  });

  it("gives district staff their own district's members and a FORBIDDEN for the others', with everything else answered", async () => {
    const res = await t.queryAs(who('DISTRICT_STAFF', SHAPINGBA), readme.replace('first: 3) {', 'first: 41) {'));
    const districts = res.data!.organisations.edges as any[];
    const own = districts.find((e) => e.node.id === String(SHAPINGBA))!.node.children.edges.map((c: any) => c.node);
    const other = districts.find((e) => e.node.id !== String(SHAPINGBA) && e.node.children.edges.length)!.node.children.edges.map((c: any) => c.node);
    for (const c of own) expect(c.members).not.toBeNull();
    for (const c of other) expect(c.members).toBeNull();
    expect(res.errors?.every((e) => e.extensions?.code === 'FORBIDDEN')).toBe(true);
  });
});

describe('Audit targets', () => {
  it('names the association decided on, not the deciding body, for approvals and accepted rectifications', async () => {
    const actor = { ...who('MUNICIPAL_STAFF'), subject: 'test.deciding' };
    const pending = (
      await queryRows<{ id: number; organisation: number; by: number; on: string }>(
        t.database.db,
        sql`select a.id, a.organisation_id as organisation, a.applied_to_id as by, a.submitted_on::text as on from org.applications a
            join org.organisations o on o.id = a.organisation_id where o.status = 'APPLIED' order by a.id limit 1`,
      )
    )[0]!;
    expectData(await t.queryAs(actor, `mutation { approveApplication(input: {applicationId: "${pending.id}", by: "${pending.by}", on: "${pending.on}", documentNo: "审计-1"}) { id } }`));
    const rectification = expectData(
      await t.queryAs(actor, `mutation { orderRectification(input: {organisationId: "${inside}", by: "${SHAPINGBA}", on: "2026-09-02", deadline: "2026-10-30", reason: "审计对象"}) { id } }`),
    ).orderRectification.id as string;
    expectData(await t.queryAs(actor, `mutation { completeRectification(input: {sanctionId: "${rectification}", by: "${SHAPINGBA}", on: "2026-10-01"}) { id } }`));
    const records = await queryRows<{ operation: string; target: number }>(
      t.database.db,
      sql`select operation, target_organisation_id as target from audit.records where actor = 'municipal_staff:test.deciding' order by id`,
    );
    expect(records).toEqual([
      { operation: 'approveApplication', target: pending.organisation },
      { operation: 'orderRectification', target: inside },
      { operation: 'completeRectification', target: inside },
    ]);
  });
});

describe('Roles and scopes in activities', () => {
  const codeOf = (res: any) => res.errors?.[0]?.extensions?.code ?? 'OK';
  const record = (org: number) =>
    `mutation { recordActivity(input: {kind: SCIENCE_POPULARISATION, title: "科普进社区", startsOn: "2026-05-01", endsOn: "2026-05-01", organiserIds: ["${org}"]}) { id } }`;

  it('lets an association’s own secretariat and its district record activities, and nobody else', async () => {
    expect(codeOf(await t.queryAs(who('SECRETARIAT', inside), record(inside)))).toBe('OK');
    expect(codeOf(await t.queryAs(who('SECRETARIAT', inside), record(outside)))).toBe('FORBIDDEN');
    expect(codeOf(await t.queryAs(who('DISTRICT_STAFF', SHAPINGBA), record(inside)))).toBe('OK');
    expect(codeOf(await t.queryAs(who('ANALYST'), record(inside)))).toBe('FORBIDDEN');
    expect(codeOf(await t.queryAs(null, record(inside)))).toBe('UNAUTHENTICATED');
  });

  it('gives analysts the roll-ups and everyone the public activity directory', async () => {
    expect(codeOf(await t.queryAs(who('ANALYST'), `{ organisation(id: "1") { activityStats(includeDescendants: true) { kind count } } }`))).toBe('OK');
    expect(codeOf(await t.queryAs(null, `{ activities(first: 3) { totalCount edges { node { title organisers { nameZh } } } } }`))).toBe('OK');
    expect(codeOf(await t.queryAs(null, `{ organisation(id: "${inside}") { evaluations { grade } } }`))).toBe('UNAUTHENTICATED');
  });

  it('shows district staff a person’s participations only in activities of their district', async () => {
    const [row] = await queryRows<{ person: number; org: number }>(
      t.database.db,
      sql`select p.person_id as person, min(ao.organisation_id) as org from activities.participations p
          join activities.activity_organisers ao on ao.activity_id = p.activity_id
          where ao.organisation_id = ${outside} group by 1 limit 1`,
    );
    const staff = who('DISTRICT_STAFF', SHAPINGBA);
    const d = await t.queryAs(staff, `{ person(id: "${row!.person}") { participations { activity { organisers { id } } } } }`);
    const organisers = (d.data?.person?.participations ?? []).flatMap((p: any) => p.activity.organisers.map((o: any) => Number(o.id)));
    expect(organisers).not.toContain(outside);
  });
});
