// The explorer in a real browser (Debian's chromium driven by playwright-core) through the running graph: sign in as
// district staff, search by abbreviation and by pinyin initials, open an association and check its numbers against
// the API, move the date slider and see a transferred association under its earlier district, open the graph and
// the dashboard, download an export and open it, use GraphiQL; at 1366×768 and by keyboard. Any request the page
// makes to another host fails the suite.
import { mkdirSync } from 'node:fs';
import { queryRows } from '@cq/db';
import { demoScopes } from '@cq/db/seed';
import { demoSignIns } from '@cq/launcher/demo';
import { type Listening, loadConfig, signUserToken } from '@cq/service-kit';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage as openBrowserPage, signInAs as signInWith } from '../helpers/browser.ts';
import { expectData, startGatewayOver, startTestGraph, type TestGraph } from '../helpers/graph.ts';

/** Screenshots for the README land here (test/.artifacts is not committed; docs/screenshots holds the chosen ones). */
const ARTIFACTS = new URL('../.artifacts/', import.meta.url).pathname;

let t: TestGraph;
let gateway: Listening;
let browser: Browser;
let origin: string;
const offMachine: string[] = [];

beforeAll(async () => {
  t = await startTestGraph();
  gateway = await startGatewayOver(t.graph, { demoSignIn: await demoSignIns(t.database) });
  origin = new URL(gateway.url).origin;
  browser = await launchChromium();
  mkdirSync(ARTIFACTS, { recursive: true });
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await gateway?.close();
  await t?.close();
  // The whole suite's verdict on egress, after every page has closed.
  expect(offMachine).toEqual([]);
});

const openPage = () => openBrowserPage(browser, origin, offMachine);
const signInAs = (page: Page, button: RegExp, role: string) => signInWith(page, origin, button, role);

const signInAsDistrictStaff = (page: Page) => signInAs(page, /沙坪坝区科协工作人员/, '区县科协工作人员');

const api = async (query: string, variables: Record<string, unknown>, role: 'DISTRICT_STAFF' | 'MUNICIPAL_STAFF' = 'DISTRICT_STAFF') => {
  const { district } = await demoScopes(t.database.db);
  const token = await signUserToken({ subject: 'shapingba.staff', role, organisationId: role === 'DISTRICT_STAFF' ? district : null }, loadConfig().auth.secret);
  const res = await fetch(gateway.url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ query, variables }) });
  return expectData((await res.json()) as { data: any; status: number });
};

