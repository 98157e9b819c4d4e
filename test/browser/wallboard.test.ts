import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderWallboard } from '../../src/output/html/wallboard.js';
import { HOSTILE, WALL_ROWS } from '../output/now-rows.js';
import { chromiumAvailable, openFile, useBrowser } from './chromium.js';

/** Screenshots are kept for people to look at (gitignored); the assertions are on the DOM. */
const ARTIFACTS = resolve('test-artifacts');

const run = chromiumAvailable();

/** The page's computed style of an element (the suite compiles without the DOM lib, so the browser's is typed here). */
type StyleOf = (el: unknown) => { fontSize: string; color: string };

describe.runIf(run)('now wallboard in chromium (file://, network blocked)', () => {
  const b = useBrowser('gcx-wall-');

  it('shows the big numbers readably, coloured against target, with nothing fetched and names inert', async () => {
    const file = join(b.dir, 'wall.html');
    // A long refresh: the page must not reload itself while the test reads it.
    writeFileSync(file, renderWallboard(WALL_ROWS, { observedAt: '2026-11-20T10:30:00-05:00', refreshSeconds: 3600, timeZone: 'America/New_York' }));
    const { page, requests } = await openFile(b.browser, file);
    expect(await page.title()).toBe('Queues right now');

    const billing = page.locator('section.queue', { hasText: 'Billing' });
    await expect(billing.locator('.stat.waiting .big').nth(1).innerText()).resolves.toBe('7');
    await expect(billing.locator('.stat.longest .big').nth(1).innerText()).resolves.toBe('2:05');
    await expect(billing.locator('.agents b.idle').innerText()).resolves.toBe('5');
    await expect(billing.locator('.agents b.on-queue').innerText()).resolves.toBe('12');
    await expect(billing.locator('.alerts').innerText()).resolves.toBe('sl_below_target · waiting>5');
    expect(await billing.locator('.stat.waiting .big').nth(1).isVisible()).toBe(true);

    // Readable across a room: the big numbers are at least 32 CSS px tall at 1280 px wide.
    const size = await billing.locator('.stat.waiting .big').first().evaluate((el) => parseFloat((globalThis as unknown as { getComputedStyle: StyleOf }).getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(32);
    // Red for missed, green for met.
    const colour = (selector: string) => billing.locator(selector).evaluate((el) => (globalThis as unknown as { getComputedStyle: StyleOf }).getComputedStyle(el).color);
    await expect(colour('.stat.sl.missed .big')).resolves.toBe('rgb(255, 90, 79)');
    await expect(colour('.stat.sl.met .big')).resolves.toBe('rgb(60, 207, 110)');

    // The hostile name is shown as typed; nothing ran, nothing was fetched.
    await expect(page.locator('section.queue h2').nth(1).innerText()).resolves.toBe(HOSTILE);
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('img, script').count()).toBe(0);
    expect(requests).toEqual([]);

    await page.screenshot({ path: join(ARTIFACTS, 'wallboard.png'), fullPage: false });
    await page.close();
  }, 120_000);
});
