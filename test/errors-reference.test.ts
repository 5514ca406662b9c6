// Every error code the source can send is in the reference, docs/errors.md (answers seen by the end-to-end tests are
// checked too, in test/helpers/graph.ts).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode } from '@cq/domain';
import { describe, expect, it } from 'vitest';
import { documentedErrorCodes } from './helpers/errors.ts';

const root = new URL('../', import.meta.url).pathname;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === 'node_modules' || name === 'generated') return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('The error reference', () => {
  it('lists every code the services send (ErrorCode and every `code: ...` literal in the source)', () => {
    const literal = ['packages', 'gateway', 'subgraphs', 'launcher', 'drizzle/src']
      .flatMap((dir) => sources(join(root, dir)))
      .flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bcode: '([A-Z_]+)'/g)].map((m) => m[1]!));
    const sent = new Set([...Object.values(ErrorCode), ...literal]);
    expect(sent.size).toBeGreaterThan(15);
    expect([...sent].filter((code) => !documentedErrorCodes().has(code))).toEqual([]);
  });
});
