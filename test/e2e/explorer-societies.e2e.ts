// The explorer's pages for Art. 6 with consent (docs/societies.md) in a real browser, through the real gateway over
// the real subgraphs on the tiny demo data: the partner society checks a member list as a dry run, has a malformed
// list refused with its rows named, uploads it and sees the report's counts as the API and the database give them;
// the secretariat of the matched persons' association confirms a link; the society then sees it confirmed, with the
// person's name, and ends another. At 1366×768, by keyboard, in both languages. Any request to another host fails.
import { queryRows } from '@cq/db';
import { demoIdentityNumbers, demoScopes } from '@cq/db/seed';
import { withIdentityNumberCheckCharacter } from '@cq/domain';
import { demoSignIns } from '@cq/launcher/demo';
import { type Identity, type Listening, loadConfig, signUserToken } from '@cq/service-kit';
import { mkdirSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage as openBrowserPage, scrollWidth, signInAs } from '../helpers/browser.ts';
import { startGatewayOver, startTestGraph, type TestGraph } from '../helpers/graph.ts';

let t: TestGraph;
let gateway: Listening;
let browser: Browser;
let origin: string;
const offMachine: string[] = [];
let scopes: { district: number; association: number; society: number };
/** Active members today of the demo secretariat's association, with their demo identity numbers, not linked to the society. */
let persons: { id: number; name: string; number: string }[];
let csv: string;

const openPage = () => openBrowserPage(browser, origin, offMachine);
const asSociety = (page: Page) => signInAs(page, origin, /^合作学会/, '合作学会');
const asSecretariat = (page: Page) => signInAs(page, origin, /^企业科协秘书处/, '秘书处');
const FILE_LABEL = '会员名单文件（CSV 或 XLSX）';
/** Screenshots, as explorer.e2e.ts takes them (test/.artifacts is not committed). */
const ARTIFACTS = new URL('../.artifacts/', import.meta.url).pathname;

/** The society's links with the test's member numbers, from the database. */
const links = () =>
  queryRows<{ no: string; person: number; status: string; decidedFor: number | null }>(
    t.database.db,
    sql`select society_member_no as no, person_id as person, status::text, decided_for_organisation_id as "decidedFor"
        from people.society_links where society_id = ${scopes.society} and society_member_no like 'T-%' order by society_member_no`,
  );

beforeAll(async () => {
  t = await startTestGraph();
  gateway = await startGatewayOver(t.graph, { demoSignIn: await demoSignIns(t.database) });
  origin = new URL(gateway.url).origin;
  scopes = await demoScopes(t.database.db);
  const rows = await queryRows<{ id: number; name: string }>(
    t.database.db,
    sql`select p.id, p.name_zh as name from people.persons p
        where p.identity_number_hash is not null
          and exists (select 1 from people.memberships m where m.person_id = p.id and m.organisation_id = ${scopes.association} and m.status = 'ACTIVE' and m.valid_to is null)
          and not exists (select 1 from people.society_links l where l.person_id = p.id and l.society_id = ${scopes.society})
        order by p.id limit 3`,
  );
  expect(rows, 'the demo secretariat’s association has three members to match').toHaveLength(3);
  const numbers = await demoIdentityNumbers(t.database.db, rows.map((r) => r.id));
  persons = rows.map((r) => ({ ...r, number: numbers.get(r.id)! }));
  const [a, b, c] = persons;
  csv = [
    '会员编号,姓名,身份证号',
    `T-001,${a!.name},${a!.number}`,
    `T-002,${b!.name},${b!.number}`,
    // A near miss (c's number under a name that is not c's) and a number nobody here has: both unmatched.
    `T-003,${c!.name}某,${c!.number}`,
    `T-004,${c!.name},${withIdentityNumberCheckCharacter('11010519491231009')}`,
  ].join('\n');
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

/** The society's report on the list through the API: a dry run of the upload endpoint with the society's token. */
async function apiDryRun(): Promise<{ matched: number; unmatched: number }> {
  const society: Identity = { subject: 'society', role: 'SOCIETY', organisationId: scopes.society };
  const res = await fetch(`${origin}/societies/match?${new URLSearchParams({ societyId: String(scopes.society), validFrom: '2026-01-01', dryRun: 'true' })}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${await signUserToken(society, loadConfig().auth.secret)}` },
    body: csv,
  });
  expect(res.status).toBe(200);
  return (await res.json()) as { matched: number; unmatched: number };
}

