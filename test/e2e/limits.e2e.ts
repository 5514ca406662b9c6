// Limits at the gateway: an operation too deep, too costly, with too many aliases or tokens is refused before any
// subgraph is called, with a code saying which limit it broke.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { queryRows } from '@cq/db';
import { type Config, loadConfig, signUserToken } from '@cq/service-kit';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, type GatewayOverrides, startGatewayOver, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
beforeAll(async () => {
  t = await startTestGraph();
});
afterAll(() => t?.close());

const nest = (levels: number) => {
  let inner = 'id';
  for (let i = 0; i < levels; i++) inner = `children(first: 1) { edges { node { ${inner} } } }`;
  return `{ organisation(id: "1") { ${inner} } }`;
};

describe('Operation limits', () => {
  it('accepts the deepest query the dashboards send', async () => {
    expectData(await t.query(nest(3)));
  });

  it('refuses an operation deeper than the limit without calling a subgraph', async () => {
    const { result, statements } = await t.countStatements(() => t.query(nest(6)));
    expect(result.errors?.[0]?.message).toMatch(/depth limit/i);
    expect(result.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(statements).toBe(0);
  });

  it('refuses too many aliases and too many tokens', async () => {
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: districts { code }`).join(' ')} }`;
    expect((await t.query(aliases)).errors?.[0]?.message).toMatch(/aliases/i);
    // 800 variable definitions of four tokens each: cheap to run, long to parse.
    const tokens = `query (${Array.from({ length: 800 }, (_, i) => `$v${i}: Int`).join(' ')}) { districts { code } }`;
    const res = await t.query(tokens);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_PARSE_FAILED');
    expect(res.errors?.[0]?.message).toMatch(/3000 tokens/);
  });

  it('refuses a request body over 1 MB', async () => {
    const res = await t.post({ query: `{ districts { code } }`, variables: { padding: 'x'.repeat(1_100_000) } });
    expect(res.status).toBe(413);
  });
});

describe('Operation cost', () => {
  it('refuses an operation that asks for too many fields', async () => {
    // 100 × 100 × 100 possible rows: far more than any dashboard needs in one request.
    const res = await t.query(`{ organisations(first: 100) { edges { node { children(first: 100) { edges { node { members(first: 100) { edges { node { id } } } } } } } } } }`);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost', max: 50_000 });
  });

  it('counts `first` given as a variable, and charges lists without `first` their assumed rows, without calling a subgraph', async () => {
    const variable = `query ($n: Int!) { organisations(first: $n) { edges { node { children(first: $n) { edges { node { members(first: $n) { edges { node { id } } } } } } } } } }`;
    expect((await t.query(variable, { n: 100 })).errors?.[0]?.extensions).toMatchObject({ limit: 'cost' });
    expectData(await t.query(variable, { n: 2 }));
    // Two levels of unpaginated relationships under a page of organisations: 100 × 200 × 200 rows.
    const unpaginated = `{ organisations(first: 100) { edges { node { relationships(history: true) { kind to { relationships(history: true) { kind to { id } } } } } } } }`;
    const { result, statements } = await t.countStatements(() => t.query(unpaginated));
    expect(result.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'cost' });
    expect(result.errors?.[0]?.message).toMatch(/a list without `first` counts as 20 rows/);
    expect(statements).toBe(0);
  });
});

describe('Rate limit', () => {
  it('answers a caller over its requests per minute with 429, Retry-After and RATE_LIMITED; other callers go on', async () => {
    const config = loadConfig();
    const limited = await gatewayWith({ ratePerMinute: 5 });
    try {
      const send = (token?: string) =>
        fetch(limited.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          body: JSON.stringify({ query: '{ districts { code } }' }),
        });
      const statuses = [];
      for (let i = 0; i < 6; i++) statuses.push((await send()).status);
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await send();
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'RATE_LIMITED', limit: 5 } }] });
      const token = await signUserToken({ subject: 'another.caller', role: 'ANALYST', organisationId: null }, config.auth.secret);
      expect((await send(token)).status).toBe(200);
    } finally {
      await limited.close();
    }
  });
});

const gatewayWith = (limits: Partial<Config['limits']>, options: Omit<GatewayOverrides, 'limits'> = {}) => startGatewayOver(t.graph, { ...options, limits });

