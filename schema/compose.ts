// Composes schema/<name>.graphql into schema/supergraph.graphql with Apollo's composition library.
// `npm run compose` writes it; test/supergraph.test.ts fails when the committed file is stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';

type ServiceDefinition = Parameters<typeof composeServices>[0][number];

const SUBGRAPHS = [
  { name: 'organisations', port: 4001 },
  { name: 'people', port: 4002 },
  { name: 'activities', port: 4003 },
];

export const supergraphPath = new URL('./supergraph.graphql', import.meta.url);

/** Composes the hub's subgraphs, and any partner subgraphs given, into a supergraph. */
export function composeSupergraph(partners: ServiceDefinition[] = []): string {
  const result = composeServices([
    ...SUBGRAPHS.map(({ name, port }) => ({
      name,
      // The default URLs of `npm start`; the gateway maps each subgraph name to its configured URL at run time.
      url: `http://127.0.0.1:${port}/graphql`,
      typeDefs: parse(readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8')),
    })),
    ...partners,
  ]);
  if (result.errors) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(supergraphPath, composeSupergraph());
  console.log(`wrote ${supergraphPath.pathname}`);
}
