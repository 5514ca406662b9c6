// The registered operations (trusted documents): every operation in gateway/operations/*.graphql, checked against
// the graph's API schema and written to gateway/operations/manifest.json in Apollo's persisted query manifest format
// (id: the SHA-256 of the body, as automatic persisted queries hash it). `npm run operations` writes it;
// test/drift.test.ts fails when the committed file is stale.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Supergraph } from '@apollo/federation-internals';
import { Kind, type DefinitionNode, type DocumentNode, type FragmentDefinitionNode, parse, print, validate, visit } from 'graphql';

export const operationsDir = new URL('../gateway/operations/', import.meta.url);
export const manifestPath = new URL('manifest.json', operationsDir);

export interface ManifestOperation {
  id: string;
  name: string;
  type: 'query' | 'mutation' | 'subscription';
  body: string;
}

/** The fragments an operation spreads, directly or through other fragments. */
function fragmentsOf(definition: DefinitionNode, fragments: Map<string, FragmentDefinitionNode>, seen = new Set<string>()): FragmentDefinitionNode[] {
  visit(definition, {
    FragmentSpread(node) {
      const name = node.name.value;
      if (seen.has(name)) return;
      seen.add(name);
      const fragment = fragments.get(name);
      if (fragment) fragmentsOf(fragment, fragments, seen);
    },
  });
  return [...seen].map((name) => fragments.get(name)!).filter(Boolean);
}

export function buildManifest(): string {
  const api = Supergraph.build(readFileSync(new URL('./supergraph.graphql', import.meta.url), 'utf8')).apiSchema().toGraphQLJSSchema();
  const operations: ManifestOperation[] = [];
  for (const file of readdirSync(operationsDir).filter((f) => f.endsWith('.graphql')).sort()) {
    const document = parse(readFileSync(new URL(file, operationsDir), 'utf8'));
    const problems = validate(api, document);
    if (problems.length) throw new Error(`gateway/operations/${file} does not fit the schema:\n${problems.map((p) => `- ${p.message}`).join('\n')}`);
    const fragments = new Map(document.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
      if (!definition.name) throw new Error(`gateway/operations/${file}: every registered operation needs a name`);
      const body = print({ kind: Kind.DOCUMENT, definitions: [definition, ...fragmentsOf(definition, fragments)] } satisfies DocumentNode);
      operations.push({ id: createHash('sha256').update(body).digest('hex'), name: definition.name.value, type: definition.operation, body });
    }
  }
  const names = operations.map((o) => o.name);
  const twice = names.filter((n, i) => names.indexOf(n) !== i);
  if (twice.length) throw new Error(`Registered operations need unique names; repeated: ${twice.join(', ')}`);
  return `${JSON.stringify({ format: 'apollo-persisted-query-manifest', version: 1, operations }, null, 2)}\n`;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(manifestPath, buildManifest());
  console.log(`wrote ${manifestPath.pathname}`);
}
