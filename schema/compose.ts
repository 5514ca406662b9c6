// Composes schema/<name>.graphql into schema/supergraph.graphql with Apollo's composition library.
// `npm run compose` writes it; test/drift.test.ts fails when the committed file is stale. The gateway composes
// with the same function when partner societies' subgraphs join the hub's (gateway/src/partners, docs/partners.md).
import { readFileSync, writeFileSync } from 'node:fs';
import { composeServices } from '@apollo/composition';
import { type DocumentNode, parse } from 'graphql';

export type ServiceDefinition = Parameters<typeof composeServices>[0][number];

/** The hub's own subgraphs, with the ports `npm start` gives them. */
const SUBGRAPHS = [
  { name: 'organisations', port: 4001 },
  { name: 'people', port: 4002 },
  { name: 'activities', port: 4003 },
];

export const supergraphPath = new URL('./supergraph.graphql', import.meta.url);

/** A hub subgraph's SDL as committed (schema/<name>.graphql), parsed. */
export const hubTypeDefs = (name: string): DocumentNode => parse(readFileSync(new URL(`./${name}.graphql`, import.meta.url), 'utf8'));

/** The hub's subgraphs as composition takes them. */
export function hubServices(): ServiceDefinition[] {
  return SUBGRAPHS.map(({ name, port }) => ({
    name,
    // The default URLs of `npm start`; the gateway maps each subgraph name to its configured URL at run time.
    url: `http://127.0.0.1:${port}/graphql`,
    typeDefs: hubTypeDefs(name),
  }));
}

/** The one composition: the hub's subgraphs and any partner subgraphs given, or composition's errors. */
export function compose(partners: ServiceDefinition[] = [], hub: ServiceDefinition[] = hubServices()): { supergraphSdl: string } | { errors: string[] } {
  const result = composeServices([...hub, ...partners]);
  if (result.errors) return { errors: result.errors.map((e) => e.message) };
  return { supergraphSdl: result.supergraphSdl };
}

/** Composes the hub's subgraphs, and any partner subgraphs given, into a supergraph; throws when it fails. */
export function composeSupergraph(partners: ServiceDefinition[] = []): string {
  const result = compose(partners);
  if ('errors' in result) {
    throw new Error(`Composition failed:\n${result.errors.map((e) => `- ${e}`).join('\n')}`);
  }
  return result.supergraphSdl;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(supergraphPath, composeSupergraph());
  console.log(`wrote ${supergraphPath.pathname}`);
}
