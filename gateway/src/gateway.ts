// The gateway: @apollo/gateway over the committed supergraph, with each subgraph's URL taken from configuration.
import { readFileSync } from 'node:fs';
import type { Fetcher } from '@apollo/utils.fetcher';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ANONYMOUS, callerIdentity, type Config, IDEMPOTENCY_HEADER, parseIdempotencyKey, disableGatewayTelemetry, formatError, type Identity, INTERNAL_HEADER, internalIdentitySigner, type Listening, serve, type SubgraphName } from '@cq/service-kit';
import { GraphQLError } from 'graphql';
import { answerCache, scopeKey } from './cache.ts';
import { costLimit } from './cost.ts';
import { boundedFetcher, DEADLINE_HEADER, responseSizeCap } from './deadline.ts';
import { dedupedFetcher, SCOPE_HEADER, sharedExecutions } from './dedupe.ts';
import { specStatusCodes } from './http-status.ts';
import { apiSchemaKeeper, exportRoute } from './export/route.ts';
import { type DemoSignIn, explorerAssets, explorerRoutes, introspectionForStaff } from './explorer.ts';
import { inputGuard } from './input.ts';
import { injectTraceContext, subgraphMetrics } from './observability.ts';
import { protection } from './limits.ts';
import { isPartner, partnersOf } from './partners/index.ts';
import { perCallerRateLimit } from './rate-limit.ts';
import { MATCH_OPERATION, societyMatchRoute } from './societies/match.ts';
import { loadManifest, trustedDocumentsOnly } from './trusted-documents.ts';

export type { DemoSignIn } from './explorer.ts';

export const supergraphSdl = () => readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');

export interface GatewayOptions {
  host: string;
  port: number;
  /** Where each subgraph of the supergraph listens, by subgraph name. */
  subgraphUrls: Record<SubgraphName, string> & Record<string, string>;
  /** A supergraph other than the committed one (without a partners file). */
  supergraphSdl?: string;
  /** Partner societies' subgraphs (docs/partners.md); the hub alone when absent or without a file. */
  partners?: Config['partners'];
  auth: Config['auth'];
  limits: Config['limits'];
  /** The answer cache (cache.ts); off when absent. */
  cache?: Config['cache'];
  production: boolean;
  /** Registered operations only (trusted-documents.ts); off when absent. */
  trustedDocuments?: Config['trustedDocuments'];
  /** Metrics and traces (docs/operations.md); without it, metrics on and tracing off. */
  observability?: Config['observability'];
  /** Roles the explorer's sign-in page offers, with the development secret only (explorer.ts). */
  demoSignIn?: readonly DemoSignIn[];
}

/** Rows an export asks for per page: the largest page the lists accept. */
const EXPORT_PAGE_SIZE = 100;

export interface GatewayContext {
  identity: Identity;
  /** Passed on to the subgraphs with the mutations of this request (see service-kit's idempotency.ts). */
  idempotencyKey?: string;
  /** When the whole request must be answered by (epoch milliseconds): every subgraph call shares it. */
  deadline: number;
}

/** A running gateway; `reloadPartners` recomposes from the partners file (SIGHUP, docs/partners.md). */
/**
 * Our fetch chain as the data source's Fetcher. The data source sends JSON strings only; the cast keeps the types
 * agreeing whether `fetch` is typed by Node's declarations alone or also by lib.dom (which Hive Gateway's types pull
 * into any program that compiles hive.ts beside this file).
 */
const apolloFetcher = (fetcher: typeof fetch): Fetcher => fetcher as unknown as Fetcher;

export interface GatewayListening extends Listening {
  reloadPartners: (reason?: string) => Promise<{ applied: boolean }>;
}