/** A stand-in for a subgraph that answers exactly as it does, `delayMs` later. */
async function slowProxy(target: string, delayMs: number) {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      setTimeout(() => {
        const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => k !== 'host' && k !== 'content-length')) as Record<string, string>;
        fetch(target, { method: req.method, headers, body: Buffer.concat(chunks) })
          .then(async (answer) => {
            res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' });
            res.end(Buffer.from(await answer.arrayBuffer()));
          })
          .catch(() => res.destroy());
      }, delayMs);
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, close: () => new Promise((resolve) => server.close(resolve)) };
}

describe('Deadline and answer size', () => {
  it('gives a whole request one deadline: calls in sequence share it, and the one that runs out answers REQUEST_TIMEOUT', async () => {
    const { id } = (await queryRows<{ id: number }>(t.database.db, sql`select organisation_id as id from people.memberships where valid_to is null and valid_from is not null order by id limit 1`))[0]!;
    // Three subgraph calls in sequence: organisations, then people (members), then organisations again.
    const threeHops = `{ organisation(id: "${id}") { nameZh members(first: 1) { edges { node { organisation { nameZh } } } } } }`;
    const proxies = await Promise.all(Object.entries(t.graph.subgraphs).map(async ([name, s]) => [name, await slowProxy(s.url, 600)] as const));
    const urls = Object.fromEntries(proxies.map(([name, p]) => [name, p.url]));
    const patient = await gatewayWith({ timeoutMs: 10_000 }, { urls });
    const hurried = await gatewayWith({ timeoutMs: 1_500 }, { urls });
    try {
      const token = await signUserToken({ subject: 'test.deadline', role: 'MUNICIPAL_STAFF', organisationId: null }, loadConfig().auth.secret);
      const as = { authorization: `Bearer ${token}` };
      // Each call takes 600 ms, well within either deadline; three in a row do not fit in 1.5 s.
      const answered = expectData<any>((await t.post({ query: threeHops }, as, patient.url)).body);
      expect(answered.organisation.members.edges[0].node.organisation.nameZh).toEqual(expect.any(String));
      const res = (await t.post({ query: threeHops }, as, hurried.url)).body;
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'REQUEST_TIMEOUT', serviceName: 'organisations', timeoutMs: 1500 });
      expect(res.errors?.[0]?.message).toMatch(/Expected the request to be answered within 1500 ms/);
      expect(res.errors).toHaveLength(1);
    } finally {
      await Promise.all([patient.close(), hurried.close(), ...proxies.map(([, p]) => p.close())]);
    }
  });

  it('refuses a subgraph answer, or an answer to the client, over the size limit with RESPONSE_TOO_LARGE', async () => {
    const organisations = `{ districts { code nameZh } }`;
    const people = `{ persons(first: 30) { edges { node { id nameZh } } } }`;
    const size = async (query: string) => Buffer.byteLength(JSON.stringify(expectData(await t.query(query))));
    const [a, b] = [await size(organisations), await size(people)];
    // Each subgraph's answer fits; together they do not.
    const capped = await gatewayWith({ maxResponseBytes: Math.max(a, b) + 200 });
    const tight = await gatewayWith({ maxResponseBytes: Math.floor(a / 2) });
    try {
      const token = await signUserToken({ subject: 'test.sizes', role: 'MUNICIPAL_STAFF', organisationId: null }, loadConfig().auth.secret);
      const as = { authorization: `Bearer ${token}` };
      expectData((await t.post({ query: organisations }, as, capped.url)).body);
      const both = await t.post({ query: `{ ${organisations.slice(1, -1)} ${people.slice(1, -1)} }` }, as, capped.url);
      expect(both.body).toMatchObject({ data: null, errors: [{ extensions: { code: 'RESPONSE_TOO_LARGE', maxBytes: Math.max(a, b) + 200 } }] });
      expect(both.body.errors[0].extensions.bytes).toBeGreaterThan(Math.max(a, b) + 200);
      const part = (await t.post({ query: organisations }, as, tight.url)).body;
      expect(part.errors[0].extensions).toMatchObject({ code: 'RESPONSE_TOO_LARGE', maxBytes: Math.floor(a / 2) });
      expect(part.errors[0].message).toMatch(/the organisations subgraph's answer of at most/);
    } finally {
      await Promise.all([capped.close(), tight.close()]);
    }
  });
});

