// The partners file: each entry validated on its own, so one bad entry leaves out that partner alone.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadPartner, partnersFingerprint, readPartnersFile } from './file.ts';

const dir = mkdtempSync(join(tmpdir(), 'cq-partners-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, text: string) => {
  writeFileSync(join(dir, name), text);
  return join(dir, name);
};

describe('The partners file', () => {
  it('accepts good entries and refuses, one by one, a bad name, a hub subgraph’s name, a name given twice, a url that is not http(s), and neither or both of sdlFile and introspect', async () => {
    const file = write(
      'partners.json',
      JSON.stringify({
        partners: [
          { name: 'cqmes', url: 'http://127.0.0.1:4100/graphql', sdlFile: 'cqmes.graphql' },
          { name: 'cq_ast2', url: 'https://society.example/graphql', introspect: true },
          { name: 'CQMES', url: 'http://127.0.0.1:1/graphql', sdlFile: 'x.graphql' },
          { name: 'people', url: 'http://127.0.0.1:1/graphql', sdlFile: 'x.graphql' },
          { name: 'cqmes', url: 'http://127.0.0.1:2/graphql', sdlFile: 'x.graphql' },
          { name: 'ftp_society', url: 'ftp://127.0.0.1/graphql', sdlFile: 'x.graphql' },
          { name: 'neither', url: 'http://127.0.0.1:1/graphql' },
          { name: 'both', url: 'http://127.0.0.1:1/graphql', sdlFile: 'x.graphql', introspect: true },
        ],
      }),
    );
    const read = await readPartnersFile(file);
    expect(read.problems).toEqual([]);
    expect(read.entries.map((e) => e.name)).toEqual(['cqmes', 'cq_ast2']);
    expect(read.refused.map((r) => [r.name, r.problems.join(' ')])).toEqual([
      ['CQMES', expect.stringContaining('the name must match')],
      ['people', expect.stringContaining("may not be one of the hub's subgraphs")],
      ['cqmes', expect.stringContaining('the name is given twice in the partners file (entry 5)')],
      ['ftp_society', expect.stringContaining('the url must be an http(s) URL')],
      ['neither', expect.stringContaining('expected exactly one of "sdlFile" or "introspect": true')],
      ['both', expect.stringContaining('expected exactly one of "sdlFile" or "introspect": true')],
    ]);
  });

  it('says what is wrong with a file that is missing, not JSON, or not { "partners": [...] }', async () => {
    expect((await readPartnersFile(join(dir, 'missing.json'))).problems.join()).toContain('cannot be read');
    expect((await readPartnersFile(write('bad.json', '{ partners: '))).problems.join()).toContain('is not JSON');
    expect((await readPartnersFile(write('shape.json', '{ "partner": [] }'))).problems.join()).toContain('must be { "partners": [ … ] }');
  });

  it('reads an SDL file relative to the partners file, refuses introspection in production, and changes its fingerprint when an SDL file changes', async () => {
    const file = write('p.json', JSON.stringify({ partners: [{ name: 'cqmes', url: 'http://127.0.0.1:4100/graphql', sdlFile: 'cqmes.graphql' }] }));
    write('cqmes.graphql', 'type Query { a: Int }');
    const sign = async () => 'unused';
    expect(await loadPartner(file, { name: 'cqmes', url: 'http://127.0.0.1:4100/graphql', sdlFile: 'cqmes.graphql' }, { production: true, sign })).toMatchObject({ sdl: 'type Query { a: Int }', problems: [] });
    const introspect = await loadPartner(file, { name: 'cqmes', url: 'http://127.0.0.1:4100/graphql', introspect: true }, { production: true, sign });
    expect(introspect.problems.join()).toContain('"introspect": true is for development only and is refused in production');
    const before = await partnersFingerprint(file);
    expect(await partnersFingerprint(file)).toBe(before);
    write('cqmes.graphql', 'type Query { b: Int }');
    expect(await partnersFingerprint(file)).not.toBe(before);
  });
});
