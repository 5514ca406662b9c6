// `npm start` on an empty embedded folder starts from the demo's template that `npm install` built
// (launcher/src/demo-template.ts) instead of loading the demo itself, and serves the same demo. With another identity
// number key the template does not fit (the demo's identity numbers are hashed with the key), and the demo is loaded
// as before.
import { join } from 'node:path';
import { loadConfig, signUserToken } from '@cq/service-kit';
import { buildDemoTemplate } from '@cq/launcher/demo-template';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { freePort, processes, type Processes, waitUntil } from '../helpers/processes.ts';

let running: Processes | undefined;

beforeAll(async () => {
  // Built by `npm install`; built here when this checkout skipped its scripts.
  await buildDemoTemplate(loadConfig().auth.identityNumberKey);
}, 180_000);

afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** The launcher on an empty folder; resolves with its gateway's URL and what it printed. */
async function start(env: Record<string, string> = {}) {
  running = processes();
  const [gateway, organisations, people, activities] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  running.start('launcher/src/all-in-one.ts', {
    // The embedded database, whatever the suite runs on.
    DATABASE_URL: undefined,
    PGLITE_DIR: join(running.scratch, 'pglite'),
    NODE_ENV: 'development',
    GATEWAY_PORT: String(gateway),
    ORGANISATIONS_PORT: String(organisations),
    PEOPLE_PORT: String(people),
    ACTIVITIES_PORT: String(activities),
    ...env,
  });
  const output = running;
  await waitUntil('npm start to print its URL', () => output.output().includes('The association graph is up'), 150_000);
  return { url: `http://127.0.0.1:${gateway}/graphql`, printed: output.output() };
}

async function demoFigures(url: string) {
  const token = await signUserToken({ subject: 'test', role: 'MUNICIPAL_STAFF', organisationId: null }, loadConfig().auth.secret);
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: '{ organisations(first: 0) { totalCount } persons(first: 0) { totalCount } memberCounts { count } }' }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  expect(body.errors).toBeUndefined();
  return body.data;
}

describe("npm start on an empty embedded folder (the demo's template)", () => {
  it('starts from the template without loading the demo, and serves the small demo', { timeout: 180_000 }, async () => {
    const { url, printed } = await start();
    expect(printed).not.toContain('demo data (first start only)');
    const figures = await demoFigures(url);
    // The small scale's associations and persons (drizzle/src/seed/scales.ts), members counted today.
    expect(figures.organisations.totalCount).toBeGreaterThan(3000);
    expect(figures.persons.totalCount).toBe(30_000);
    expect(figures.memberCounts[0].count).toBeGreaterThan(0);
  });

  it('loads the demo itself when the identity number key is not the one the template was hashed with', { timeout: 180_000 }, async () => {
    const fromTemplate = await demoFigures((await start()).url);
    await running!.stop();
    const { url, printed } = await start({ IDENTITY_NUMBER_KEY: 'another-key-for-identity-numbers-of-32-characters' });
    expect(printed).toContain('Loading small demo data (first start only)');
    expect(await demoFigures(url)).toEqual(fromTemplate);
  });
});
