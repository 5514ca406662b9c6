// The explorer in a real browser for end-to-end tests: Debian's chromium driven by playwright-core, pages at 1366×768
// whose every request to another host is refused and recorded, and demo sign-in by the sign-in page's buttons.
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';
import { expect } from 'vitest';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launchChromium(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Expected Debian's chromium at ${CHROMIUM} (apt-get install chromium; .ci/run installs it), found nothing.`);
  return chromium.launch({
    executablePath: CHROMIUM,
    // Chromium's own background traffic (updates, safe browsing, metrics) has nowhere to go either.
    args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'],
  });
}

/** A fresh page at 1366×768 whose every request to a host other than `origin` is refused and pushed to `offMachine`. */
export async function openPage(browser: Browser, origin: string, offMachine: string[]): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: 'zh-CN' });
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    offMachine.push(url);
    return route.abort();
  });
  return context.newPage();
}

/** Signs in with a demo role and waits until the header says so (signing in then moves to the find page). */
export async function signInAs(page: Page, origin: string, button: RegExp, role: string): Promise<void> {
  await page.goto(`${origin}/#/sign-in`);
  await page.getByRole('button', { name: button }).click();
  await expect.poll(() => page.getByTestId('who').textContent()).toContain(role);
  await page.waitForURL(/#\/find/);
}

/** The page's width as laid out: more than the viewport's means sideways scrolling. */
export const scrollWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');
