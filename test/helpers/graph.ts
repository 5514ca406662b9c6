// The whole graph for an end-to-end test: a fresh database with the `tiny` demo data, the three subgraphs and the
// gateway on free ports, and helpers to query it and count the SQL statements a request causes.
import { type Database, sqlStatements } from '@cq/db';
import { type Config, type Identity, INTERNAL_HEADER, loadConfig, signInternalIdentity, signUserToken, type SubgraphName } from '@cq/service-kit';
import { SCALES, seed, type ScaleName } from '@cq/db/seed';
import { startGraph, type RunningGraph } from '@cq/launcher';
import { type DemoSignIn, startGateway } from '@cq/gateway';
import { openTestDatabase, type TestDatabase } from './database.ts';
import { expectDocumentedCodes } from './errors.ts';

export interface GraphQLResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

export interface TestGraph {
  url: string;
  graph: RunningGraph;
  database: TestDatabase;
  /** As municipal staff (who may see and do everything), through the gateway unless `url` names a subgraph. */
  query<T = any>(query: string, variables?: Record<string, unknown>, url?: string): Promise<GraphQLResponse<T>>;
  /** As someone else; null is the anonymous caller (no token at all). */
  queryAs<T = any>(identity: Identity | null, query: string, variables?: Record<string, unknown>, url?: string): Promise<GraphQLResponse<T>>;
  /** A request with headers of the test's choosing, through the gateway. */
  post(body: unknown, headers?: Record<string, string>, url?: string): Promise<{ status: number; body: any }>;
  /** Runs `request` and returns its result with the number of SQL statements it caused. */
  countStatements<T>(request: () => Promise<T>): Promise<{ result: T; statements: number }>;
  close(): Promise<void>;
}

export const MUNICIPAL_STAFF: Identity = { subject: 'test.municipal', role: 'MUNICIPAL_STAFF', organisationId: null };

/** The three subgraphs and the gateway on free ports over the given databases, configured as the tests run. */
export function startGraphOver(databases: Record<SubgraphName, Database>): Promise<RunningGraph> {
  const { auth, limits, production } = loadConfig();
  return startGraph({ host: '127.0.0.1', ports: { gateway: 0, organisations: 0, people: 0, activities: 0 }, databases, auth, limits, production });
}

export interface GatewayOverrides {
  limits?: Partial<Config['limits']>;
  /** Stand-ins for the subgraphs, by name; the graph's own subgraphs otherwise. */
  urls?: Record<string, string>;
  production?: boolean;
  trustedDocuments?: Config['trustedDocuments'];
  cache?: Config['cache'];
  demoSignIn?: readonly DemoSignIn[];
  /** Partner societies' subgraphs (docs/partners.md): the partners file, and optionally a signing key and the poll. */
  partners?: { file: string; signingKeyFile?: string; pollSeconds?: number };
  /** A port of the test's choosing (a partner needs the gateway's JWKS address before the gateway starts); 0 picks one. */
  port?: number;
}

/** Another gateway over a running graph's subgraphs, with limits and options of the test's choosing. */
export function startGatewayOver(graph: RunningGraph, { limits, urls, production = false, trustedDocuments, cache, demoSignIn, partners, port = 0 }: GatewayOverrides = {}) {
  const config = loadConfig();
  return startGateway({
    host: '127.0.0.1',
    port,
    ...(partners ? { partners: { signingKeyFile: undefined, pollSeconds: 0, ...partners } } : {}),
    auth: config.auth,
    limits: { ...config.limits, ...limits },
    production,
    trustedDocuments,
    ...(cache ? { cache } : {}),
    ...(demoSignIn ? { demoSignIn } : {}),
    subgraphUrls: (urls ?? Object.fromEntries(Object.entries(graph.subgraphs).map(([name, s]) => [name, s.url]))) as never,
  });
}

export async function startTestGraph(scale: ScaleName = 'tiny'): Promise<TestGraph> {
  const database = await openTestDatabase();
  await database.migrate();
  const { auth } = loadConfig();
  await seed(database.db, SCALES[scale], { identityNumberKey: auth.identityNumberKey });
  const graph = await startGraphOver({ organisations: database, people: database, activities: database });
  const subgraphAt = new Map(Object.entries(graph.subgraphs).map(([name, s]) => [s.url, name]));

  async function post(body: unknown, headers: Record<string, string> = {}, url = graph.url) {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    const answer: unknown = await res.json().catch(() => null);
    expectDocumentedCodes(answer);
    return { status: res.status, body: answer as any };
  }

  async function queryAs<T>(identity: Identity | null, query: string, variables?: Record<string, unknown>, url = graph.url): Promise<GraphQLResponse<T>> {
    // A subgraph only listens to the gateway: a test that calls one directly signs as the gateway would.
    const subgraph = subgraphAt.get(url);
    const headers: Record<string, string> = subgraph
      ? { [INTERNAL_HEADER]: await signInternalIdentity(identity ?? { subject: 'anonymous', role: 'ANONYMOUS', organisationId: null }, auth.internalSecret, subgraph) }
      : identity
        ? { authorization: `Bearer ${await signUserToken(identity, auth.secret)}` }
        : {};
    const { status, body } = await post({ query, variables }, headers, url);
    return { ...(body as GraphQLResponse<T>), status };
  }

  const query = <T>(q: string, variables?: Record<string, unknown>, url?: string) => queryAs<T>(MUNICIPAL_STAFF, q, variables, url);

  return {
    url: graph.url,
    graph,
    database,
    query,
    queryAs,
    post,
    async countStatements(request) {
      const before = sqlStatements.count;
      const result = await request();
      return { result, statements: sqlStatements.count - before };
    },
    async close() {
      await graph.close();
      await database.close();
    },
  };
}

/** Fails with the query's errors in the message, so a broken test says what the server said. */
export function expectData<T>(response: GraphQLResponse<T>): T {
  if (response.errors?.length || !response.data) {
    throw new Error(`Expected data without errors, received ${JSON.stringify(response, null, 2)}`);
  }
  return response.data;
}
