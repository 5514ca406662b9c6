// `npm run db:template` (run by `npm install` through the root `prepare` script): builds the embedded databases'
// template for this PGlite and these migrations, once (pglite-template.ts).
import { buildPgliteTemplate } from './client.ts';

const started = performance.now();
const { path, built } = await buildPgliteTemplate();
console.log(built ? `Built the embedded database template in ${((performance.now() - started) / 1000).toFixed(1)} s: ${path}` : `The embedded database template is up to date: ${path}`);
