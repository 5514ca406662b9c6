// The whole graph in one process: three subgraphs and the gateway, each on its own port. `npm start`, the
// end-to-end tests and the bench all start it this way.
import type { Config, Listening, SubgraphName } from '@cq/service-kit';
import type { Database } from '@cq/db';
import { createActivitiesSubgraph } from '@cq/activities/server';
import { createOrganisationsSubgraph } from '@cq/organisations/server';
import { createPeopleSubgraph } from '@cq/people/server';
import { type DemoSignIn, startGateway } from '@cq/gateway';

export interface GraphOptions {
  host: string;
  /** 0 picks a free port. */
  ports: Record<SubgraphName | 'gateway', number>;
  /** One database per subgraph; they may be one and the same. */
  databases: Record<SubgraphName, Database>;
  auth: Config['auth'];
  limits: Config['limits'];
  production: boolean;
  /** Metrics and traces (docs/operations.md); without it, metrics on and tracing off. */
  observability?: Config['observability'];
  /** Registered operations only; off when absent. */
  trustedDocuments?: Config['trustedDocuments'];
  /** The gateway's answer cache; off when absent. */
  cache?: Config['cache'];
  /** Roles the explorer's sign-in page offers (development only). */
  demoSignIn?: readonly DemoSignIn[];
  /** Partner societies' subgraphs beside the hub's (docs/partners.md). */
  partners?: Config['partners'];
}

export interface RunningGraph {
  url: string;
  subgraphs: Record<SubgraphName, Listening>;
  /** Recomposes the gateway's supergraph from the partners file (SIGHUP). */
  reloadPartners(reason?: string): Promise<{ applied: boolean }>;
  close(): Promise<void>;
}

const factories = {
  organisations: createOrganisationsSubgraph,
  people: createPeopleSubgraph,
  activities: createActivitiesSubgraph,
} as const;

export async function startGraph({ host, ports, databases, auth, limits, production, observability, trustedDocuments, cache, demoSignIn, partners }: GraphOptions): Promise<RunningGraph> {
  const names = Object.keys(factories) as SubgraphName[];
  const listening = await Promise.all(
    names.map((name) =>
      factories[name](databases[name].db).listen({
        host,
        port: ports[name],
        ready: () => databases[name].ping(),
        internalSecret: auth.internalSecret,
        observability,
        // Under `npm start` the subgraphs share one database: each reports the same pool.
        pool: () => databases[name].pool(),
      }),
    ),
  );
  const subgraphs = Object.fromEntries(names.map((name, i) => [name, listening[i]!])) as Record<SubgraphName, Listening>;
  const gateway = await startGateway({
    host,
    port: ports.gateway,
    auth,
    limits,
    production,
    observability,
    trustedDocuments,
    ...(cache ? { cache } : {}),
    ...(demoSignIn ? { demoSignIn } : {}),
    ...(partners ? { partners } : {}),
    subgraphUrls: Object.fromEntries(names.map((name) => [name, subgraphs[name].url])) as Record<SubgraphName, string>,
  });
  return {
    url: gateway.url,
    subgraphs,
    reloadPartners: gateway.reloadPartners,
    async close() {
      await gateway.close();
      await Promise.all(listening.map((l) => l.close()));
    },
  };
}
