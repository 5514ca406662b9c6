// A partner learned society's own subgraph (issue 15, item 4; docs/partners.md): the example partner
// (examples/partner-society) on a real port, named in a partners file, composed by the real gateway with the hub's
// three subgraphs after its SDL is checked; a token of its own, which the hub's subgraphs and other partners refuse;
// a refused reload that leaves the served supergraph unchanged; introspection in development only.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FELLOWSHIPS, IDENTITY_HEADER, type PartnerIdentity, schemaPath, startPartner } from '@cq/example-partner-society';
import type { GatewayListening } from '@cq/gateway';
import { type Identity, INTERNAL_HEADER, type Listening, signInternalIdentity, signUserToken, loadConfig } from '@cq/service-kit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectData, MUNICIPAL_STAFF, startGatewayOver, startTestGraph, type TestGraph } from '../helpers/graph.ts';
import { freePort, processes, waitUntil, waitUntilReady } from '../helpers/processes.ts';

const { auth } = loadConfig();
const exampleSdl = readFileSync(schemaPath, 'utf8');
const jwksUrl = (port: number) => `http://127.0.0.1:${port}/.well-known/jwks.json`;
const DISTRICT_STAFF: Identity = { subject: 'test.district', role: 'DISTRICT_STAFF', organisationId: 2 };
const SOCIETY: Identity = { subject: 'test.society', role: 'SOCIETY', organisationId: 3 };
const FELLOWSHIPS_QUERY = `{ person(id: "50") { id nameZh fellowships { society grade since } } }`;

/** The partners file and the SDL files it names, in a folder of the test's own. */
function partnersFolder() {
  const dir = mkdtempSync(join(tmpdir(), 'cq-partners-'));
  return {
    dir,
    file: join(dir, 'partners.json'),
    write(partners: unknown[], sdls: Record<string, string> = {}) {
      for (const [name, sdl] of Object.entries(sdls)) writeFileSync(join(dir, name), sdl);
      writeFileSync(join(dir, 'partners.json'), JSON.stringify({ partners }, null, 2));
    },
    writeSdl: (name: string, sdl: string) => writeFileSync(join(dir, name), sdl),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A call to one of the gateway's partner endpoints, as `identity` (null: no token; a string: that raw header). */
async function partnersEndpoint(gateway: Listening, method: 'GET' | 'POST', path: '/partners' | '/partners/reload', identity: Identity | null | string = MUNICIPAL_STAFF) {
  const authorization = typeof identity === 'string' ? identity : identity ? `Bearer ${await signUserToken(identity, auth.secret)}` : undefined;
  const res = await fetch(new URL(path, gateway.url), { method, headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, ...(method === 'POST' ? { body: '{}' } : {}) });
  return { status: res.status, body: (await res.json()) as any };
}

/** The claims and header of a JWT, unverified (the test reads what the partner received). */
const decode = (token: string) => {
  const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown>);
  return { header: header!, payload: payload! };
};

const HOSTILE = {
  redefinesNameZh: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])
type Person @key(fields: "id") {
  id: ID!
  nameZh: Int!
  fellowships: [Fellowship!]!
}
type Fellowship { society: String! grade: String! since: String! }
`,
  overrides: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@override"])
type Person @key(fields: "id") {
  id: ID!
  titles: [String!] @override(from: "people")
  fellowships: [Fellowship!]!
}
type Fellowship { society: String! grade: String! since: String! }
`,
  requiresContact: `extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@external", "@requires"])
type Person @key(fields: "id") {
  id: ID!
  contact: ContactDetails @external
  emailDomain: String @requires(fields: "contact { email }")
  fellowships: [Fellowship!]!
}
type ContactDetails { email: String @external }
type Fellowship { society: String! grade: String! since: String! }
`,
};

let t: TestGraph;
const folder = partnersFolder();
const received: { identity: PartnerIdentity; token: string }[] = [];
let partner: Awaited<ReturnType<typeof startPartner>>;
let gateway: GatewayListening;
let publicKeyX: string;

