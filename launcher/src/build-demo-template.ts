// `npm run demo:template` (run by `npm install` through the root `prepare` script): the demo's embedded database
// template for the development key (demo-template.ts), which `npm start` uses on an empty folder.
import { loadConfig } from '@cq/service-kit';
import { buildDemoTemplate } from './demo-template.ts';

const started = performance.now();
const { path, built } = await buildDemoTemplate(loadConfig().auth.identityNumberKey);
console.log(built ? `Built the demo's embedded database template in ${((performance.now() - started) / 1000).toFixed(1)} s: ${path}` : `The demo's embedded database template is up to date: ${path}`);
