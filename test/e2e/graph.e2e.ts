// The foundation through the real gateway over the three real subgraphs and a real database: one query that spans
// all three, checked against what the database itself says.
import { queryRows } from '@cq/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

describe('Gateway: one query across organisations, people and activities', () => {
  it('answers a district, its first associations, their members and activities, matching the database', async () => {
    const data = expectData(
      await t.query(`{
        organisation(id: "2") {
          id nameZh kind status district { code nameZh }
          children(first: 3, asOf: "2026-01-01") {
            totalCount
            edges { node { id kind level memberCount(asOf: "2026-01-01") members(first: 2, asOf: "2026-01-01") { totalCount edges { node { person { id nameZh } } } }
                           activities(first: 1) { totalCount edges { node { id organisers { id } } } } } }
          }
        }
      }`),
    );
    const o = data.organisation;
    expect(o).toMatchObject({ id: '2', nameZh: '万州区科学技术协会', kind: 'DISTRICT_ASSOCIATION', status: 'ACTIVE', district: { code: '500101', nameZh: '万州区' } });

    const expectedChildren = await queryRows<{ id: number }>(
      t.database.db,
      sql`select distinct from_id as id from org.relationships where to_id = 2 and kind in ('GUIDANCE', 'APPROVAL')
          and valid_from <= '2026-01-01' and (valid_to is null or valid_to > '2026-01-01') order by 1`,
    );
    expect(o.children.totalCount).toBe(expectedChildren.length);
    expect(o.children.edges.map((e: any) => Number(e.node.id))).toEqual(expectedChildren.slice(0, 3).map((r) => r.id));

    for (const { node } of o.children.edges) {
      const [members] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from people.memberships where organisation_id = ${Number(node.id)}
            and valid_from <= '2026-01-01' and (valid_to is null or valid_to > '2026-01-01')`,
      );
      expect(node.memberCount).toBe(members!.n);
      expect(node.members.totalCount).toBe(members!.n);
      expect(node.members.edges.length).toBe(Math.min(2, members!.n));
      const [activities] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from activities.activity_organisers where organisation_id = ${Number(node.id)}`,
      );
      expect(node.activities.totalCount).toBe(activities!.n);
      for (const a of node.activities.edges) expect(a.node.organisers.map((x: any) => x.id)).toContain(node.id);
    }
  });

  it('resolves organisations referenced from the people subgraph back through the organisations subgraph', async () => {
    const data = expectData(
      await t.query(`{ person(id: "5") { id memberships { edges { node { person { id } organisation { id nameZh kind } } } } } }`),
    );
    const expected = await queryRows<{ id: number; name: string }>(
      t.database.db,
      sql`select o.id, o.name_zh as name from people.memberships m join org.organisations o on o.id = m.organisation_id
          where m.person_id = 5 order by m.id desc`,
    );
    expect(data.person.memberships.edges.map((e: any) => [e.node.person.id, e.node.organisation.id, e.node.organisation.nameZh])).toEqual(
      expected.map((r) => ['5', String(r.id), r.name]),
    );
  });
});

