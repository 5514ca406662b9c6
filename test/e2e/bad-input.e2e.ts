// Bad input gets a clear, typed answer in GraphQL's JSON error shape with the right HTTP status, and changes nothing.
import { withCreditCodeCheckCharacter } from '@cq/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { expectRefusedIn, OWNER_TABLES } from '../helpers/refusal.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

const PEOPLE_TABLES = OWNER_TABLES.people;
const ORG_TABLES = OWNER_TABLES.organisations;
const REGISTER_PERSON = `mutation ($input: RegisterPersonInput!) { registerPerson(input: $input) { id } }`;
const REGISTER_ENTERPRISE = `mutation ($input: RegisterEnterpriseInput!) { registerEnterprise(input: $input) { id } }`;
const enterprise = (nameZh: string) => ({ nameZh, creditCode: withCreditCodeCheckCharacter('91500000MA5U7L9B2'), districtCode: '500106', hasPartyOrganisation: true, scienceWorkerCount: 10 });

/**
 * A raw request to the gateway, so the test controls the body and the headers exactly; by default as a client of
 * application/graphql-response+json, which gets 400 for a request that fails before execution (see http-spec.e2e.ts).
 */
async function raw(body: string, headers: Record<string, string> = { accept: 'application/graphql-response+json' }) {
  const res = await fetch(t.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json().catch(() => null)) as any };
}

describe('Bad input at the gateway', () => {
  it('answers a query with 1,000 aliases or 10,000 fields with 400 and GRAPHQL_PARSE_FAILED, not 500', async () => {
    const aliases = `{ ${Array.from({ length: 1000 }, (_, i) => `a${i}: districts { code }`).join(' ')} }`;
    const fields = `{ districts { ${'code '.repeat(10_000)} } }`;
    for (const query of [aliases, fields]) {
      const res = await raw(JSON.stringify({ query }));
      expect(res.status).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe('GRAPHQL_PARSE_FAILED');
      expect(res.body.errors[0].message).toMatch(/3000 tokens/);
    }
  });

  it('refuses a NUL character in a variable or a literal with 400 BAD_USER_INPUT naming where; nothing changes', async () => {
    const error = await expectRefusedIn(t, PEOPLE_TABLES, REGISTER_PERSON, { input: { nameZh: '张\u0000三', category: 'MANAGER' } }, 'BAD_USER_INPUT');
    expect(error.message).toBe('Expected text without NUL characters (U+0000), received one in $input.nameZh.');
    const search = await raw(JSON.stringify({ query: '{ organisations(filter: { nameContains: "a\\u0000b" }) { totalCount } }' }));
    expect(search.status).toBe(400);
    expect(search.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a 900 KB string with BAD_USER_INPUT, and blank or over-long names with INVALID_ARGUMENT; nothing changes', async () => {
    // 300,000 characters of three bytes each: 900 KB, under the body limit.
    const huge = await expectRefusedIn(t, PEOPLE_TABLES, REGISTER_PERSON, { input: { nameZh: '名'.repeat(300_000), category: 'MANAGER' } }, 'BAD_USER_INPUT');
    expect(huge.extensions).toMatchObject({ max: 10_000, received: 300_000 });
    for (const nameZh of ['', '   ', '企'.repeat(10_000)]) {
      const error = await expectRefusedIn(t, ORG_TABLES, REGISTER_ENTERPRISE, { input: enterprise(nameZh) }, nameZh.length > 10_000 ? 'BAD_USER_INPUT' : 'INVALID_ARGUMENT');
      if (nameZh.length <= 10_000) expect(error.extensions).toMatchObject({ argument: 'nameZh', max: 100 });
    }
    await expectRefusedIn(t, PEOPLE_TABLES, REGISTER_PERSON, { input: { nameZh: ' \t ', category: 'MANAGER' } }, 'INVALID_ARGUMENT');
  });

  it('answers a body that is not JSON with 400 BAD_REQUEST and one over 1 MB with 413 PAYLOAD_TOO_LARGE, both as JSON', async () => {
    const malformed = await raw('{"query": ');
    expect(malformed).toMatchObject({ status: 400, body: { errors: [{ extensions: { code: 'BAD_REQUEST' } }] } });
    expect(malformed.type).toMatch(/json/);
    expect(JSON.stringify(malformed.body)).not.toMatch(/node_modules|at JSON\.parse/);
    const large = await raw(JSON.stringify({ query: '{ districts { code } }', variables: { padding: 'x'.repeat(1_100_000) } }));
    expect(large).toMatchObject({ status: 413, body: { errors: [{ extensions: { code: 'PAYLOAD_TOO_LARGE' } }] } });
  });

  it('answers parse, validation and variable errors with 400 under application/graphql-response+json, 200 under application/json', async () => {
    const cases: [string, string][] = [
      [JSON.stringify({ query: '{ districts { ' }), 'GRAPHQL_PARSE_FAILED'],
      [JSON.stringify({ query: '{ noSuchField }' }), 'GRAPHQL_VALIDATION_FAILED'],
      [JSON.stringify({ query: 'query ($id: ID!) { organisation(id: $id) { id } }', variables: { id: { not: 'an id' } } }), 'BAD_USER_INPUT'],
    ];
    for (const [body, code] of cases) {
      const res = await raw(body);
      expect(res.status, body).toBe(400);
      expect(res.body.errors[0].extensions.code).toBe(code);
      const legacy = await raw(body, { accept: 'application/json' });
      expect(legacy.status, body).toBe(200);
      expect(legacy.body.errors[0].extensions.code).toBe(code);
    }
  });
});
