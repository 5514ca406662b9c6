// Hive Gateway as the drop-in production gateway (docs/production-gateway.md): its runtime with default settings over
// our real subgraphs, configured only with hiveIdentityConfig, answers as our gateway does for each kind of caller.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { hiveIdentityConfig, supergraphAt } from '@cq/gateway/hive';
import { supergraphSdl } from '@cq/gateway';
import { loadConfig, signUserToken, type Identity } from '@cq/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, MUNICIPAL_STAFF, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let graph: TestGraph;
let hive: { url: string; server: Server; dispose: () => Promise<void> };

beforeAll(async () => {
  graph = await startTestGraph();
  const { auth } = loadConfig();
  const urls = Object.fromEntries(Object.entries(graph.graph.subgraphs).map(([name, s]) => [name, s.url]));
  const runtime = createGatewayRuntime({ supergraph: supergraphAt(supergraphSdl(), urls), logging: false, ...hiveIdentityConfig(auth) });
  const server = createServer((req, res) => void runtime(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  hive = { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`, server, dispose: async () => await runtime.dispose() };
});

afterAll(async () => {
  await new Promise((resolve) => hive?.server.close(resolve));
  await hive?.dispose();
  await graph?.close();
});

async function viaHive(query: string, headers: Record<string, string> = {}) {
  const res = await fetch(hive.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query }) });
  return { status: res.status, body: (await res.json()) as { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } };
}
const bearer = async (identity: Identity) => ({ authorization: `Bearer ${await signUserToken(identity, loadConfig().auth.secret)}` });

// Three subgraphs in one request, with persons' contact details that only some callers may read.
const ACROSS = `{ organisations(filter: {kinds: [ENTERPRISE_ASSOCIATION]}, first: 2) { totalCount edges { node { id nameZh memberCount
  members(first: 2) { edges { node { person { id nameZh contact { email } } } } } activities(first: 1) { totalCount } } } } }`;

describe('Hive Gateway over our subgraphs (docs/production-gateway.md)', () => {
  it('answers a query across the three subgraphs for municipal staff exactly as our gateway does', async () => {
    const ours = expectData(await graph.query(ACROSS));
    const { status, body } = await viaHive(ACROSS, await bearer(MUNICIPAL_STAFF));
    expect(body.errors).toBeUndefined();
    expect(status).toBe(200);
    expect(body.data).toEqual(ours);
    // Staff see contact details: the identity reached the people subgraph.
    expect(JSON.stringify(body.data)).toContain('"email"');
  });

  it('serves the anonymous public directory without a token, as our gateway does', async () => {
    const query = `{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 3) { totalCount edges { node { id nameZh } } } }`;
    const ours = expectData(await graph.queryAs(null, query));
    const { body } = await viaHive(query);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(ours);
  });

  it('gives an anonymous caller what our gateway gives it: persons refused the same way', async () => {
    const query = `{ persons(first: 1) { totalCount } }`;
    const ours = await graph.queryAs(null, query);
    const { body } = await viaHive(query);
    expect(ours.errors?.[0]?.extensions?.code).toBeTruthy();
    expect(body.errors?.map((e) => e.extensions?.code)).toEqual(ours.errors?.map((e) => e.extensions?.code));
  });

  it('refuses a token that does not verify with UNAUTHENTICATED and asks no subgraph', async () => {
    const forged = await signUserToken(MUNICIPAL_STAFF, 'not-the-secret-of-this-installation-000000');
    const { result, statements } = await graph.countStatements(() => viaHive(ACROSS, { authorization: `Bearer ${forged}` }));
    const { status, body } = result;
    expect(statements).toBe(0);
    expect(status).toBe(401);
    expect(body.data ?? null).toBeNull();
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(body.errors?.[0]?.message).toMatch(/Expected a valid bearer token/);
  });

  it("scopes what a district's staff see by the identity it forwards", async () => {
    const district: Identity = { subject: 'test.district', role: 'DISTRICT_STAFF', organisationId: 2 };
    const query = `{ persons(first: 5) { totalCount edges { node { id } } } }`;
    const ours = expectData(await graph.queryAs(district, query));
    const { body } = await viaHive(query, await bearer(district));
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(ours);
    // The district sees fewer persons than municipal staff do: the scope is not lost on the way.
    const all = expectData(await graph.query(query));
    expect(body.data.persons.totalCount).toBeLessThan(all.persons.totalCount);
  });
});