describe('The explorer in a browser', () => {
  it('signs in as district staff, says who that is and what the role may see', async () => {
    const page = await openPage();
    await signInAsDistrictStaff(page);
    await page.goto(`${origin}/#/sign-in`);
    await expect.poll(() => page.getByTestId('current-identity').textContent()).toMatch(/区县科协工作人员[\s\S]*可查看/);
    await page.screenshot({ path: `${ARTIFACTS}sign-in.png` });
    await page.close();
  });

  it('finds a district association by its abbreviation and by pinyin initials, and opens its page', async () => {
    const page = await openPage();
    await signInAsDistrictStaff(page);
    const { district } = await demoScopes(t.database.db);
    const name = (await api('query($id: ID!) { organisation(id: $id) { nameZh } }', { id: String(district) })).organisation.nameZh as string;
    expect(name).toMatch(/^(重庆市)?沙坪坝区科学技术协会$/);
    await page.goto(`${origin}/#/find`);
    for (const typed of ['沙坪坝区科协', 'spbqkx', 'SPBQKX']) {
      await page.getByLabel('名称、简称或拼音首字母').fill(typed);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.getByRole('link', { name, exact: true }).count(), { message: typed }).toBe(1);
    }
    await page.screenshot({ path: `${ARTIFACTS}find.png` });
    await page.getByRole('link', { name, exact: true }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe(name);
    await page.close();
  });

  it('shows an association’s numbers as the API gives them, as of the date chosen', async () => {
    const [row] = await queryRows<{ id: number }>(
      t.database.db,
      sql`select m.organisation_id as id from people.memberships m group by 1 order by count(*) desc limit 1`,
    );
    const id = String(row!.id);
    const asOf = '2025-06-30';
    const expected = (await api('query($id: ID!, $asOf: Date) { organisation(id: $id) { nameZh memberCount(asOf: $asOf) children(asOf: $asOf) { totalCount } } }', { id, asOf }, 'MUNICIPAL_STAFF')).organisation;
    const page = await openPage();
    await signInAs(page, /^市科协工作人员$/, '市科协工作人员');
    await page.goto(`${origin}/#/org/${id}?asOf=${asOf}`);
    await expect.poll(() => page.getByTestId('member-count').textContent()).toContain(String(expected.memberCount));
    await expect.poll(() => page.getByTestId('section-children').getByRole('heading').textContent()).toContain(String(expected.children.totalCount));
    await page.screenshot({ path: `${ARTIFACTS}organisation.png`, fullPage: true });
    await page.close();
  });

  it('redraws the graph as it stood: a transferred association is under its earlier district before the transfer', async () => {
    const [transfer] = await queryRows<{ id: number; effectiveOn: string; before: number; after: number }>(
      t.database.db,
      sql`select organisation_id as id, effective_on::text as "effectiveOn", (before->>'approverId')::int as before, (after->>'approverId')::int as after
          from org.events where kind = 'TRANSFERRED' order by id limit 1`,
    );
    expect(transfer, 'the demo data has a transferred association').toBeDefined();
    const names = await api('query($a: ID!, $b: ID!) { a: organisation(id: $a) { nameZh } b: organisation(id: $b) { nameZh } }', { a: String(transfer!.before), b: String(transfer!.after) });
    const page = await openPage();
    await signInAsDistrictStaff(page);
    await page.goto(`${origin}/#/graph?id=${transfer!.id}&kinds=APPROVAL`);
    const edges = () => page.getByTestId('graph-edges').textContent();
    await page.getByText(/节点（\d+）与关系/).click();
    await expect.poll(edges).toContain(names.b.nameZh);
    // The slider, moved by keyboard to the month before the transfer.
    const slider = page.getByTestId('date-slider');
    await slider.focus();
    const target = `${transfer!.effectiveOn.slice(0, 4)}-${String(Number(transfer!.effectiveOn.slice(5, 7)) - 1).padStart(2, '0')}`;
    while (!(await page.getByTestId('slider-date').textContent())!.startsWith(target)) await page.keyboard.press('ArrowLeft');
    await expect.poll(edges).toContain(names.a.nameZh);
    expect(await edges()).not.toContain(names.b.nameZh);
    // For the README: a district association's neighbourhood, two hops.
    await page.goto(`${origin}/#/graph?id=${transfer!.after}&hops=2`);
    await page.getByTestId('graph-chart').waitFor();
    await page.waitForTimeout(2500);
    await page.screenshot({ path: `${ARTIFACTS}graph.png` });
    await page.close();
  });

  it('opens the dashboard with the totals the API gives, and downloads an export that opens with Chinese headers', async () => {
    const counts = (await api('{ organisationCounts(filter: { statuses: [ACTIVE] }) { count } }', {})).organisationCounts as { count: number }[];
    const page = await openPage();
    await signInAsDistrictStaff(page);
    await page.goto(`${origin}/#/dashboard`);
    await expect.poll(() => page.getByTestId('total-active').textContent()).toContain(String(counts[0]!.count));
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId('panel-AssociationsByDistrictAndKind').getByRole('button', { name: '导出 Excel' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^AssociationsByDistrictAndKind-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(await file.path());
    expect(workbook.worksheets[0]!.getRow(1).values).toContain('数量（count）');
    await page.screenshot({ path: `${ARTIFACTS}dashboard.png`, fullPage: true });
    await page.close();
  });

  it('opens GraphiQL with the caller’s token, bundled, and runs a query', async () => {
    const page = await openPage();
    await signInAsDistrictStaff(page);
    await page.goto(`${origin}/#/graphiql`);
    await page.locator('.graphiql-container').waitFor({ timeout: 30_000 });
    // The editor loads its workers first; the example is in it once it is ready to run.
    await expect.poll(() => page.locator('.graphiql-query-editor').textContent(), { timeout: 30_000 }).toContain('CountsAndDistricts');
    await page.getByRole('button', { name: /Execute query/i }).click();
    // The editor draws only the lines in view: the example's first field answers at the top.
    await expect.poll(() => page.locator('.result-window').textContent(), { timeout: 15_000 }).toContain('organisationCounts');
    await page.screenshot({ path: `${ARTIFACTS}graphiql.png` });
    await page.close();
  });

  it('fits 1366×768 without sideways scrolling, switches to English, and works by keyboard from the top', async () => {
    const page = await openPage();
    for (const view of ['find', 'dashboard', 'graph?id=1', 'sign-in']) {
      await page.goto(`${origin}/#/${view}`);
      await page.waitForLoadState('networkidle');
      expect(await page.evaluate<number>('document.documentElement.scrollWidth'), view).toBeLessThanOrEqual(1366);
    }
    await page.goto(`${origin}/#/find`);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Find associations');
    await page.getByRole('button', { name: '中文' }).click();
    // Keyboard only, from a fresh load: the skip link first, then into the search form, typing and Enter.
    await page.reload();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe('跳到正文');
    await page.getByLabel('名称、简称或拼音首字母').focus();
    await page.keyboard.type('科协');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('result-count').textContent()).toMatch(/共 \d+ 个组织/);
    await page.close();
  });
});