async function upload(page: Page, body: string, name = 'members.csv') {
  await page.getByLabel(FILE_LABEL).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(body) });
}

const total = (page: Page, outcome: string) => page.getByTestId(`total-${outcome}`).locator('dd').textContent();

describe('Society members in the explorer', () => {
  it('lets the society check its list as a dry run, with the counts the API gives, and links nobody', async () => {
    const expected = await apiDryRun();
    expect(expected).toMatchObject({ matched: 2, unmatched: 2 });
    const page = await openPage();
    await asSociety(page);
    // Its own page is in the navigation; the secretariat's is not.
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link', { name: '待确认的学会关联' }).count()).toBe(0);
    await nav.getByRole('link', { name: '学会会员' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('学会会员');

    await upload(page, csv);
    await page.getByLabel('试运行（只出报告，不做关联）').check();
    await page.getByLabel('关联起始日期').fill('2026-01-01');
    await page.getByRole('button', { name: '检查名单' }).click();
    await expect.poll(() => total(page, 'MATCHED')).toBe(String(expected.matched));
    expect(await total(page, 'UNMATCHED')).toBe(String(expected.unmatched));
    expect(await page.getByTestId('match-report').getByRole('heading').textContent()).toContain('试运行');
    expect(await page.getByTestId('report-rows').locator('tbody tr').nth(2).textContent()).toMatch(/T-003.*未匹配.*UNMATCHED/);
    expect(await links()).toEqual([]);
    await page.close();
  });

  it('refuses a list with a malformed row, naming the row of the sheet, and links nobody', async () => {
    const page = await openPage();
    await asSociety(page);
    await page.goto(`${origin}/#/society`);
    const bad = persons[0]!.number.slice(0, 17);
    await upload(page, `会员编号,姓名,身份证号\nT-101,${persons[0]!.name},${persons[0]!.number}\nT-102,${persons[1]!.name},${bad}\n`);
    await page.getByRole('button', { name: '上传并匹配' }).click();
    const refused = page.getByTestId('upload-refused');
    await refused.waitFor();
    expect(await refused.getAttribute('role')).toBe('alert');
    expect(await refused.textContent()).toMatch(/未做任何关联.*INVALID_ARGUMENT/s);
    const rows = await refused.getByTestId('refused-rows').locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatch(/^3identityNumber: .*17 characters/);
    expect(JSON.stringify(rows)).not.toContain(bad);
    await page.screenshot({ path: `${ARTIFACTS}society-refused.png`, fullPage: true });
    expect(await links()).toEqual([]);
    await page.close();
  });

  it('uploads the list: the report’s counts are the database’s, and a new link waits, not failing, for confirmation', async () => {
    const expected = await apiDryRun();
    const page = await openPage();
    await asSociety(page);
    await page.goto(`${origin}/#/society`);
    await upload(page, csv);
    await page.getByRole('button', { name: '上传并匹配' }).click();
    await expect.poll(() => total(page, 'MATCHED')).toBe(String(expected.matched));
    expect(await total(page, 'UNMATCHED')).toBe(String(expected.unmatched));
    const made = await links();
    expect(made.map((l) => [l.no, l.person, l.status])).toEqual([
      ['T-001', persons[0]!.id, 'PENDING'],
      ['T-002', persons[1]!.id, 'PENDING'],
    ]);
    expect(await page.getByTestId('report-rows').locator('tbody tr').first().textContent()).toMatch(/T-001已匹配，待确认 MATCHED/);

    // Below, the society's links: the new one awaiting confirmation, its person withheld, and no error shown.
    const row = page.getByTestId('link-T-001');
    await expect.poll(() => row.textContent()).toMatch(/待确认.*待确认 PENDING/);
    expect(await row.textContent()).not.toContain(persons[0]!.name);
    expect(await page.getByTestId('section-linked-members').getByRole('alert').count()).toBe(0);
    expect(await page.getByTestId('section-linked-members').getByTestId('no-access').count()).toBe(0);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: `${ARTIFACTS}society-members.png`, fullPage: true });
    await page.close();
  });

  it('lets the secretariat of the persons’ association confirm a link: the row leaves and the status says so', async () => {
    const page = await openPage();
    await asSecretariat(page);
    const nav = page.getByRole('navigation', { name: '主导航' });
    expect(await nav.getByRole('link', { name: '学会会员' }).count()).toBe(0);
    await nav.getByRole('link', { name: '待确认的学会关联' }).click();
    const row = page.getByTestId('waiting-T-001');
    await expect.poll(() => row.textContent()).toContain(persons[0]!.name);
    const [society] = await queryRows<{ nameZh: string }>(t.database.db, sql`select name_zh as "nameZh" from org.organisations where id = ${scopes.society}`);
    expect(await row.textContent()).toContain(society!.nameZh);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1366);
    await page.screenshot({ path: `${ARTIFACTS}society-links-to-confirm.png`, fullPage: true });

    await row.getByRole('button', { name: /^确认/ }).click();
    await expect.poll(() => page.getByTestId('decision-status').textContent()).toContain(`已确认：${persons[0]!.name}`);
    expect(await page.getByTestId('waiting-T-001').count()).toBe(0);
    expect(await page.getByTestId('waiting-T-002').count()).toBe(1);
    expect((await links()).find((l) => l.no === 'T-001')).toMatchObject({ status: 'CONFIRMED', decidedFor: scopes.association });
    await page.close();
  });

  it('shows the society the confirmed link with the person’s name, and ends another by keyboard after asking', async () => {
    const page = await openPage();
    await asSociety(page);
    await page.goto(`${origin}/#/society`);
    const confirmed = page.getByTestId('link-T-001');
    await expect.poll(() => confirmed.textContent()).toContain('已确认 CONFIRMED');
    expect(await confirmed.textContent()).toContain(persons[0]!.name);

    // 终止 · End, by keyboard: it asks first, on today's date; the ended link leaves the open ones.
    await page.getByTestId('link-T-002').getByRole('button', { name: /^终止/ }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('link-T-002').textContent()).toMatch(/于今日（\d{4}-\d{2}-\d{2}）终止此关联？/);
    expect((await links()).find((l) => l.no === 'T-002')!.status).toBe('PENDING');
    expect(await page.evaluate<string>('document.activeElement?.textContent')).toBe('确认终止');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('links-status').textContent()).toContain('已终止会员编号 T-002 的关联');
    await expect.poll(() => page.getByTestId('link-T-002').count()).toBe(0);
    expect((await links()).find((l) => l.no === 'T-002')!.status).toBe('ENDED');
    await page.getByLabel('包括已拒绝和已终止的关联').check();
    await expect.poll(() => page.getByTestId('link-T-002').textContent()).toContain('已终止 ENDED');
    await page.close();
  });

  it('fits 1366×768, labels every control, and switches to English', async () => {
    const page = await openPage();
    await asSociety(page);
    await page.goto(`${origin}/#/society`);
    await page.getByTestId('linked-members').waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(1366);
    for (const label of [FILE_LABEL, '关联起始日期', '试运行（只出报告，不做关联）', '包括已拒绝和已终止的关联']) expect(await page.getByLabel(label).count(), label).toBe(1);
    await page.getByRole('button', { name: 'English' }).click();
    await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Society members');
    expect(await page.getByLabel('Member list (CSV or XLSX)').count()).toBe(1);
    await expect.poll(() => page.getByTestId('link-T-001').textContent()).toContain('Confirmed CONFIRMED');
    await page.getByRole('button', { name: '中文' }).click();
    await page.close();
  });
});
