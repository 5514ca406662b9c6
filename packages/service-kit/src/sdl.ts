import { readFileSync } from 'node:fs';
import { parse, type DocumentNode } from 'graphql';

export const schemaDir = new URL('../../../schema/', import.meta.url);

/** A subgraph's SDL, read from `schema/<name>.graphql`, where composition and codegen read it too. */
export function readSubgraphSdl(name: string): DocumentNode {
  return parse(readFileSync(new URL(`${name}.graphql`, schemaDir), 'utf8'));
}
