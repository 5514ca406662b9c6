// 合作学会自己的子图：一个可以复制的完整示例。
// A partner learned society's own subgraph, complete and ready to copy (docs/partners.md, README.md beside this file).
//
// It adds the society's fellowship records to the hub's Person (schema.graphql) and answers only the hub's gateway:
// every request must carry the gateway's identity token in the `x-cq-identity` header, an EdDSA (Ed25519) JWT that
// this server verifies against the gateway's public keys (GATEWAY_JWKS_URL), issued by `cq-gateway` for this
// partner alone (audience `cq-partner:<PARTNER_NAME>`) and living one minute. Anything else is refused with
// UNAUTHENTICATED (HTTP 401), so nobody can go around the gateway, and a token the gateway sent to another partner
// does not work here.
//
//   PORT=4100 GATEWAY_JWKS_URL=http://127.0.0.1:4000/.well-known/jwks.json PARTNER_NAME=cqmes node server.mjs
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath, URL } from 'node:url';
import { ApolloServer } from '@apollo/server';
import {
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginSchemaReportingDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import { startStandaloneServer } from '@apollo/server/standalone';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, parse } from 'graphql';
import { createRemoteJWKSet, jwtVerify } from 'jose';

/** The schema the gateway composes: give the same file as `sdlFile` in the gateway's partners file. */
export const schemaPath = fileURLToPath(new URL('./schema.graphql', import.meta.url));

/** The header the gateway puts its identity token in. */
export const IDENTITY_HEADER = 'x-cq-identity';

/**
 * The society's own records, keyed by the hub's person id (the society learns it from the member links it keeps in
 * the hub: `linkSocietyMember`, `Person.societyLinks`). A real society reads its own database here.
 */
export const FELLOWSHIPS = {
  50: [{ society: '重庆市机械工程学会', grade: '会士', since: '2019' }],
  100: [
    { society: '重庆市机械工程学会', grade: '高级会员', since: '2015' },
    { society: '重庆市机械工程学会', grade: '会士', since: '2022' },
  ],
};

const unauthenticated = (message) => new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * Verifies the gateway's token: signature by a key of the gateway's key set, issuer `cq-gateway`, audience
 * `cq-partner:<name>`, at most a minute old. Answers who is asking: `{ subject, role, organisationId }` (role
 * `ANONYMOUS` for a caller of the public directory).
 */
export function identityVerifier({ jwksUrl, name }) {
  // Fetched on first use, cached, and fetched again when a token names a key it has not seen (a new gateway key).
  const keys = createRemoteJWKSet(new URL(jwksUrl));
  return async (token) => {
    if (!token) throw unauthenticated('请经由平台网关访问 · Expected a request through the hub\'s gateway, with its identity token in x-cq-identity; received none.');
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer: 'cq-gateway',
        audience: `cq-partner:${name}`,
        algorithms: ['EdDSA'],
        maxTokenAge: '60s',
        requiredClaims: ['iat', 'exp', 'sub', 'role'],
      });
      return { subject: payload.sub, role: payload.role, organisationId: typeof payload.org === 'string' ? payload.org : null };
    } catch {
      throw unauthenticated('身份令牌无效 · Expected the gateway\'s identity token for this partner; the one received does not verify (signature, issuer, audience or age).');
    }
  };
}

/**
 * Starts the society's subgraph. `onIdentity(identity, token)` is called for every request that verified (to log
 * or audit who asked). Answers `{ url, close() }`.
 */
export async function startPartner({ port = 4100, host = '127.0.0.1', jwksUrl, name, fellowships = FELLOWSHIPS, onIdentity } = {}) {
  if (!jwksUrl || !name) throw new Error('startPartner: expected { jwksUrl, name } (the gateway\'s /.well-known/jwks.json and the partner\'s name in the gateway\'s partners file).');
  const verify = identityVerifier({ jwksUrl, name });
  const schema = buildSubgraphSchema({
    typeDefs: parse(readFileSync(schemaPath, 'utf8')),
    resolvers: {
      Person: {
        // The gateway sends `{ __typename: "Person", id }`: the society needs nothing else of the hub's.
        __resolveReference: (reference) => reference,
        fellowships: (person) => fellowships[person.id] ?? [],
      },
    },
  });
  const server = new ApolloServer({
    schema,
    // Nothing leaves the machine: no usage or schema reporting, no landing page loaded from a CDN; no resolver
    // timings in the answers either.
    plugins: [ApolloServerPluginUsageReportingDisabled(), ApolloServerPluginSchemaReportingDisabled(), ApolloServerPluginLandingPageDisabled(), ApolloServerPluginInlineTraceDisabled()],
    introspection: false,
    // Stack traces stay in the society's own logs, whatever NODE_ENV says.
    includeStacktraceInErrorResponses: false,
  });
  const { url } = await startStandaloneServer(server, {
    listen: { port, host },
    context: async ({ req }) => {
      const header = req.headers[IDENTITY_HEADER];
      const token = typeof header === 'string' ? header : undefined;
      const identity = await verify(token);
      onIdentity?.(identity, token);
      return { identity };
    },
  });
  return { url: new URL('/graphql', url).href, close: () => server.stop() };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const partner = await startPartner({
    port: Number(process.env.PORT ?? 4100),
    host: process.env.HOST ?? '127.0.0.1',
    jwksUrl: process.env.GATEWAY_JWKS_URL ?? 'http://127.0.0.1:4000/.well-known/jwks.json',
    name: process.env.PARTNER_NAME ?? 'cqmes',
  });
  process.stdout.write(`合作学会子图已启动 · partner subgraph listening at ${partner.url}\n`);
  const stop = () => partner.close().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
