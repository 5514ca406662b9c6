// `npm start`: the whole graph in one process on the embedded database (or DATABASE_URL), with demo data loaded
// into an empty database.
import { loadConfig, signUserToken, stopOnSignals, SUBGRAPHS } from '@cq/service-kit';
import { openDatabase } from '@cq/db';
import { isSeeded, SCALES, seed } from '@cq/db/seed';
import { demoSignIns } from './demo.ts';
import { DEMO_TEMPLATE_SCALE, demoTemplateDir } from './demo-template.ts';
import { startGraph } from './graph.ts';

const config = loadConfig();
const url = config.subgraphs.organisations.databaseUrl;
if (SUBGRAPHS.some((name) => config.subgraphs[name].databaseUrl !== url)) {
  throw new Error('npm start runs every subgraph on one database; start the services one by one to give each its own.');
}
// An empty embedded folder with the default demo starts from the demo's template when `npm install` built one.
const templateDir = config.demoScale === DEMO_TEMPLATE_SCALE ? demoTemplateDir(config.auth.identityNumberKey) : undefined;
const database = await openDatabase(url ? { url } : { dataDir: config.pgliteDir, templateDir });
console.log(url ? 'Database: PostgreSQL from DATABASE_URL' : `Database: embedded PGlite in ${config.pgliteDir}`);
await database.migrate();
if (!(await isSeeded(database.db))) {
  console.log(`Loading ${config.demoScale} demo data (first start only)…`);
  await seed(database.db, SCALES[config.demoScale], { identityNumberKey: config.auth.identityNumberKey });
}

const demo = config.auth.development ? await demoSignIns(database) : undefined;
const graph = await startGraph({
  host: config.host,
  ports: {
    gateway: config.gatewayPort,
    organisations: config.subgraphs.organisations.port,
    people: config.subgraphs.people.port,
    activities: config.subgraphs.activities.port,
  },
  databases: { organisations: database, people: database, activities: database },
  auth: config.auth,
  limits: config.limits,
  cache: config.cache,
  production: config.production,
  observability: config.observability,
  trustedDocuments: config.trustedDocuments,
  demoSignIn: demo,
  partners: config.partners,
});

/** With the development secret, a ready token for each role against the demo data. */
async function developmentTokens(): Promise<string> {
  if (!demo) return '';
  const lines = await Promise.all(demo.map(async ({ labelEn, identity }) => `  ${labelEn}:\n    ${await signUserToken(identity, config.auth.secret)}`));
  return `\nDevelopment tokens (valid 12 hours; send as "Authorization: Bearer <token>"; no token is the anonymous public directory):\n${lines.join('\n')}\n`;
}

console.log(`
The association graph is up: ${graph.url}
The explorer (浏览器应用): ${graph.url.replace(/\/graphql$/, '/')}
(subgraphs: ${SUBGRAPHS.map((name) => graph.subgraphs[name].url).join(', ')})

Try, for example, the public directory (no token needed):

  curl -s ${graph.url} -H 'content-type: application/json' \\
    -d '{"query":"{ organisations(filter: {kinds: [DISTRICT_ASSOCIATION]}, first: 3) { totalCount edges { node { id nameZh children(first: 2) { totalCount edges { node { nameZh level status activities(first: 1) { edges { node { title startsOn } } } } } } } } } }"}'

and, with TOKEN set to the municipal staff token below, all three subgraphs in one query:

  curl -s ${graph.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ organisation(id: \\"2\\") { nameZh children(first: 2) { edges { node { nameZh memberCount members(first: 2) { edges { node { person { nameZh } } } } activities(first: 1) { edges { node { title } } } } } } } }"}'

  curl -s ${graph.url} -H 'content-type: application/json' -H "authorization: Bearer $TOKEN" \\
    -d '{"query":"{ person(id: \\"1\\") { nameZh category memberships { edges { node { status validFrom organisation { nameZh district { nameZh } } } } } } }"}'
${await developmentTokens()}`);

// SIGHUP: recompose with the partners file (docs/partners.md); a refused partner leaves what is served unchanged.
process.on('SIGHUP', () => void graph.reloadPartners('SIGHUP').catch((error: unknown) => console.error('partners reload failed:', error)));

stopOnSignals(async () => {
  await graph.close();
  await database.close();
});
