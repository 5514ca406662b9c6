// Tokens from an identity provider, verified with the keys of a JWKS file; and persisted queries for dashboards.
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Listening, loadConfig, signUserToken } from '@cq/service-kit';
import { startGateway } from '@cq/gateway';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
let gateway: Listening;
let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];

beforeAll(async () => {
  t = await startTestGraph();
  const keys = await generateKeyPair('RS256');
  privateKey = keys.privateKey;
  const jwk = { ...(await exportJWK(keys.publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  const jwksFile = join(mkdtempSync(join(tmpdir(), 'cq-jwks-')), 'jwks.json');
  writeFileSync(jwksFile, JSON.stringify({ keys: [jwk] }));
  const config = loadConfig();
  gateway = await startGateway({
    host: '127.0.0.1',
    port: 0,
    auth: { ...config.auth, jwksFile, issuer: 'https://idp.example.cn', audience: 'cq-graph' },
    limits: config.limits,
    production: false,
    subgraphUrls: Object.fromEntries(Object.entries(t.graph.subgraphs).map(([name, s]) => [name, s.url])) as never,
  });
});
afterAll(async () => {
  await gateway?.close();
  await t?.close();
});

const provider = (claims: Record<string, unknown>, issuer = 'https://idp.example.cn') =>
  new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'test-key' }).setSubject('idp-user').setIssuer(issuer).setAudience('cq-graph').setExpirationTime('5m').sign(privateKey);

describe('Tokens from an identity provider (AUTH_JWKS_FILE)', () => {
  it('accepts a token signed with a key of the set, with the configured issuer and audience', async () => {
    const token = await provider({ role: 'MUNICIPAL_STAFF' });
    const res = await t.post({ query: '{ auditRecords(first: 1) { edges { node { id } } } }' }, { authorization: `Bearer ${token}` }, gateway.url);
    expect(res.status).toBe(200);
    expect(res.body.errors).toBeUndefined();
  });

  it('refuses a token from another issuer, and a shared-secret token the set does not cover', async () => {
    expect((await t.post({ query: '{ districts { code } }' }, { authorization: `Bearer ${await provider({ role: 'ANALYST' }, 'https://elsewhere.example')}` }, gateway.url)).status).toBe(401);
    const hs = await signUserToken({ subject: 'x', role: 'MUNICIPAL_STAFF', organisationId: null }, loadConfig().auth.secret);
    expect((await t.post({ query: '{ districts { code } }' }, { authorization: `Bearer ${hs}` }, gateway.url)).status).toBe(401);
  });
});

describe('Persisted queries', () => {
  it('runs a query by its hash once the gateway has seen it', async () => {
    const query = '{ districts { code } }';
    const persistedQuery = { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') };
    const unknown = await t.post({ extensions: { persistedQuery } });
    expect(unknown.body.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await t.post({ query, extensions: { persistedQuery } })).body.data.districts).toHaveLength(41);
    expect((await t.post({ extensions: { persistedQuery } })).body.data.districts).toHaveLength(41);
  });
});
