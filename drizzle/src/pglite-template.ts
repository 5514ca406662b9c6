// An embedded database that starts from a template instead of from nothing: a PGlite cluster already initialised
// (initdb) with every migration applied, dumped once and loaded into each new database. Loading it takes about two
// seconds where initdb takes seven, and skips initdb's peak of about 850 MB of memory (bench/README.md, "Cold
// start"). The template is keyed by PGlite's version and the migrations, so a new migration or PGlite makes a new
// one; `npm install` builds it (the root `prepare` script), and the first new database opened without one builds it.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const folder = fileURLToPath(new URL('../../node_modules/.cache/cq-pglite/', import.meta.url));

/** PGlite's version, from its package.json beside its entry point (the package exports no ./package.json). */
function pgliteVersion(): { version: string } {
  let dir = dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string };
}

/** The template's file for this PGlite and these migrations. */
export function templatePath(migrationsFolder: string): string {
  return `${templateFolder(migrationsFolder, 'template', '')}.tar.gz`;
}

/**
 * Where a database with content of its own is kept as a closed PGlite folder, to be copied into a new one (the
 * demo's: launcher/src/demo-template.ts): keyed like the template, and by `dependsOn`, what its content comes from.
 */
export function templateFolder(migrationsFolder: string, name: string, dependsOn: string): string {
  const { version } = pgliteVersion();
  const hash = createHash('sha256').update(version);
  for (const file of readdirSync(migrationsFolder, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.sql') || file.endsWith('_journal.json')) hash.update(file).update(readFileSync(join(migrationsFolder, file)));
  }
  // The plain template's name is as it always was, so an existing cache stays valid.
  if (dependsOn) hash.update(name).update(dependsOn);
  return join(folder, `${name}-${version}-${hash.digest('hex').slice(0, 16)}`);
}

/** The template, when one was built for this PGlite and these migrations. */
export function readTemplate(migrationsFolder: string): Blob | undefined {
  const path = templatePath(migrationsFolder);
  return existsSync(path) ? new Blob([readFileSync(path)]) : undefined;
}

/** Keeps a dump as the template; written aside and renamed, so that a reader never sees half of one. */
export function writeTemplate(migrationsFolder: string, dump: Uint8Array): string {
  const path = templatePath(migrationsFolder);
  mkdirSync(folder, { recursive: true });
  writeFileSync(`${path}.${process.pid}`, dump);
  renameSync(`${path}.${process.pid}`, path);
  return path;
}
