// The gateway: @apollo/gateway over the committed supergraph, with each subgraph's URL taken from configuration.
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ANONYMOUS, type Config, IDEMPOTENCY_HEADER, parseIdempotencyKey, disableGatewayTelemetry, formatError, type Identity, INTERNAL_HEADER, internalIdentitySigner, type Listening, log, serve, type SubgraphName, unauthenticated, userTokenVerifier } from '@cq/service-kit';
import { GraphQLError } from 'graphql';
import { costLimit } from './cost.ts';
import { specStatusCodes } from './http-status.ts';
import { inputGuard } from './input.ts';
import { protection } from './limits.ts';
import { perCallerRateLimit } from './rate-limit.ts';

export const supergraphSdl = () => readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');

export interface GatewayOptions {
  host: string;
  port: number;
  /** Where each subgraph of the supergraph listens, by subgraph name. */
  subgraphUrls: Record<SubgraphName, string> & Record<string, string>;
  /** A supergraph other than the committed one, e.g. one with a partner's subgraph composed in. */
  supergraphSdl?: string;
  auth: Config['auth'];
  limits: Config['limits'];
  production: boolean;
}

export interface GatewayContext {
  identity: Identity;
  /** Passed on to the subgraphs with the mutations of this request (see service-kit's idempotency.ts). */
  idempotencyKey?: string;
}

export async function startGateway(options: GatewayOptions): Promise<Listening> {
  disableGatewayTelemetry();
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl ?? supergraphSdl(),
    buildService: ({ name, url }) =>
      new SubgraphDataSource(name, options.auth.internalSecret, {
        url: options.subgraphUrls[name] ?? url,
        fetcher: subgraphFetcher(name, options.limits.timeoutMs),
      }),
  });
  const verify = userTokenVerifier(options.auth);
  const armor = protection(options.limits, options.production);
  return serve(
    (base) =>
      new ApolloServer<GatewayContext>({
        gateway,
        ...armor,
        plugins: [...base, ...armor.plugins, inputGuard(), costLimit(options.limits.maxCost), specStatusCodes()],
        introspection: !options.production,
        formatError,
        includeStacktraceInErrorResponses: false,
      }),
    {
      name: 'gateway',
      host: options.host,
      port: options.port,
      // No token: the anonymous public directory. A token that does not verify: 401, never a silent downgrade.
      context: async ({ req }) => {
        const idempotencyKey = parseIdempotencyKey(req.header(IDEMPOTENCY_HEADER));
        const header = req.header('authorization');
        if (!header) return { identity: ANONYMOUS, idempotencyKey };
        const [scheme, token] = header.split(' ');
        if (scheme?.toLowerCase() !== 'bearer' || !token) throw unauthenticated('Expected an Authorization header of the form "Bearer <token>".');
        return { identity: await verify(token), idempotencyKey };
      },
      ready: () => subgraphsReady(options.subgraphUrls),
      before: [perCallerRateLimit(options.limits.ratePerMinute)].filter((m) => m !== undefined),
    },
  );
}

/**
 * Calls one subgraph with the per-request timeout. A subgraph that cannot be reached or does not answer in time
 * fails its part of the answer with SUBGRAPH_UNAVAILABLE naming it (never the internal address), and leaves one
 * line in the log, not a stack.
 */
function subgraphFetcher(name: string, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    try {
      return await fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    } catch (error) {
      const timedOut = error instanceof Error && error.name === 'TimeoutError';
      const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
      log.warn({ subgraph: name, cause: timedOut ? `no answer within ${timeoutMs} ms` : cause }, 'subgraph unavailable');
      throw new GraphQLError(
        timedOut
          ? `子图 ${name} 未在 ${timeoutMs} 毫秒内响应 · The ${name} subgraph did not answer within ${timeoutMs} ms; try again shortly.`
          : `子图 ${name} 暂时无法访问 · The ${name} subgraph cannot be reached; try again shortly.`,
        { extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: name } },
      );
    }
  };
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
  ) {
    super(config);
    this.sign = internalIdentitySigner(internalSecret);
  }

  /** Vouches to the subgraph for who is asking. */
  override async willSendRequest({ request, context }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>['willSendRequest']>>[0]) {
    const { identity, idempotencyKey } = context as Partial<GatewayContext>;
    request.http?.headers.set(INTERNAL_HEADER, await this.sign(identity ?? ANONYMOUS, this.subgraph));
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
