import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium (apt-get install chromium; .ci/run installs it): never a browser download. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Whether the browser tests can run here. Outside CI a machine without chromium skips them with one line; under
 * CI=true a missing browser is a failure, so a green CI always means the page was opened in a real browser.
 */
export function chromiumAvailable(env = process.env): boolean {
  if (existsSync(CHROMIUM)) return true;
  if (env.CI === 'true') throw new Error(`${CHROMIUM} is missing under CI: .ci/run must apt-get install chromium`);
  process.stderr.write('browser tests skipped: no chromium here (apt-get install chromium)\n');
  return false;
}

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Headless chromium with a fresh profile and every network path shut: a page that fetched would fail loudly. */
export async function openBrowser(): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'gcx-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    offline: true,
    viewport: { width: 1280, height: 900 },
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      // Belt and braces: any request that got past the routes below would meet a closed port.
      '--proxy-server=127.0.0.1:9',
    ],
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Opens a file:// page with every request other than the page itself aborted and recorded: the page must make
 * none (no script, font, image or stylesheet from anywhere).
 */
export async function openFile(browser: Browser, path: string): Promise<{ page: Page; requests: string[] }> {
  const page = await browser.context.newPage();
  const url = `file://${path}`;
  const requests: string[] = [];
  page.on('request', (request) => {
    if (request.url() !== url) requests.push(request.url());
  });
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort('blockedbyclient')));
  // Generous: the machine may be busy; how fast a page opens is for the benchmark, not a test.
  await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
  return { page, requests };
}

/**
 * One browser and one scratch directory for a describe block: opened before its tests (screenshots go to
 * test-artifacts/, which people look at), closed and removed after. Read `browser` and `dir` inside the tests.
 */
export function useBrowser(prefix: string): { readonly browser: Browser; readonly dir: string } {
  const state = {} as { browser: Browser; dir: string };
  beforeAll(async () => {
    state.dir = mkdtempSync(join(tmpdir(), prefix));
    mkdirSync(resolve('test-artifacts'), { recursive: true });
    state.browser = await openBrowser();
  }, 60_000);
  afterAll(async () => {
    await state.browser?.close();
    if (state.dir) rmSync(state.dir, { recursive: true, force: true });
  });
  return state;
}
