// A test-only partner subgraph, outside the hub: a learned society that federates its own data onto our Person.
import { readFileSync } from 'node:fs';
import { ApolloServer } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type Listening, serve } from '@cq/service-kit';
import { parse } from 'graphql';

export const partnerSdl = readFileSync(new URL('./society.graphql', import.meta.url), 'utf8');

/** The society's own records, keyed by the hub's person id it learned from its member links. */
export type Fellowships = Record<string, { society: string; grade: string; since: string }[]>;

export function startPartnerSubgraph(fellowships: Fellowships): Promise<Listening> {
  const schema = buildSubgraphSchema({
    typeDefs: parse(partnerSdl),
    resolvers: {
      Person: {
        __resolveReference: (ref: { id: string }) => ref,
        fellowships: (person: { id: string }) => fellowships[person.id] ?? [],
      },
    },
  });
  return serve((base) => new ApolloServer({ schema, plugins: base }), { name: 'partner society', host: '127.0.0.1', port: 0, context: async () => ({}), ready: async () => {} });
}
