// Limits on what one operation may ask, applied at the gateway before any subgraph is called (GraphQL Armor).
// Defaults fit the dashboards' deepest nested queries with room to spare; see docs/limits.md.
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { Config } from '@cq/service-kit';

export function protection(limits: Config['limits'], production: boolean) {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth },
    // Cost counts fields (objects 2, scalars 1) times the `first` of every list around them: roughly the values an
    // answer can hold. Depth has a limit of its own, so a field costs the same at any depth.
    costLimit: { maxCost: limits.maxCost, depthCostFactor: 1 },
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