export async function startGateway(options: GatewayOptions): Promise<GatewayListening> {
  disableGatewayTelemetry();
  const metrics = subgraphMetrics(options.observability);
  const partners = await partnersOf({ partners: options.partners, production: options.production, hubSupergraph: options.supergraphSdl ?? supergraphSdl() });
  const gateway = new ApolloGateway({
    supergraphSdl: partners.manager,
    // A partner's subgraph listens where the partners file says, and gets a token of its own (partners/token.ts).
    buildService: ({ name, url }) =>
      new SubgraphDataSource(
        name,
        options.auth.internalSecret,
        { url: isPartner(name) ? url : (options.subgraphUrls[name] ?? url), fetcher: apolloFetcher(dedupedFetcher(metrics.instrument(name, boundedFetcher(name, options.limits)))) },
        isPartner(name) ? partners.sign : undefined,
      ),
  });
  // No token: the anonymous public directory. A token that does not verify: 401, never a silent downgrade.
  const identityOf = callerIdentity(options.auth);
  const armor = protection(options.limits, options.production);
  const manifest = loadManifest(options.trustedDocuments?.file);
  const trusted = options.trustedDocuments?.only ? trustedDocumentsOnly(manifest) : undefined;
  const apiSchema = apiSchemaKeeper();
  const exports = exportRoute(
    { registered: new Map(manifest.operations.map((o) => [o.name, o.body])), pageSize: EXPORT_PAGE_SIZE, maxRows: options.limits.exportMaxRows, maxTokens: options.limits.maxTokens },
    apiSchema.schema,
  );
  const listening = await serve(
    (base) =>
      new ApolloServer<GatewayContext>({
        gateway: sharedExecutions(gateway, () => metrics.sharedExecution()),
        ...armor,
        plugins: [
          ...base,
          ...armor.plugins,
          inputGuard(),
          costLimit(options.limits.maxCost),
          specStatusCodes(),
          ...(trusted ? [trusted.plugin] : []),
          apiSchema.plugin,
          introspectionForStaff(options.production),
          ...answerCache(options.cache?.maxAgeSeconds ?? 0),
        ],
        ...(trusted ? { persistedQueries: trusted.persistedQueries } : {}),
        // Gated per caller instead: everyone in development, signed-in staff in production (explorer.ts).
        introspection: true,
        formatError,
        includeStacktraceInErrorResponses: false,
      }),
    {
      name: 'gateway',
      // The gateway's tracer is the process's: @apollo/gateway makes its spans through the global API.
      observability: { ...options.observability, service: 'gateway', registry: metrics.registry, globalTracer: true },
      host: options.host,
      port: options.port,
      context: async ({ req }) => ({
        identity: await identityOf(req.header('authorization')),
        idempotencyKey: parseIdempotencyKey(req.header(IDEMPOTENCY_HEADER)),
        deadline: Date.now() + options.limits.timeoutMs,
      }),
      ready: () => subgraphsReady(options.subgraphUrls),
      routes: (server, contextOf) => ({
        '/export': exports(server, contextOf),
        '/societies/match': societyMatchRoute(manifest.operations.find((o) => o.name === MATCH_OPERATION)?.body ?? '')(server, contextOf),
        ...explorerRoutes({ authSecret: options.auth.secret, demoSignIn: options.auth.development ? options.demoSignIn : undefined, whoAmI: identityOf }),
        ...partners.routes(identityOf),
      }),
      assets: explorerAssets(),
      before: [perCallerRateLimit(options.limits.ratePerMinute), responseSizeCap(options.limits.maxResponseBytes)].filter((m) => m !== undefined),
    },
  );
  await partners.listening();
  return { ...listening, reloadPartners: partners.reload };
}

/** Ready when every subgraph says it is (each checks its own database). */
async function subgraphsReady(urls: Record<string, string>): Promise<void> {
  const failures: string[] = [];
  await Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const res = await fetch(new URL('/ready', url), { signal: AbortSignal.timeout(2000) });
        if (!res.ok) failures.push(`${name}: HTTP ${res.status}`);
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }),
  );
  if (failures.length) throw new Error(`subgraphs not ready: ${failures.join('; ')}`);
}

type FetcherResponse = Parameters<RemoteGraphQLDataSource['errorFromResponse']>[0];

/** Passes a subgraph's own error on when it answers a fetch with an HTTP error status, instead of "400: Bad Request". */
class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  private readonly sign: (identity: Identity, subgraph: string) => Promise<string>;

  constructor(
    private readonly subgraph: string,
    internalSecret: string,
    config: ConstructorParameters<typeof RemoteGraphQLDataSource>[0],
    /** A partner's signer (partners/token.ts); the hub's subgraphs get the internal token. */
    sign?: (identity: Identity, subgraph: string) => Promise<string>,
  ) {
    super(config);
    this.sign = sign ?? internalIdentitySigner(internalSecret);
  }

  /** Vouches to the subgraph for who is asking. */
  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const { identity, idempotencyKey, deadline } = context as Partial<GatewayContext>;
    request.http?.headers.set(INTERNAL_HEADER, await this.sign(identity ?? ANONYMOUS, this.subgraph));
    injectTraceContext(request.http?.headers);
    if (deadline) request.http?.headers.set(DEADLINE_HEADER, String(deadline));
    request.http?.headers.set(SCOPE_HEADER, scopeKey(identity ?? ANONYMOUS));
    // Only the fetch that carries the mutation's root fields changes anything; entity fetches are reads.
    if (idempotencyKey && request.query?.trimStart().startsWith('mutation')) request.http?.headers.set(IDEMPOTENCY_HEADER, idempotencyKey);
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    const generic = await super.errorFromResponse(response);
    const body = (generic.extensions.response as { body?: { errors?: { message: string; extensions?: Record<string, unknown> }[] } }).body;
    const first = body?.errors?.[0];
    return first ? new GraphQLError(first.message, { extensions: first.extensions ?? {} }) : generic;
  }
}
