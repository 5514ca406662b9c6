// Safe retries: a mutation sent again with the same Idempotency-Key returns its first result and changes nothing
// twice, through the real gateway and subgraphs.
import { queryRows } from '@cq/db';
import { type Identity, loadConfig, signUserToken } from '@cq/service-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MUNICIPAL_STAFF, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

const register = `mutation ($n: String!) { registerPerson(input: {nameZh: $n, category: MANAGER}) { id nameZh } }`;

async function send(identity: Identity, query: string, variables: Record<string, unknown>, key?: string) {
  const token = await signUserToken(identity, loadConfig().auth.secret);
  return t.post({ query, variables }, { authorization: `Bearer ${token}`, ...(key === undefined ? {} : { 'idempotency-key': key }) });
}

const personsNamed = async (name: string) => (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from people.persons where name_zh = ${name}`))[0]!.n;
const auditOutcomes = async (actor: string) =>
  (await queryRows<{ outcome: string }>(t.database.db, sql`select outcome from audit.records where actor = ${actor} and operation = 'registerPerson' order by id`)).map((r) => r.outcome);

describe('Idempotency keys on mutations', () => {
  it('returns the first result to a retry with the same key, and registers the person once', async () => {
    const first = await send(MUNICIPAL_STAFF, register, { n: '重试甲' }, 'retry-a-0001');
    const again = await send(MUNICIPAL_STAFF, register, { n: '重试甲' }, 'retry-a-0001');
    expect(first.body.errors).toBeUndefined();
    expect(again.body).toEqual(first.body);
    expect(await personsNamed('重试甲')).toBe(1);
  });

  it('records the replay in the audit trail, in the transaction that answered it', async () => {
    const actor: Identity = { subject: 'test.replayer', role: 'MUNICIPAL_STAFF', organisationId: null };
    await send(actor, register, { n: '重试乙' }, 'retry-b-0001');
    await send(actor, register, { n: '重试乙' }, 'retry-b-0001');
    expect(await auditOutcomes('municipal_staff:test.replayer')).toEqual(['OK', 'REPLAYED']);
  });

  it('without a key, the same request twice changes twice (keys are opt-in)', async () => {
    await send(MUNICIPAL_STAFF, register, { n: '重试丙' });
    await send(MUNICIPAL_STAFF, register, { n: '重试丙' });
    expect(await personsNamed('重试丙')).toBe(2);
  });

  it('refuses the same key for different arguments with IDEMPOTENCY_KEY_REUSED, changing nothing', async () => {
    await send(MUNICIPAL_STAFF, register, { n: '重试丁' }, 'retry-d-0001');
    const other = await send(MUNICIPAL_STAFF, register, { n: '重试戊' }, 'retry-d-0001');
    expect(other.body.errors[0]).toMatchObject({ extensions: { code: 'IDEMPOTENCY_KEY_REUSED', field: 'registerPerson' } });
    expect(other.body.errors[0].message).toMatch(/Expected a retry of the request first sent with Idempotency-Key "retry-d-0001"/);
    expect(await personsNamed('重试戊')).toBe(0);
  });

  it("keeps each caller's keys apart: another caller's request with the same key is a new request", async () => {
    const other: Identity = { subject: 'test.other', role: 'MUNICIPAL_STAFF', organisationId: null };
    const a = await send(MUNICIPAL_STAFF, register, { n: '重试己' }, 'shared-key-0001');
    const b = await send(other, register, { n: '重试己' }, 'shared-key-0001');
    expect(b.body.data.registerPerson.id).not.toBe(a.body.data.registerPerson.id);
    expect(await personsNamed('重试己')).toBe(2);
  });

  it('answers concurrent requests with the same key with one change and one result', async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(MUNICIPAL_STAFF, register, { n: '重试庚' }, 'concurrent-0001')));
    const ids = new Set(answers.map((a) => a.body.data?.registerPerson.id as unknown));
    expect(answers.flatMap((a) => a.body.errors ?? [])).toEqual([]);
    expect(ids.size).toBe(1);
    expect(await personsNamed('重试庚')).toBe(1);
  });

  it('replays each field of a multi-field mutation, including fields answered by another subgraph', async () => {
    const org = (await queryRows<{ id: number }>(t.database.db, sql`select id from org.organisations where kind = 'ENTERPRISE_ASSOCIATION' and status = 'ACTIVE' order by id limit 1`))[0]!.id;
    const person = (await send(MUNICIPAL_STAFF, register, { n: '重试辛' })).body.data.registerPerson.id as string;
    const two = `mutation ($p: ID!, $o: ID!) {
      a: registerPerson(input: {nameZh: "重试壬", category: MANAGER}) { id }
      b: applyForMembership(input: {personId: $p, organisationId: $o}) { id status organisation { id nameZh } }
    }`;
    const first = await send(MUNICIPAL_STAFF, two, { p: person, o: String(org) }, 'multi-0001');
    const again = await send(MUNICIPAL_STAFF, two, { p: person, o: String(org) }, 'multi-0001');
    expect(first.body.errors).toBeUndefined();
    expect(first.body.data.b.organisation.nameZh).toEqual(expect.any(String));
    expect(again.body).toEqual(first.body);
    expect(await personsNamed('重试壬')).toBe(1);
    const memberships = await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from people.memberships where person_id = ${Number(person)}`);
    expect(memberships[0]!.n).toBe(1);
  });

  it('refuses a malformed key with 400 before anything runs', async () => {
    for (const key of ['', 'x'.repeat(201), 'has space', '键']) {
      const res = await send(MUNICIPAL_STAFF, register, { n: '重试癸' }, key).catch((error: unknown) => ({ status: 0, body: { error } }));
      // fetch itself refuses a header value outside ISO-8859-1, which is as good as refused here
      if (res.status === 0) continue;
      expect(res.status).toBe(400);
      expect(res.body.errors[0]).toMatchObject({ extensions: { code: 'INVALID_ARGUMENT', header: 'Idempotency-Key' } });
    }
    expect(await personsNamed('重试癸')).toBe(0);
  });
});