describe('Registered operations only (trusted documents)', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../gateway/operations/manifest.json', import.meta.url), 'utf8')) as { operations: { id: string; name: string; body: string }[] };
  const overview = manifest.operations.find((o) => o.name === 'DistrictOverview')!;

  it('answers the registered operations, by text or by hash alone, and refuses anything else before any SQL runs', async () => {
    const trusted = await gatewayWith({});
    const config = loadConfig();
    const strict = await gatewayWith({}, { production: true, trustedDocuments: { only: true, file: undefined } });
    try {
      const token = await signUserToken({ subject: 'test.trusted', role: 'ANALYST', organisationId: null }, config.auth.secret);
      const as = { authorization: `Bearer ${token}` };
      const byText = await t.post({ query: overview.body, variables: { first: 2, children: 1 } }, as, strict.url);
      expect(byText.body.data.organisations.edges).toHaveLength(2);
      const byHash = await t.post({ variables: { first: 2, children: 1 }, extensions: { persistedQuery: { version: 1, sha256Hash: overview.id } } }, as, strict.url);
      expect(byHash.body).toEqual(byText.body);

      const unregistered = `{ organisations(first: 100) { edges { node { id nameZh } } } }`;
      const { result, statements } = await t.countStatements(() => t.post({ query: unregistered }, as, strict.url));
      expect(result.status).toBe(400);
      expect(result.body.errors[0]).toMatchObject({ extensions: { code: 'OPERATION_NOT_REGISTERED' } });
      expect(result.body.errors[0].message).toMatch(/Expected one of the \d+ registered operations/);
      expect(statements).toBe(0);
      // Sending an operation with its hash registers nothing.
      const hash = createHash('sha256').update(unregistered).digest('hex');
      expect((await t.post({ query: unregistered, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, as, strict.url)).body.errors[0].extensions.code).toBe('OPERATION_NOT_REGISTERED');
      expect((await t.post({ extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }, as, strict.url)).body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
      // A registered operation edited by one character is another operation.
      expect((await t.post({ query: `${overview.body} `, variables: { first: 1 } }, as, strict.url)).body.errors[0].extensions.code).toBe('OPERATION_NOT_REGISTERED');
      // Without the switch, the same gateway answers any operation within the limits.
      expectData((await t.post({ query: unregistered }, as, trusted.url)).body);
    } finally {
      await Promise.all([trusted.close(), strict.close()]);
    }
  });
});

describe('Production mode', () => {
  it('turns introspection and field suggestions off, but lets signed-in staff read the schema (GraphiQL)', async () => {
    const production = await gatewayWith({}, { production: true });
    try {
      const schemaQuery = { query: '{ __schema { queryType { name } } }' };
      const introspection = await t.post(schemaQuery, {}, production.url);
      expect(introspection.body.errors[0].extensions.code).toBe('INTROSPECTION_DISABLED');
      expect(introspection.body.errors[0].message).toMatch(/introspection/i);
      const tokenOf = (role: 'ANALYST' | 'DISTRICT_STAFF' | 'MUNICIPAL_STAFF') =>
        signUserToken({ subject: `test.${role}`, role, organisationId: role === 'DISTRICT_STAFF' ? 7 : null }, loadConfig().auth.secret);
      const analyst = await t.post(schemaQuery, { authorization: `Bearer ${await tokenOf('ANALYST')}` }, production.url);
      expect(analyst.body.errors[0].extensions.code).toBe('INTROSPECTION_DISABLED');
      for (const role of ['DISTRICT_STAFF', 'MUNICIPAL_STAFF'] as const) {
        const staff = await t.post(schemaQuery, { authorization: `Bearer ${await tokenOf(role)}` }, production.url);
        expect(staff.body.data.__schema.queryType.name, role).toBe('Query');
      }
      const typo = await t.post({ query: '{ districs { code } }' }, {}, production.url);
      expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
      const development = await t.post({ query: '{ districs { code } }' });
      expect(development.body.errors[0].message).toMatch(/Did you mean "districts"/);
    } finally {
      await production.close();
    }
  });
});
