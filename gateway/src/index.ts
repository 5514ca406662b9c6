// The gateway as a service of its own, in front of subgraphs started elsewhere (ORGANISATIONS_URL, PEOPLE_URL,
// ACTIVITIES_URL).
import { loadConfig, log, stopOnSignals } from '@cq/service-kit';
import { startGateway } from './gateway.ts';

const config = loadConfig();
const gateway = await startGateway({
  host: config.host,
  port: config.gatewayPort,
  auth: config.auth,
  limits: config.limits,
  cache: config.cache,
  production: config.production,
  trustedDocuments: config.trustedDocuments,
  observability: config.observability,
  subgraphUrls: {
    organisations: config.subgraphs.organisations.url,
    people: config.subgraphs.people.url,
    activities: config.subgraphs.activities.url,
  },
});
log.info({ service: 'gateway', url: gateway.url }, 'gateway ready');
stopOnSignals(() => gateway.close());