beforeAll(async () => {
  t = await startTestGraph();
  // The gateway signs with a key of the operator's (PARTNER_SIGNING_KEY_FILE): its public half is what partners see.
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  writeFileSync(join(folder.dir, 'signing-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
  publicKeyX = (publicKey.export({ format: 'jwk' }) as { x: string }).x;
  const port = await freePort();
  partner = await startPartner({ port: 0, jwksUrl: jwksUrl(port), name: 'cqmes', onIdentity: (identity, token) => received.push({ identity, token }) });
  folder.write([{ name: 'cqmes', url: partner.url, sdlFile: 'cqmes.graphql' }], { 'cqmes.graphql': exampleSdl });
  gateway = await startGatewayOver(t.graph, { port, partners: { file: folder.file, signingKeyFile: join(folder.dir, 'signing-key.pem') } });
});
afterAll(async () => {
  await gateway?.close();
  await partner?.close();
  await t?.close();
  folder.remove();
});

describe('A partner subgraph composed with the hub', () => {
  it('adds its fields to Person, answered through the gateway beside the hub’s own', async () => {
    const d = expectData(
      await t.query(`{ person(id: "50") { id nameZh fellowships { society grade since } societyLinks { societyMemberNo society { nameZh kind } } } }`, {}, gateway.url),
    );
    expect(d.person).toMatchObject({ id: '50', nameZh: expect.any(String), fellowships: FELLOWSHIPS['50'] });
    // The demo data links every fiftieth person to a learned society, as a partner would have.
    expect(d.person.societyLinks).toEqual([{ societyMemberNo: 'S00000050', society: { nameZh: expect.stringMatching(/学会$/), kind: 'LEARNED_SOCIETY' } }]);
    const two = expectData(await t.query(`{ person(id: "100") { fellowships { grade since } } }`, {}, gateway.url));
    expect(two.person.fellowships).toEqual(FELLOWSHIPS['100']!.map(({ grade, since }) => ({ grade, since })));
  });

  it('receives in x-cq-identity an EdDSA token of its own, signed by the key file’s key (kid in the JWKS), for its audience alone, living 60 s', async () => {
    received.length = 0;
    expectData(await t.query(FELLOWSHIPS_QUERY, {}, gateway.url));
    expect(received.length).toBeGreaterThan(0);
    const { identity, token } = received.at(-1)!;
    expect(identity).toEqual({ subject: MUNICIPAL_STAFF.subject, role: 'MUNICIPAL_STAFF', organisationId: null });
    const { header, payload } = decode(token);
    const jwks = (await (await fetch(jwksUrl(gateway.port))).json()) as { keys: Record<string, string>[] };
    expect(jwks.keys).toEqual([{ kty: 'OKP', crv: 'Ed25519', x: publicKeyX, kid: header.kid, alg: 'EdDSA', use: 'sig' }]);
    expect(header).toMatchObject({ alg: 'EdDSA', kid: expect.any(String) });
    expect(payload).toMatchObject({ iss: 'cq-gateway', aud: 'cq-partner:cqmes', sub: MUNICIPAL_STAFF.subject, role: 'MUNICIPAL_STAFF' });
    expect((payload.exp as number) - (payload.iat as number)).toBe(60);
  });

  it('cannot replay the token it received at any hub subgraph: each answers UNAUTHENTICATED (HS256 with the internal secret only)', async () => {
    received.length = 0;
    expectData(await t.query(FELLOWSHIPS_QUERY, {}, gateway.url));
    const { token } = received.at(-1)!;
    for (const [name, subgraph] of Object.entries(t.graph.subgraphs)) {
      const replayed = await t.post({ query: '{ __typename }' }, { [INTERNAL_HEADER]: token }, subgraph.url);
      expect({ name, status: replayed.status, code: replayed.body?.errors?.[0]?.extensions?.code }).toEqual({ name, status: 401, code: 'UNAUTHENTICATED' });
      // The same request with the gateway's internal token is answered: the refusal is the partner token's.
      const internal = await signInternalIdentity(MUNICIPAL_STAFF, auth.internalSecret, name);
      expect(await t.post({ query: '{ __typename }' }, { [INTERNAL_HEADER]: internal }, subgraph.url)).toMatchObject({ status: 200, body: { data: { __typename: 'Query' } } });
    }
  });

  it('a token for partner cqmes does not verify at another partner (audience), nor does a request without one', async () => {
    received.length = 0;
    expectData(await t.query(FELLOWSHIPS_QUERY, {}, gateway.url));
    const { token } = received.at(-1)!;
    const other = await startPartner({ port: 0, jwksUrl: jwksUrl(gateway.port), name: 'cqast' });
    try {
      const entities = { query: '{ _entities(representations: [{ __typename: "Person", id: "50" }]) { ... on Person { fellowships { grade } } } }' };
      const atOther = await t.post(entities, { [IDENTITY_HEADER]: token }, other.url);
      expect({ status: atOther.status, code: atOther.body?.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
      // The same token at the partner it was addressed to is accepted.
      expect(await t.post(entities, { [IDENTITY_HEADER]: token }, partner.url)).toMatchObject({ status: 200, body: { data: { _entities: [{ fellowships: [{ grade: '会士' }] }] } } });
      const anonymous = await t.post(entities, {}, partner.url);
      expect({ status: anonymous.status, code: anonymous.body?.errors?.[0]?.extensions?.code }).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
    } finally {
      await other.close();
    }
  });
});

describe('Checks before serving, and the supergraph kept when a reload is refused', () => {
  it.each([
    ['redefines Person.nameZh', 'redefinesNameZh', /合作方 cqmes：字段 Person\.nameZh 属于本平台，不能重新定义 \(partner cqmes: field Person\.nameZh belongs to the hub and may not be redefined\) — cqmes\.graphql:4:3/],
    ['takes Person.titles with @override', 'overrides', /Person\.titles.*@override.*\(partner cqmes: on Person\.titles: may not take over a field with @override\) — cqmes\.graphql:4:/],
    ['@requires the hub’s contact details', 'requiresContact', /\(partner cqmes: on Person\.emailDomain: may not use @requires: a partner may not have the gateway fetch hub data and hand it over\)/],
  ] as const)('a partner SDL that %s is refused (422, a report naming the field) and the gateway goes on answering the partner field it served', async (_what, hostile, expected) => {
    const before = await partnersEndpoint(gateway, 'GET', '/partners');
    folder.writeSdl('cqmes.graphql', HOSTILE[hostile]);
    const reload = await partnersEndpoint(gateway, 'POST', '/partners/reload');
    expect(reload.status).toBe(422);
    expect(reload.body).toMatchObject({ code: 'PARTNER_COMPOSITION_FAILED', report: { ok: false, partners: [{ name: 'cqmes', accepted: false }] } });
    expect(reload.body.report.partners[0].problems.join('\n')).toMatch(expected);

    // Still the previous supergraph: the partner field answers, the hostile field does not exist.
    expect(expectData(await t.query(FELLOWSHIPS_QUERY, {}, gateway.url)).person.fellowships).toEqual(FELLOWSHIPS['50']);
    const status = await partnersEndpoint(gateway, 'GET', '/partners');
    expect(status.body.served).toEqual(before.body.served);
    expect(status.body.lastAttempt).toEqual(reload.body.report);
    if (hostile === 'redefinesNameZh') expect(expectData(await t.query(`{ person(id: "50") { nameZh } }`, {}, gateway.url)).person.nameZh).toEqual(expect.any(String));
    if (hostile === 'requiresContact') expect((await t.query(`{ person(id: "50") { emailDomain } }`, {}, gateway.url)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    folder.writeSdl('cqmes.graphql', exampleSdl);
  });

  it('a good change applied by a reload takes out a field, and the next one adds it back: 200 with the report', async () => {
    folder.writeSdl('cqmes.graphql', exampleSdl.replace(/\n\s*"授予年份[^\n]*\n\s*since: String!/, ''));
    const narrower = await partnersEndpoint(gateway, 'POST', '/partners/reload');
    expect(narrower).toMatchObject({ status: 200, body: { ok: true, partners: [{ name: 'cqmes', accepted: true, problems: [] }], composedAt: expect.any(String) } });
    expect((await t.query(`{ person(id: "50") { fellowships { since } } }`, {}, gateway.url)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(expectData(await t.query(`{ person(id: "50") { fellowships { grade } } }`, {}, gateway.url)).person.fellowships).toEqual([{ grade: '会士' }]);

    folder.writeSdl('cqmes.graphql', exampleSdl);
    const wider = await partnersEndpoint(gateway, 'POST', '/partners/reload');
    expect(wider).toMatchObject({ status: 200, body: { ok: true } });
    expect(expectData(await t.query(`{ person(id: "50") { fellowships { since } } }`, {}, gateway.url)).person.fellowships).toEqual([{ since: '2019' }]);
    expect((await partnersEndpoint(gateway, 'GET', '/partners')).body).toMatchObject({ served: wider.body, lastAttempt: wider.body });
  });

  it('/partners and /partners/reload answer municipal staff only: 401 without a token or with a bad one, 403 for other roles, and a refused reload changes nothing', async () => {
    const before = (await partnersEndpoint(gateway, 'GET', '/partners')).body;
    for (const [method, path] of [['GET', '/partners'], ['POST', '/partners/reload']] as const) {
      for (const [caller, status, code] of [
        [null, 401, 'UNAUTHENTICATED'],
        ['Bearer not-a-token', 401, 'UNAUTHENTICATED'],
        [DISTRICT_STAFF, 403, 'FORBIDDEN'],
        [SOCIETY, 403, 'FORBIDDEN'],
      ] as const) {
        const answer = await partnersEndpoint(gateway, method, path, caller);
        expect({ method, path, caller, status: answer.status, code: answer.body?.errors?.[0]?.extensions?.code }).toEqual({ method, path, caller, status, code });
      }
    }
    expect((await partnersEndpoint(gateway, 'GET', '/partners')).body).toEqual(before);
  });
});

describe('Introspection of a partner, and a broken partner at start', () => {
  it('in development: introspects a partner for its SDL, and serves it beside the hub although another partner is refused at start', async () => {
    const dev = partnersFolder();
    const port = await freePort();
    const introspected = await startPartner({ port: 0, jwksUrl: jwksUrl(port), name: 'cqmes' });
    dev.write(
      [
        { name: 'cqmes', url: introspected.url, introspect: true },
        { name: 'broken', url: 'http://127.0.0.1:9/graphql', sdlFile: 'broken.graphql' },
        { name: 'people', url: 'http://127.0.0.1:9/graphql', sdlFile: 'broken.graphql' },
      ],
      { 'broken.graphql': 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key"])\ntype Person @key(fields: "id") {\n  id: ID!\n  nameZh: Int!\n}\n' },
    );
    const devGateway = await startGatewayOver(t.graph, { port, partners: { file: dev.file } });
    try {
      expect(expectData(await t.query(FELLOWSHIPS_QUERY, {}, devGateway.url)).person).toMatchObject({ nameZh: expect.any(String), fellowships: FELLOWSHIPS['50'] });
      const { served } = (await partnersEndpoint(devGateway, 'GET', '/partners')).body;
      expect(served.ok).toBe(false);
      expect(served.partners).toEqual([
        { name: 'cqmes', accepted: true, problems: [] },
        { name: 'broken', accepted: false, problems: [expect.stringContaining('合作方 broken：字段 Person.nameZh 属于本平台，不能重新定义 (partner broken: field Person.nameZh belongs to the hub and may not be redefined) — broken.graphql:4:3')] },
        { name: 'people', accepted: false, problems: [expect.stringContaining("the name may not be one of the hub's subgraphs")] },
      ]);
    } finally {
      await devGateway.close();
      await introspected.close();
      dev.remove();
    }
  });

  it('in production: refuses "introspect": true with a clear message and serves the hub; the poll applies the partners file once it names an SDL file', async () => {
    const prod = partnersFolder();
    const port = await freePort();
    const society = await startPartner({ port: 0, jwksUrl: jwksUrl(port), name: 'cqmes' });
    prod.write([{ name: 'cqmes', url: society.url, introspect: true }]);
    const prodGateway = await startGatewayOver(t.graph, { port, production: true, partners: { file: prod.file, pollSeconds: 1 } });
    try {
      const { served } = (await partnersEndpoint(prodGateway, 'GET', '/partners')).body;
      expect(served.partners).toEqual([{ name: 'cqmes', accepted: false, problems: [expect.stringMatching(/^合作方 cqmes：生产环境不允许 "introspect": true.*\(partner cqmes: "introspect": true is for development only and is refused in production/)] }]);
      expect(expectData(await t.query(`{ person(id: "50") { nameZh } }`, {}, prodGateway.url)).person.nameZh).toEqual(expect.any(String));
      expect((await t.query(FELLOWSHIPS_QUERY, {}, prodGateway.url)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

      prod.write([{ name: 'cqmes', url: society.url, sdlFile: 'cqmes.graphql' }], { 'cqmes.graphql': exampleSdl });
      await waitUntil('the poll to compose the partner', async () => !(await t.query(FELLOWSHIPS_QUERY, {}, prodGateway.url)).errors, 15_000);
      expect(expectData(await t.query(FELLOWSHIPS_QUERY, {}, prodGateway.url)).person.fellowships).toEqual(FELLOWSHIPS['50']);
      expect((await partnersEndpoint(prodGateway, 'GET', '/partners')).body.served).toMatchObject({ ok: true, partners: [{ name: 'cqmes', accepted: true }] });
    } finally {
      await prodGateway.close();
      await society.close();
      prod.remove();
    }
  });
});

describe('The gateway as a service of its own', () => {
  it('recomposes with the partners file on SIGHUP', async () => {
    const services = processes();
    const folderOfItsOwn = partnersFolder();
    const port = await freePort();
    const society = await startPartner({ port: 0, jwksUrl: jwksUrl(port), name: 'cqmes' });
    try {
      folderOfItsOwn.write([]);
      const child = services.start('gateway/src/index.ts', {
        NODE_ENV: 'test',
        GATEWAY_PORT: String(port),
        ORGANISATIONS_URL: t.graph.subgraphs.organisations.url,
        PEOPLE_URL: t.graph.subgraphs.people.url,
        ACTIVITIES_URL: t.graph.subgraphs.activities.url,
        PARTNERS_FILE: folderOfItsOwn.file,
        PARTNERS_POLL_SECONDS: '0',
      });
      const url = `http://127.0.0.1:${port}/graphql`;
      await waitUntilReady(url);
      expect((await t.query(FELLOWSHIPS_QUERY, {}, url)).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
      folderOfItsOwn.write([{ name: 'cqmes', url: society.url, sdlFile: 'cqmes.graphql' }], { 'cqmes.graphql': exampleSdl });
      child.kill('SIGHUP');
      await waitUntil('SIGHUP to compose the partner', async () => !(await t.query(FELLOWSHIPS_QUERY, {}, url)).errors, 15_000);
      expect(expectData(await t.query(FELLOWSHIPS_QUERY, {}, url)).person.fellowships).toEqual(FELLOWSHIPS['50']);
    } finally {
      expect(await services.stop()).toEqual([0]);
      await society.close();
      folderOfItsOwn.remove();
    }
  });
});
