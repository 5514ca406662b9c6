// Limits at the gateway: an operation too deep, too costly, with too many aliases or tokens is refused before any
// subgraph is called, with a code saying which limit it broke.
import { loadConfig, signUserToken } from '@cq/service-kit';
import { startGateway } from '@cq/gateway';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, startTestGraph, type TestGraph } from '../helpers/graph.ts';

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
    const limited = await startGateway({
      host: '127.0.0.1',
      port: 0,
      auth: config.auth,
      limits: { ...config.limits, ratePerMinute: 5 },
      production: false,
      subgraphUrls: Object.fromEntries(Object.entries(t.graph.subgraphs).map(([name, s]) => [name, s.url])) as never,
    });
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

describe('Production mode', () => {
  it('turns introspection and field suggestions off', async () => {
    const config = loadConfig();
    const production = await startGateway({
      host: '127.0.0.1',
      port: 0,
      auth: config.auth,
      limits: config.limits,
      production: true,
      subgraphUrls: Object.fromEntries(Object.entries(t.graph.subgraphs).map(([name, s]) => [name, s.url])) as never,
    });
    try {
      const introspection = await t.post({ query: '{ __schema { types { name } } }' }, {}, production.url);
      expect(introspection.body.errors[0].message).toMatch(/introspection/i);
      const typo = await t.post({ query: '{ districs { code } }' }, {}, production.url);
      expect(typo.body.errors[0].message).not.toMatch(/Did you mean/);
      const development = await t.post({ query: '{ districs { code } }' });
      expect(development.body.errors[0].message).toMatch(/Did you mean "districts"/);
    } finally {
      await production.close();
    }
  });
});
