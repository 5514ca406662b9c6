// What every subgraph shares: its schema from schema/<name>.graphql, an Apollo Server with the same error policy,
// and the way it starts as a service of its own.
import { ApolloServer, type BaseContext } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { GraphQLFormattedError } from 'graphql';
import { loadConfig, type SubgraphName } from './config.ts';
import { serve, type Listening } from './http.ts';
import { readSubgraphSdl } from './sdl.ts';

export interface SubgraphServer {
  name: SubgraphName;
  listen(options: { host: string; port: number; ready: () => Promise<void> }): Promise<Listening>;
}

/** Errors without a code of ours are failures of the service: clients get a code and no internals. */
export function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (code && code !== 'INTERNAL_SERVER_ERROR') return formatted;
  console.error(error);
  return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

export function subgraphServer<TContext extends BaseContext>(
  name: SubgraphName,
  resolvers: unknown,
  createContext: () => TContext,
): SubgraphServer {
  const schema = buildSubgraphSchema({ typeDefs: readSubgraphSdl(name), resolvers: resolvers as GraphQLResolverMap<unknown> });
  return {
    name,
    listen: ({ host, port, ready }) =>
      serve(
        (drain) =>
          new ApolloServer<TContext>({
            schema,
            // Inline traces are for Apollo's hosted studio, which this deployment does not use.
            plugins: [drain, ApolloServerPluginInlineTraceDisabled()],
            formatError,
            includeStacktraceInErrorResponses: false,
          }),
        { host, port, ready, context: async () => createContext() },
      ),
  };
}

interface OpenedDatabase<TDb> {
  db: TDb;
  migrate(): Promise<void>;
  ping(): Promise<void>;
}

/** Starts one subgraph as a service of its own, configured from the environment. */
export async function runSubgraph<TDb>(
  name: SubgraphName,
  openDatabase: (options: { url?: string; dataDir?: string }) => Promise<OpenedDatabase<TDb>>,
  create: (db: TDb) => SubgraphServer,
): Promise<Listening> {
  const config = loadConfig();
  const own = config.subgraphs[name];
  const database = await openDatabase(own.databaseUrl ? { url: own.databaseUrl } : { dataDir: config.pgliteDir });
  await database.migrate();
  const listening = await create(database.db).listen({ host: config.host, port: own.port, ready: database.ping });
  console.log(`${name} subgraph ready at ${listening.url}`);
  return listening;
}
