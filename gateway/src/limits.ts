// Limits on what one operation may ask, applied at the gateway before any subgraph is called (GraphQL Armor).
// Defaults fit the dashboards' deepest nested queries with room to spare; see docs/limits.md.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '@cq/service-kit';

export function protection(limits: Config['limits'], production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    // Armor's cost reads only a literal `first` and charges a list without one as a single row; cost.ts charges
    // the rows a list may really return, against the schema and the variables.
    costLimit: { enabled: false },
    maxAliases: { n: limits.maxAliases },
    // Armor's token limit parses the query again in a plugin and fails with HTTP 500; graphql's own parser
    // enforces the same limit (parseOptions below) and fails like any syntax error, with 400.
    maxTokens: { enabled: false },
    maxDirectives: { n: 50 },
    // Suggestions ("did you mean …") describe the schema; with introspection off they should not leak it either.
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return { ...armor, parseOptions: { maxTokens: limits.maxTokens } };
}
