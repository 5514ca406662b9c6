// The gateway: @apollo/gateway over the committed supergraph, with each subgraph's URL taken from configuration.
import { readFileSync } from 'node:fs';
import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { formatError } from '@cq/common/subgraph';
import { serve, type Listening, type SubgraphName } from '@cq/common';

export const supergraphSdl = () => readFileSync(new URL('../../schema/supergraph.graphql', import.meta.url), 'utf8');

export interface GatewayOptions {
  host: string;
  port: number;
  subgraphUrls: Record<SubgraphName, string>;
}

export async function startGateway(options: GatewayOptions): Promise<Listening> {
  const gateway = new ApolloGateway({
    supergraphSdl: supergraphSdl(),
    buildService: ({ name, url }) => new RemoteGraphQLDataSource({ url: options.subgraphUrls[name as SubgraphName] ?? url }),
  });
  return serve(
    (drain) =>
      new ApolloServer({
        gateway,
        plugins: [drain],
        formatError,
        includeStacktraceInErrorResponses: false,
      }),
    {
      host: options.host,
      port: options.port,
      context: async () => ({}),
      ready: () => subgraphsReady(options.subgraphUrls),
    },
  );
}

/** Ready when every subgraph says it is (each checks its own database). */
async function subgraphsReady(urls: Record<SubgraphName, string>): Promise<void> {
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
