// The gateway's answer cache (gateway/src/cache.ts, docs/dashboards.md): aggregates and the directory's reads carry
// cache hints, a repeated query of them is answered without SQL, entries are kept apart by the caller's scope, and a
// mutation through the gateway drops them. Personal data is never cached.
import type { Listening } from '@cq/service-kit';
import { type Identity, loadConfig, signUserToken } from '@cq/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startGatewayOver, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { APPLY, applyInput, registerEnterprise } from '../helpers/org.ts';

let t: TestGraph;
let cached: Listening;
beforeAll(async () => {
  t = await startTestGraph();
  cached = await startGatewayOver(t.graph, { cache: { maxAgeSeconds: 60 } });
});
afterAll(async () => {
  await cached?.close();
  await t?.close();
});

const ANALYST: Identity = { subject: 'test.analyst', role: 'ANALYST', organisationId: null };
const OTHER_ANALYST: Identity = { subject: 'test.analyst.2', role: 'ANALYST', organisationId: null };
const DISTRICT_STAFF: Identity = { subject: 'test.district', role: 'DISTRICT_STAFF', organisationId: 7 };
const MUNICIPAL: Identity = { subject: 'test.municipal', role: 'MUNICIPAL_STAFF', organisationId: null };

const BY_STATUS = '{ organisationCounts(groupBy: [STATUS]) { status count } }';
const MEMBERS_BY_DISTRICT = '{ memberCounts(groupBy: [DISTRICT]) { district { id nameZh } count } }';

