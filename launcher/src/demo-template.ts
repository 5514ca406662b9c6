// The demo as a template of the embedded database: `npm install` loads the `small` demo once into a PGlite folder
// kept beside the empty template (drizzle/src/pglite-template.ts), and the first `npm start` on an empty folder
// copies it instead of loading the demo itself. Loading the demo grows PGlite's WebAssembly memory by about 200 MB
// that is never given back; started from the copy, the first `npm start` holds what a later start holds
// (bench/README.md, "Cold start"). The folder is keyed by PGlite, the migrations, the seed's sources, the scale and
// the key that hashes the demo's identity numbers: with another IDENTITY_NUMBER_KEY, the demo is loaded as before.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrationsFolder, openDatabase, templateFolder } from '@cq/db';
import { SCALES, seed, type ScaleName } from '@cq/db/seed';

/** The one scale kept as a template: what `npm start` loads unless told otherwise. */
export const DEMO_TEMPLATE_SCALE: ScaleName = 'small';

const seedSources = fileURLToPath(new URL('../../drizzle/src/seed/', import.meta.url));

/** The demo's folder for this key (it may not exist). */
export function demoTemplateDir(identityNumberKey: string | undefined): string {
  const hash = createHash('sha256').update(DEMO_TEMPLATE_SCALE).update(identityNumberKey ?? '');
  for (const file of readdirSync(seedSources).sort()) hash.update(file).update(readFileSync(join(seedSources, file)));
  return templateFolder(migrationsFolder, `demo-${DEMO_TEMPLATE_SCALE}`, hash.digest('hex'));
}

/** Builds the demo's folder for this key unless it exists: written aside and renamed, never seen half-built. */
export async function buildDemoTemplate(identityNumberKey: string | undefined): Promise<{ path: string; built: boolean }> {
  const path = demoTemplateDir(identityNumberKey);
  if (existsSync(path)) return { path, built: false };
  const aside = `${path}.${process.pid}`;
  rmSync(aside, { recursive: true, force: true });
  const database = await openDatabase({ dataDir: aside });
  try {
    await database.migrate();
    await seed(database.db, SCALES[DEMO_TEMPLATE_SCALE], { identityNumberKey });
  } finally {
    await database.close();
  }
  renameSync(aside, path);
  return { path, built: true };
}
