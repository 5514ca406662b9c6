// Serves an Apollo Server over HTTP with the two probes every service here has: /health (the process answers) and
// /ready (its dependencies answer), and its metrics at /metrics (docs/operations.md). Used by the gateway and by
// each subgraph.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext, type ContextFunction } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import express, { type ErrorRequestHandler } from 'express';
import type { Registry } from 'prom-client';
import type { Observability } from './config.ts';
import { log } from './log.ts';
import { serviceMetrics, type PoolUsage } from './metrics.ts';
import { localOnlyPlugins } from './offline.ts';
import { startTracing } from './tracing.ts';

export interface Listening {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface ServeOptions<TContext extends BaseContext> {
  /** What the service is called on its landing page. */
  name: string;
  host: string;
  port: number;
  context: ContextFunction<[ExpressContextFunctionArgument], TContext>;
  /** Throws (or rejects) when the service cannot do its work; /ready then answers 503 with the reason. */
  ready: () => Promise<void>;
  /** Middleware in front of /graphql and of `routes` (the gateway's rate limit). */
  before?: express.RequestHandler[];
  /**
   * Endpoints beside /graphql that run operations on the same server with the same context (the gateway's exports),
   * by path. They get `before` and the JSON body parser too.
   */
  routes?: (server: ApolloServer<TContext>, contextOf: (req: express.Request, res: express.Response) => Promise<TContext>) => Record<string, express.RequestHandler>;
  /** Metrics and traces (docs/operations.md); without it, metrics on and tracing off. */
  observability?: ServiceObservability;
  /** Files served at / (the gateway's web app), after every other path. */
  assets?: express.RequestHandler;
}

export interface ServiceObservability extends Partial<Observability> {
  /** The `service` label of the metrics and the service.name of the spans; `name` without it. */
  service?: string;
  /** Metrics of the service's own to serve beside the common ones (the gateway's per subgraph). */
  registry?: Registry | undefined;
  /** The database pool, read at each scrape. */
  pool?: (() => PoolUsage) | undefined;
  /** Register this service's tracer provider for the whole process (the gateway: see startTracing). */
  globalTracer?: boolean;
}

/** The largest request body any service accepts. */
export const MAX_BODY = '1mb';

/**
 * A body that is not JSON, or too large, is answered in GraphQL's error shape (never an HTML page with a stack):
 * 400 BAD_REQUEST or 413 PAYLOAD_TOO_LARGE.
 */
const bodyErrors: ErrorRequestHandler = (error: { type?: string; status?: number; message?: string }, _req, res, next) => {
  if (res.headersSent) return next(error);
  const tooLarge = error.type === 'entity.too.large';
  const status = tooLarge ? 413 : (error.status ?? 500) < 500 ? error.status! : 500;
  const answer = tooLarge
    ? { message: `Expected a request body of at most ${MAX_BODY}.`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }
    : status < 500
      ? { message: `Expected a JSON request body ({"query": "…", "variables": {…}}), received one that does not parse: ${error.message ?? 'malformed'}.`, extensions: { code: 'BAD_REQUEST' } }
      : { message: 'Internal server error', extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  if (status >= 500) log.error({ err: error }, 'request body failed');
  res.status(status).json({ errors: [answer] });
};

/**
 * `build` receives the plugins every server here must have: the drain, so the server can be stopped without cutting
 * requests in flight, those that keep everything on this machine, and those that count and trace each operation.
 */
export async function serve<TContext extends BaseContext>(
  build: (plugins: ApolloServerPlugin<BaseContext>[]) => ApolloServer<TContext>,
  options: ServeOptions<TContext>,
): Promise<Listening> {
  const app = express();
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const { service = options.name, metrics: metricsOn = true, tracesEndpoint, registry, pool, globalTracer } = options.observability ?? {};
  const metrics = metricsOn ? serviceMetrics(service, { registry, pool }) : undefined;
  const tracing = await startTracing(service, tracesEndpoint, { global: globalTracer });
  const observed = [metrics?.plugin, tracing?.plugin].filter((p) => p !== undefined);
  const server = build([ApolloServerPluginDrainHttpServer({ httpServer }), ...localOnlyPlugins(options.name), ...observed]);
  await server.start();

  app.disable('x-powered-by');
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/ready', async (_req, res) => {
    try {
      await options.ready();
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ status: 'unavailable', reason: error instanceof Error ? error.message : String(error) });
    }
  });
  // Outside /graphql, so neither the rate limit nor authentication applies to it; cheap to answer.
  if (metrics) app.get('/metrics', metrics.handler);
  app.use(
    '/graphql',
    ...(metrics ? [metrics.countResponses] : []),
    ...(options.before ?? []),
    express.json({ limit: MAX_BODY }),
    // After the body is read: the body parser's stream callbacks would lose the span made active here.
    ...(tracing ? [tracing.middleware] : []),
    expressMiddleware(server, { context: options.context }),
  );
  const contextOf = (req: express.Request, res: express.Response) => options.context({ req, res });
  for (const [path, handler] of Object.entries(options.routes?.(server, contextOf) ?? {})) {
    app.use(path, ...(metrics ? [metrics.countResponses] : []), ...(options.before ?? []), express.json({ limit: MAX_BODY }), handler);
  }
  if (options.assets) app.use('/', options.assets);
  app.use(bodyErrors);

  httpServer.listen(options.port, options.host);
  await once(httpServer, 'listening');
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    async close() {
      await server.stop();
      await tracing?.shutdown();
    },
  };
}

/**
 * Stops the service gracefully on SIGTERM or SIGINT: stop taking requests, let those in flight finish (the drain),
 * close the database pool, exit 0. A stop that hangs past `graceMs` exits 1 rather than never.
 */
export function stopOnSignals(stop: () => Promise<void>, graceMs = 10_000): void {
  const onSignal = (signal: NodeJS.Signals) => {
    log.info({ signal }, 'stopping');
    setTimeout(() => process.exit(1), graceMs).unref();
    stop().then(
      () => process.exit(0),
      (error: unknown) => {
        log.error({ err: error }, 'could not stop cleanly');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
