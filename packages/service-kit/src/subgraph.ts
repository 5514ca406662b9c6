// What every subgraph shares: its schema from schema/<name>.graphql, an Apollo Server with the same error policy,
// and the way it starts as a service of its own.
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { auditPlugin, journaledMutations, type Journal } from './audit.ts';
import { cacheHints } from './cache-hints.ts';
import { INTERNAL_HEADER, verifyInternalIdentity, type Identity } from './auth.ts';
import { loadConfig, type Observability, type SubgraphName } from './config.ts';
import { formatError } from './format-error.ts';
import { IDEMPOTENCY_HEADER, parseIdempotencyKey } from './idempotency.ts';
import { log } from './log.ts';
import { serve, stopOnSignals, type Listening } from './http.ts';
import type { PoolUsage } from './metrics.ts';
import { readSubgraphSdl } from './sdl.ts';

export interface SubgraphServer {
  name: SubgraphName;
  /** `internalSecret` verifies the identity the gateway forwards; a request without it is refused with 401. */
  listen(options: { host: string; port: number; ready: () => Promise<void>; internalSecret: string; observability?: Observability; pool?: () => PoolUsage }): Promise<Listening>;
}

export function subgraphServer<TContext extends BaseContext>(
  name: SubgraphName,
  resolvers: unknown,
  createContext: (identity: Identity) => TContext,
  journal: Journal,
): SubgraphServer {
  const audited = journaledMutations(name, resolvers as Record<string, unknown>, journal);
  const schema = buildSubgraphSchema({ typeDefs: readSubgraphSdl(name), resolvers: audited as GraphQLResolverMap<unknown> });
  return {
    name,
    listen: ({ host, port, ready, internalSecret, observability, pool }) =>
      serve(
        (base) =>
          new ApolloServer<TContext>({
            schema,
            // Inline traces are for Apollo's hosted studio, which this deployment does not use, and Apollo's
            // cache-control plugin computes per field what cache-hints.ts computes per operation; each would
            // otherwise wrap every field resolver of every request.
            plugins: [...base, ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), cacheHints(schema), auditPlugin(name, journal)],
            formatError,
            includeStacktraceInErrorResponses: false,
          }),
        {
          name: `${name} subgraph`,
          host,
          port,
          ready,
          observability: { ...observability, service: name, pool },
          context: async ({ req }) => ({
            ...createContext(await verifyInternalIdentity(req.header(INTERNAL_HEADER), internalSecret, name)),
            idempotencyKey: parseIdempotencyKey(req.header(IDEMPOTENCY_HEADER)),
          }),
        },
      ),
  };
}

interface OpenedDatabase<TDb> {
  db: TDb;
  migrate(): Promise<void>;
  ping(): Promise<void>;
  pool(): PoolUsage;
  close(): Promise<void>;
}

/** Starts one subgraph as a service of its own, configured from the environment. */
export async function runSubgraph<TDb>(
  name: SubgraphName,
  openDatabase: (options: { url?: string; dataDir?: string }) => Promise<OpenedDatabase<TDb>>,
  create: (db: TDb) => SubgraphServer,
): Promise<Listening> {
  const config = loadConfig();
  const own = config.subgraphs[name];
  // PGlite is one process's database: a service started alone gets an embedded folder of its own.
  const database = await openDatabase(own.databaseUrl ? { url: own.databaseUrl } : { dataDir: `${config.pgliteDir}-${name}` });
  await database.migrate();
  const listening = await create(database.db).listen({
    host: config.host,
    port: own.port,
    ready: () => database.ping(),
    internalSecret: config.auth.internalSecret,
    observability: config.observability,
    pool: () => database.pool(),
  });
  log.info({ service: name, url: listening.url }, `${name} subgraph ready`);
  stopOnSignals(async () => {
    await listening.close();
    await database.close();
  });
  return listening;
}
