// Serves an Apollo Server over HTTP with the two probes every service here has: /health (the process answers) and
// /ready (its dependencies answer). Used by the gateway and by each subgraph.
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, type ApolloServerPlugin, type BaseContext, type ContextFunction } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { expressMiddleware, type ExpressContextFunctionArgument } from '@as-integrations/express5';
import express from 'express';
import { localOnlyPlugins } from './offline.ts';

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
}

/**
 * `build` receives the plugins every server here must have: the drain, so the server can be stopped without cutting
 * requests in flight, and those that keep everything on this machine.
 */
export async function serve<TContext extends BaseContext>(
  build: (plugins: ApolloServerPlugin<BaseContext>[]) => ApolloServer<TContext>,
  options: ServeOptions<TContext>,
): Promise<Listening> {
  const app = express();
  const httpServer = http.createServer(app);
  httpServer.keepAliveTimeout = 65_000;
  const server = build([ApolloServerPluginDrainHttpServer({ httpServer }), ...localOnlyPlugins(options.name)]);
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
  app.use('/graphql', express.json({ limit: '1mb' }), expressMiddleware(server, { context: options.context }));

  httpServer.listen(options.port, options.host);
  await once(httpServer, 'listening');
  const port = (httpServer.address() as AddressInfo).port;
  return {
    url: `http://${options.host}:${port}/graphql`,
    port,
    close: () => server.stop(),
  };
}
