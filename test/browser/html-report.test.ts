import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { OccupancyRow, ServiceLevelRow } from '../../src/metrics/rows.js';
import { renderHtml } from '../../src/output/html/render-html.js';
import type { ReportMeta } from '../../src/output/html/report-meta.js';
import { htmlInput, OCCUPANCY_COLUMNS, occupancyRows, SERVICE_LEVEL_COLUMNS, serviceLevelRows } from '../output/report-rows.js';
import { chromiumAvailable, openFile, useBrowser } from './chromium.js';

/** Screenshots are kept for people to look at (gitignored); the assertions are on the DOM. */
const ARTIFACTS = resolve('test-artifacts');

const run = chromiumAvailable();

const writePage = (dir: string, name: string, columns: string[], rows: Iterable<OccupancyRow | ServiceLevelRow>, meta: ReportMeta) => {
  const file = join(dir, name);
  const window = meta.window && { startMs: Date.parse(meta.window.start), endMs: Date.parse(meta.window.end) };
  writeFileSync(file, [...renderHtml(htmlInput(columns, rows, { zone: meta.timeZone, ...(window ? { window } : {}) }), meta)].join(''));
  return file;
};

const box2 = async (page: import('playwright-core').Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

const box = async (page: import('playwright-core').Page, selector: string) => {
  const b = await page.locator(selector).first().boundingBox();
  return { width: b?.width ?? 0, height: b?.height ?? 0 };
};

describe.runIf(run)('HTML report in chromium (file://, network blocked)', () => {
  const b = useBrowser('gcx-html-');

  it('occupancy: heatmap and totals drawn and sized, a cell per agent × interval, no requests, names inert', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const file = writePage(b.dir, 'occupancy.html', OCCUPANCY_COLUMNS, occupancyRows({ agents: 40, intervals: 48, name: (a) => (a === 7 ? evil : `Agent ${a}`) }), {
      report: 'occupancy',
      window: { start: '2026-11-20T00:00:00-05:00', end: '2026-11-21T00:00:00-05:00' },
      timeZone: 'America/New_York',
      interval: '30m',
      source: 'aggregates',
    });
    const { page, requests } = await openFile(b.browser, file);
    expect(await page.title()).toBe('Agent occupancy, 2026-11-20 00:00 – 2026-11-21 00:00');
    expect(await page.locator('svg.heatmap rect.cell').count()).toBe(40 * 48);
    expect(await page.locator('svg.totals rect.total').count()).toBe(48);
    const heatmap = await box(page, 'svg.heatmap');
    expect(heatmap.width).toBeGreaterThan(600);
    expect(heatmap.height).toBeGreaterThan(40 * 14);
    const cell = await box(page, 'svg.heatmap rect.cell');
    expect(cell.width).toBeGreaterThan(5);
    expect(cell.height).toBeGreaterThan(10);
    expect((await box(page, 'svg.totals')).height).toBeGreaterThan(0);
    // The hostile name is text: shown as typed, nothing ran, nothing was fetched.
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('table.rows td', { hasText: evil }).count()).toBe(48);
    expect(await page.locator('img, script').count()).toBe(0);
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'occupancy.png'), fullPage: false });
    await page.close();
  }, 120_000);

  it('service level: one sized chart per queue and media with points, target and offered bars, no requests', async () => {
    const file = writePage(b.dir, 'service-level.html', SERVICE_LEVEL_COLUMNS, serviceLevelRows(48), {
      report: 'service-level',
      timeZone: 'America/New_York',
      interval: '30m',
      source: 'aggregates',
      formula: 'genesys',
    });
    const { page, requests } = await openFile(b.browser, file);
    expect(await page.locator('svg.sl').count()).toBe(4);
    for (let i = 0; i < 4; i++) {
      const b = await page.locator('svg.sl').nth(i).boundingBox();
      expect(b!.width).toBeGreaterThan(600);
      expect(b!.height).toBeGreaterThan(150);
    }
    expect(await page.locator('svg.sl line.target').count()).toBe(4);
    expect(await page.locator('svg.sl rect.offered').count()).toBe(4 * 48);
    expect(await page.locator('svg.sl circle.sl-point').count()).toBe(4 * 48);
    expect((await box(page, 'svg.sl path.sl-line')).width).toBeGreaterThan(500);
    expect(await page.locator('table.totals tbody tr').count()).toBe(5);
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'service-level.png'), fullPage: false });
    await page.close();
  }, 120_000);

  it('at 800 px the heatmap\'s totals and agents scroll together; the SL chart\'s last date and target label are inside the chart', async () => {
    const occ = writePage(b.dir, 'occupancy-800.html', OCCUPANCY_COLUMNS, occupancyRows({ agents: 10, intervals: 48 }), {
      report: 'occupancy',
      window: { start: '2026-11-20T00:00:00-05:00', end: '2026-11-21T00:00:00-05:00' },
      timeZone: 'America/New_York',
      interval: '30m',
      source: 'aggregates',
    });
    const { page } = await openFile(b.browser, occ);
    await page.setViewportSize({ width: 800, height: 900 });
    const scroller = page.locator('div.heatmap-scroll').first();
    const widths = await scroller.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    const before = [(await box2(page, 'div.heatmap-scroll svg.totals')).x, (await box2(page, 'div.heatmap-scroll svg.heatmap')).x];
    await scroller.evaluate((el) => el.scrollBy(300, 0));
    const after = [(await box2(page, 'div.heatmap-scroll svg.totals')).x, (await box2(page, 'div.heatmap-scroll svg.heatmap')).x];
    expect(before[0]! - after[0]!).toBeCloseTo(300, 0);
    expect(before[1]! - after[1]!).toBeCloseTo(300, 0);
    await page.close();

    const sl = writePage(b.dir, 'service-level-week.html', SERVICE_LEVEL_COLUMNS, serviceLevelRows(7 * 48), { report: 'service-level', timeZone: 'America/New_York', interval: '30m', source: 'aggregates', formula: 'genesys' });
    const opened = await openFile(b.browser, sl);
    const chart = await box2(opened.page, 'svg.sl');
    const dates = opened.page.locator('svg.sl').first().locator('text.date');
    const last = await dates.nth((await dates.count()) - 1).boundingBox();
    expect(last!.x + last!.width).toBeLessThanOrEqual(chart.x + chart.width);
    const label = await opened.page.locator('svg.sl text.target-label').first().boundingBox();
    expect(label!.x + label!.width).toBeLessThanOrEqual(chart.x + chart.width);
    expect(await opened.page.locator('svg.sl path.sl-cumulative').count()).toBe(4);
    await opened.page.close();
  }, 120_000);

  it('a 1,000-agent week opens as 4-hour columns in pages of 100 agents, the first page drawn', async () => {
    const file = writePage(b.dir, 'occupancy-1000x7d.html', OCCUPANCY_COLUMNS, occupancyRows({ agents: 1000, intervals: 7 * 48 }), {
      report: 'occupancy',
      timeZone: 'America/New_York',
      interval: '30m',
      source: 'aggregates',
    });
    const { page, requests } = await openFile(b.browser, file);
    expect(await page.locator('svg.heatmap rect.cell').count()).toBe(1000 * 42);
    expect(await page.locator('details.page').count()).toBe(10);
    expect(await page.locator('details.page[open]').count()).toBe(1);
    const first = await box(page, 'details.page[open] svg.heatmap');
    expect(first.height).toBeGreaterThan(100 * 14);
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'occupancy-1000x7d.png'), fullPage: false });
    await page.close();
  }, 240_000);
});
