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
  partners: config.partners,
  subgraphUrls: {
    organisations: config.subgraphs.organisations.url,
    people: config.subgraphs.people.url,
    activities: config.subgraphs.activities.url,
  },
});
log.info({ service: 'gateway', url: gateway.url }, 'gateway ready');
stopOnSignals(() => gateway.close());
// SIGHUP: recompose with the partners file (docs/partners.md); a refused partner leaves what is served unchanged.
process.on('SIGHUP', () => void gateway.reloadPartners('SIGHUP').catch((error: unknown) => log.error({ service: 'gateway', err: error }, 'partners reload failed')));
