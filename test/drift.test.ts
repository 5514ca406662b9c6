// Generated files are committed; these fail when one is stale, with the command that regenerates it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { composeSupergraph, supergraphPath } from '../schema/compose.ts';
import { generatedPath, generateResolverTypes } from '../schema/generate.ts';
import { buildManifest, manifestPath } from '../schema/operations.ts';

describe('Committed generated files', () => {
  it('schema/supergraph.graphql is the composition of schema/*.graphql (run `npm run compose`)', () => {
    expect(readFileSync(supergraphPath, 'utf8')).toBe(composeSupergraph());
  });

  it.each(['organisations', 'people', 'activities'])('the resolver types of %s match its SDL (run `npm run generate`)', async (name) => {
    expect(readFileSync(generatedPath(name), 'utf8')).toBe(await generateResolverTypes(name));
  });

  it('gateway/operations/manifest.json holds the registered operations, each fitting the schema (run `npm run operations`)', () => {
    expect(readFileSync(manifestPath, 'utf8')).toBe(buildManifest());
  });
});

describe('package-lock.json', () => {
  it('names a version for every package, so `npm ci` installs it from an empty cache (README: updating the lock)', () => {
    const lock = JSON.parse(readFileSync(new URL('../package-lock.json', import.meta.url), 'utf8')) as {
      packages: Record<string, { version?: string; link?: boolean }>;
    };
    const withoutVersion = Object.entries(lock.packages).filter(([path, entry]) => path !== '' && !entry.link && !entry.version).map(([path]) => path);
    expect(withoutVersion).toEqual([]);
  });
});
