import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STAFFING_COLUMNS } from '../../src/metrics/rows.js';
import { renderHtml } from '../../src/output/html/render-html.js';
import { staffingHtmlInput, staffingRows } from '../output/staffing-rows.js';
import { chromiumAvailable, openFile, useBrowser } from './chromium.js';

/** The screenshot is for people (the README's picture; gitignored); the assertions are on the DOM. */
const ARTIFACTS = resolve('test-artifacts');

const run = chromiumAvailable();

describe.runIf(run)('staffing HTML report in chromium (file://, network blocked)', () => {
  const b = useBrowser('gcx-html-');

  it('draws required vs staffed per interval with offered beneath, short intervals marked, no requests, names inert', async () => {
    const evil = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';
    const rows = [...staffingRows({ intervals: 24, queueName: 'Sales' }), ...staffingRows({ intervals: 24, queueName: evil, queueId: '5a000000-0000-4000-8000-000000000002' })];
    const short = rows.filter((r) => r.values.requiredAgents !== null && r.values.staffedAgents < r.values.requiredAgents).length;
    const file = join(b.dir, 'staffing.html');
    const meta = {
      report: 'staffing' as const,
      window: { start: '2026-11-20T08:00:00+00:00', end: '2026-11-20T20:00:00+00:00' },
      timeZone: 'UTC',
      interval: '30m',
      source: 'aggregates, queue members, routing status',
      parameters: [['Max occupancy', '85 %'], ['Shrinkage', '30 %']] as const,
    };
    writeFileSync(file, [...renderHtml(staffingHtmlInput(STAFFING_COLUMNS, rows), meta)].join(''));
    const { page, requests } = await openFile(b.browser, file);
    expect(await page.title()).toBe('Queue staffing: required vs staffed agents, 2026-11-20 08:00 – 2026-11-20 20:00');
    expect(await page.locator('svg.staffing').count()).toBe(2);
    expect(await page.locator('svg.staffing rect.staffed').count()).toBe(48);
    expect(await page.locator('svg.staffing rect.staffed.short').count()).toBe(short);
    expect(await page.locator('svg.staffing rect.offered').count()).toBe(48);
    const chart = await page.locator('svg.staffing').first().boundingBox();
    expect(chart?.width ?? 0).toBeGreaterThan(600);
    expect(chart?.height ?? 0).toBeGreaterThan(150);
    const bar = await page.locator('svg.staffing rect.staffed').first().boundingBox();
    expect(bar?.height ?? 0).toBeGreaterThan(20);
    expect(await page.locator('svg.staffing path.required').first().getAttribute('d')).toMatch(/^M/);
    expect(await page.locator('h3', { hasText: '<img src=x' }).count()).toBe(1); // shown as text, not run
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(requests).toEqual([]);
    await page.screenshot({ path: join(ARTIFACTS, 'staffing.png'), fullPage: false });
  });
});