describe('Organisations: search and pagination', () => {
  it('filters by kind and district and walks every page exactly once', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = -1;
    for (let pageNo = 0; pageNo < 50; pageNo++) {
      const data: any = expectData(
        await t.query(
          `query ($after: String) { organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION, WORKSTATION], districtCodes: ["500101", "500105"]}, first: 2, after: $after) {
              totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind district { code } } } } }`,
          { after },
        ),
      );
      const c = data.organisations;
      total = c.totalCount;
      for (const e of c.edges) {
        expect(['ENTERPRISE_ASSOCIATION', 'WORKSTATION']).toContain(e.node.kind);
        expect(['500101', '500105']).toContain(e.node.district.code);
        seen.push(e.node.id);
      }
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    const [expected] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from org.organisations where kind in ('ENTERPRISE_ASSOCIATION', 'WORKSTATION') and district_code in ('500101', '500105')`,
    );
    expect(total).toBe(expected!.n);
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect(seen.map(Number)).toEqual([...seen.map(Number)].sort((a, b) => a - b));
  });

  it('finds organisations by a fragment of the Chinese name', async () => {
    const data = expectData(await t.query(`{ organisations(filter: {nameContains: "沙坪坝区科学"}) { totalCount edges { node { nameZh } } } }`));
    expect(data.organisations).toEqual({ totalCount: 1, edges: [{ node: { nameZh: '沙坪坝区科学技术协会' } }] });
  });

  it('lists the 41 districts with their associations and approval modes', async () => {
    const data = expectData(await t.query(`{ districts { code nameZh approvalMode association { kind nameZh } } }`));
    expect(data.districts).toHaveLength(41);
    expect(data.districts.find((d: any) => d.code === 'LJXQ')).toEqual({
      code: 'LJXQ',
      nameZh: '两江新区',
      approvalMode: 'FILING',
      association: { kind: 'DISTRICT_ASSOCIATION', nameZh: '两江新区科学技术协会' },
    });
  });

  it('answers structure as of a date: a transferred association moves between districts on its transfer day (R3.transfer)', async () => {
    const [moved] = await queryRows<{ id: number; old_parent: number; new_parent: number }>(
      t.database.db,
      sql`select a.from_id as id, a.to_id as old_parent, b.to_id as new_parent from org.relationships a
          join org.relationships b on b.from_id = a.from_id and b.kind = 'APPROVAL' and b.valid_from = a.valid_to
          where a.kind = 'APPROVAL' and a.valid_to = '2024-06-30' limit 1`,
    );
    expect(moved).toBeDefined();
    const childrenOf = async (parent: number, asOf: string) => {
      const data = expectData(
        await t.query(`query ($id: ID!, $asOf: Date) { organisation(id: $id) { children(asOf: $asOf, first: 100) { edges { node { id } } } } }`, {
          id: String(parent),
          asOf,
        }),
      );
      return data.organisation.children.edges.map((e: any) => Number(e.node.id));
    };
    expect(await childrenOf(moved!.old_parent, '2024-06-29')).toContain(moved!.id);
    expect(await childrenOf(moved!.new_parent, '2024-06-29')).not.toContain(moved!.id);
    expect(await childrenOf(moved!.old_parent, '2024-06-30')).not.toContain(moved!.id);
    expect(await childrenOf(moved!.new_parent, '2024-06-30')).toContain(moved!.id);
  });
});

describe('Bad input gets a typed error and never a crash', () => {
  it.each([
    ['an unknown organisation id', `{ organisation(id: "999999") { id } }`, 'NOT_FOUND', /No Organisation has id "999999"/],
    ['an unknown person id', `{ person(id: "999999") { id } }`, 'NOT_FOUND', /No Person has id "999999"/],
    ['an unknown activity id', `{ activity(id: "999999") { id } }`, 'NOT_FOUND', /No Activity has id "999999"/],
    ['a malformed id', `{ organisation(id: "abc") { id } }`, 'INVALID_ID', /positive whole number.*received "abc"/],
    ['a malformed cursor', `{ organisations(after: "not-a-cursor") { totalCount } }`, 'INVALID_CURSOR', /endCursor.*received "not-a-cursor"/],
    ['a cursor of another list', `{ activities(after: "WzFd") { totalCount } }`, 'INVALID_CURSOR', /received "WzFd"/],
    ['first above the maximum', `{ organisations(first: 500) { totalCount } }`, 'INVALID_PAGE_SIZE', /between 0 and 100, received 500/],
    ['a negative first', `{ persons(first: -1) { totalCount } }`, 'INVALID_PAGE_SIZE', /between 0 and 100, received -1/],
    ['an impossible date', `{ organisation(id: "2") { children(asOf: "2024-02-30") { totalCount } } }`, 'INVALID_DATE', /YYYY-MM-DD, received "2024-02-30"/],
    ['an impossible date in a variable', `query ($d: Date) { organisation(id: "2") { memberCount(asOf: $d) } }`, 'INVALID_DATE', /received "2024-13-01"/],
  ])('%s', async (_, query, code, message) => {
    const res = await t.query(query, { d: '2024-13-01' });
    expect(res.errors?.[0]?.extensions?.code).toBe(code);
    expect(res.errors?.[0]?.message).toMatch(message);
  });

  it('reports a bad page size on a nested list with the path of the field', async () => {
    const res = await t.query(`{ organisation(id: "2") { id members(first: 1000) { totalCount } } }`);
    expect(res.data).toEqual({ organisation: { id: '2', members: null } }); // the rest of the answer stands
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]).toMatchObject({ path: ['organisation', 'members'], extensions: { code: 'INVALID_PAGE_SIZE' } });
  });
});

describe('Health and readiness', () => {
  it('answers /health and /ready on the gateway and every subgraph', async () => {
    for (const url of [t.url, ...Object.values(t.graph.subgraphs).map((s) => s.url)]) {
      expect(await (await fetch(new URL('/health', url))).json()).toEqual({ status: 'ok' });
      expect(await (await fetch(new URL('/ready', url))).json()).toEqual({ status: 'ready' });
    }
  });
});
