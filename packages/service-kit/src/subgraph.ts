// What every subgraph shares: its schema from schema/<name>.graphql, an Apollo Server with the same error policy,
// and the way it starts as a service of its own.
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { Kind, OperationTypeNode } from 'graphql';
import { actorOf, INTERNAL_HEADER, verifyInternalIdentity, type Identity } from './auth.ts';
import { loadConfig, type SubgraphName } from './config.ts';
import { formatError } from './format-error.ts';
import { serve, type Listening } from './http.ts';
import { readSubgraphSdl } from './sdl.ts';

export interface SubgraphServer {
  name: SubgraphName;
  /** `internalSecret` verifies the identity the gateway forwards; a request without it is refused with 401. */
  listen(options: { host: string; port: number; ready: () => Promise<void>; internalSecret: string }): Promise<Listening>;
}

export interface AuditEntry {
  service: string;
  actor: string;
  role: string;
  actorOrganisationId: number | null;
  operation: string;
  targetOrganisationId: number | null;
  outcome: string;
}

/**
 * Appends one audit record per mutation field once the response is known: who, in which role, what, about which
 * organisation, and whether it went through (OK) or with which error code it was refused.
 */
function auditPlugin(service: string, append: (entries: AuditEntry[]) => Promise<void>): ApolloServerPlugin<BaseContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, operation, response }) {
          const ctx = contextValue as Partial<{ identity: Identity; audit: { organisationId: number | null } }>;
          if (operation?.operation !== OperationTypeNode.MUTATION || !ctx.identity) return;
          const errors = response.body.kind === 'single' ? (response.body.singleResult.errors ?? []) : [];
          const entries = operation.selectionSet.selections.flatMap((s) => {
            if (s.kind !== Kind.FIELD) return [];
            const key = s.alias?.value ?? s.name.value;
            const error = errors.find((e) => e.path?.[0] === key) ?? (errors.length && !errors[0]!.path ? errors[0] : undefined);
            return [{
              service,
              actor: actorOf(ctx.identity!),
              role: ctx.identity!.role,
              actorOrganisationId: ctx.identity!.organisationId,
              operation: s.name.value,
              targetOrganisationId: ctx.audit?.organisationId ?? null,
              outcome: error ? (typeof error.extensions?.code === 'string' ? error.extensions.code : 'INTERNAL_SERVER_ERROR') : 'OK',
            }];
          });
          try {
            await append(entries);
          } catch (error) {
            console.error('could not append to the audit trail', error, entries);
          }
        },
      };
    },
  };
}

export function subgraphServer<TContext extends BaseContext>(
  name: SubgraphName,
  resolvers: unknown,
  createContext: (identity: Identity) => TContext,
  appendAudit: (entries: AuditEntry[]) => Promise<void>,
): SubgraphServer {
  const schema = buildSubgraphSchema({ typeDefs: readSubgraphSdl(name), resolvers: resolvers as GraphQLResolverMap<unknown> });
  return {
    name,
    listen: ({ host, port, ready, internalSecret }) =>
      serve(
        (base) =>
          new ApolloServer<TContext>({
            schema,
            // Inline traces are for Apollo's hosted studio, and cache hints for a CDN, neither of which this
            // deployment uses; each would otherwise wrap every field resolver of every request.
            plugins: [...base, ApolloServerPluginInlineTraceDisabled(), ApolloServerPluginCacheControlDisabled(), auditPlugin(name, appendAudit)],
            formatError,
            includeStacktraceInErrorResponses: false,
          }),
        {
          name: `${name} subgraph`,
          host,
          port,
          ready,
          context: async ({ req }) => createContext(await verifyInternalIdentity(req.header(INTERNAL_HEADER), internalSecret, name)),
        },
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
  // PGlite is one process's database: a service started alone gets an embedded folder of its own.
  const database = await openDatabase(own.databaseUrl ? { url: own.databaseUrl } : { dataDir: `${config.pgliteDir}-${name}` });
  await database.migrate();
  const listening = await create(database.db).listen({ host: config.host, port: own.port, ready: () => database.ping(), internalSecret: config.auth.internalSecret });
  console.log(`${name} subgraph ready at ${listening.url}`);
  return listening;
}