/** One request to the caching gateway: its answer, its Cache-Control header and the SQL statements it caused. */
async function ask(identity: Identity, query: string, variables?: Record<string, unknown>, headers: Record<string, string> = {}) {
  const token = await signUserToken(identity, loadConfig().auth.secret);
  const { result, statements } = await t.countStatements(async () => {
    const res = await fetch(cached.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
    return { cacheControl: res.headers.get('cache-control'), age: res.headers.get('age'), body: (await res.json()) as { data?: any; errors?: unknown[] } };
  });
  return { ...result, statements };
}

/** Asks twice: the first answer is computed (SQL, the hint in Cache-Control), the second is the same from memory. */
async function expectCached(identity: Identity, query: string, maxAge: number) {
  const first = await ask(identity, query);
  expect(first.body.errors).toBeUndefined();
  expect(first.statements).toBeGreaterThan(0);
  expect(first.cacheControl).toBe(`max-age=${maxAge}, private`);
  const again = await ask(identity, query);
  expect(again.statements).toBe(0);
  expect(again.body).toEqual(first.body);
  return again;
}

describe('The answer cache', () => {
  it('answers a repeated aggregate from memory: the same answer, no SQL, with the hint in Cache-Control', async () => {
    const again = await expectCached(ANALYST, BY_STATUS, 60);
    expect(again.age).toMatch(/^\d+$/);
  });

  it('caches an aggregate whose districts come from another subgraph (the entity fetch carries a hint too)', async () => {
    const first = await ask(ANALYST, MEMBERS_BY_DISTRICT);
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.memberCounts.some((r: { district: { nameZh: string } | null }) => r.district?.nameZh)).toBe(true);
    expect(first.statements).toBeGreaterThan(1);
    expect((await ask(ANALYST, MEMBERS_BY_DISTRICT)).statements).toBe(0);
  });

  it('answers afresh a request that says Cache-Control: no-cache (refreshing the entry), or no-store (keeping nothing)', async () => {
    const query = '{ organisationCounts(groupBy: [KIND]) { kind count } }';
    await ask(ANALYST, query);
    const fresh = await ask(ANALYST, query, undefined, { 'cache-control': 'no-cache' });
    expect(fresh.statements).toBeGreaterThan(0);
    expect(fresh.age).toBeNull();
    const after = await ask(ANALYST, query);
    expect(after.statements).toBe(0);
    expect(after.body).toEqual(fresh.body);

    const unkept = '{ organisationCounts(groupBy: [LEVEL]) { level count } }';
    expect((await ask(ANALYST, unkept, undefined, { 'cache-control': 'no-store' })).statements).toBeGreaterThan(0);
    expect((await ask(ANALYST, unkept)).statements).toBeGreaterThan(0);
  });

  it('keeps scopes apart: every analyst shares one entry, district staff get their own', async () => {
    await ask(ANALYST, BY_STATUS);
    expect((await ask(OTHER_ANALYST, BY_STATUS)).statements).toBe(0);
    const district = await ask(DISTRICT_STAFF, BY_STATUS);
    expect(district.statements).toBeGreaterThan(0);
    expect((await ask(DISTRICT_STAFF, BY_STATUS)).statements).toBe(0);
  });

  it("caches the directory's reads for 10 s: an organisation with its district, a page of the list, paths", async () => {
    for (const query of [
      '{ organisation(id: "7") { nameZh kind district { nameZh } descendants(first: 3) { totalCount } } }',
      '{ organisations(first: 5) { totalCount edges { node { id nameZh } } } }',
      '{ paths(fromId: "7", toId: "1") { nodes { id } } }',
    ])
      await expectCached(ANALYST, query, 10);
  });

  it('caches a hinted field of an entity another subgraph owns (memberCount), but not its members', async () => {
    await expectCached(MUNICIPAL, '{ organisation(id: "7") { nameZh memberCount(includeDescendants: true) } }', 10);
    const members = '{ organisation(id: "7") { memberCount members(first: 2) { edges { node { person { nameZh } } } } } }';
    const withMembers = await ask(MUNICIPAL, members);
    expect(withMembers.body.errors).toBeUndefined();
    expect(withMembers.cacheControl).not.toContain('max-age');
    expect((await ask(MUNICIPAL, members)).statements).toBeGreaterThan(0);
  });

  it('does not cache personal data, anything beside it, nor an answer with errors', async () => {
    const persons = '{ persons(first: 5) { edges { node { id nameZh } } } }';
    const first = await ask(MUNICIPAL, persons);
    expect(first.body.errors).toBeUndefined();
    expect(first.cacheControl).not.toContain('max-age');
    expect((await ask(MUNICIPAL, persons)).statements).toBeGreaterThan(0);
    // A hinted aggregate beside an unhinted field: the whole answer is not cacheable.
    const mixed = `{ organisationCounts { count } persons(first: 1) { edges { node { nameZh } } } }`;
    await ask(MUNICIPAL, mixed);
    expect((await ask(MUNICIPAL, mixed)).statements).toBeGreaterThan(0);
    const refused = '{ memberCounts { count } }';
    const anonymous = await fetch(cached.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: refused }) });
    expect(((await anonymous.json()) as { errors?: unknown[] }).errors?.length).toBeGreaterThan(0);
  });

  it('serves a change made elsewhere only after the entry ages out, and drops every entry on a mutation through it', async () => {
    const applied = (body: { data?: any }) => (body.data.organisationCounts as { status: string; count: number }[]).find((r) => r.status === 'APPLIED')?.count ?? 0;
    const before = applied((await ask(ANALYST, BY_STATUS)).body);
    // Through the other gateway: this one cannot know, and keeps its answer (bounded by max-age).
    const elsewhere = await registerEnterprise(t);
    expectData(await t.query(APPLY, { input: applyInput(elsewhere, '7') }));
    const stale = await ask(ANALYST, BY_STATUS);
    expect(stale.statements).toBe(0);
    expect(applied(stale.body)).toBe(before);
    // Through this gateway: every entry goes, and the next answer counts both applications.
    const here = await registerEnterprise(t);
    const token = await signUserToken(MUNICIPAL, loadConfig().auth.secret);
    const res = await fetch(cached.url, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ query: APPLY, variables: { input: applyInput(here, '7') } }) });
    expect(((await res.json()) as { errors?: unknown[] }).errors).toBeUndefined();
    const fresh = await ask(ANALYST, BY_STATUS);
    expect(fresh.statements).toBeGreaterThan(0);
    expect(applied(fresh.body)).toBe(before + 2);
  });
});
