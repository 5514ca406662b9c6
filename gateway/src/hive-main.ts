// Hive Gateway's runtime as the gateway process, in place of gateway/src/index.ts and configured the same way
// (docs/production-gateway.md): the supergraph we compose, the subgraphs' URLs and the callers' identity. It has
// none of our gateway's own routes (explorer, exports, uploads, partners) and none of its limits.
import { createServer } from 'node:http';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { loadConfig, log, stopOnSignals } from '@cq/service-kit';
import { supergraphSdl } from './gateway.ts';
import { hiveIdentityConfig, supergraphAt } from './hive.ts';

const config = loadConfig();
const runtime = createGatewayRuntime({
  supergraph: supergraphAt(supergraphSdl(), {
    organisations: config.subgraphs.organisations.url,
    people: config.subgraphs.people.url,
    activities: config.subgraphs.activities.url,
  }),
  logging: 'warn',
  ...hiveIdentityConfig(config.auth),
});
const server = createServer((req, res) => void runtime(req, res));
await new Promise<void>((resolve) => server.listen(config.gatewayPort, config.host, resolve));
log.info({ service: 'gateway', implementation: 'hive-gateway-runtime', url: `http://${config.host}:${config.gatewayPort}/graphql` }, 'gateway ready');
stopOnSignals(async () => {
  await new Promise((resolve) => server.close(resolve));
  await runtime.dispose();
});
