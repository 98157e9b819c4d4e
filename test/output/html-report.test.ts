import { describe, expect, it } from 'vitest';
import type { OccupancyRow, ServiceLevelRow } from '../../src/metrics/rows.js';
import { escapeHtml } from '../../src/output/html/escape-html.js';
import { renderHtml } from '../../src/output/html/render-html.js';
import type { ReportMeta } from '../../src/output/html/report-meta.js';
import { MAX_TABLE_ROWS } from '../../src/output/html/rows-table.js';
import { completeIntervals, planBuckets } from '../../src/output/html/time-buckets.js';
import { htmlInput, intervals, OCCUPANCY_COLUMNS, occupancyRows, SERVICE_LEVEL_COLUMNS, serviceLevelRows, slRow } from './report-rows.js';

const OCC_META: ReportMeta = { report: 'occupancy', timeZone: 'America/New_York', interval: '30m', source: 'aggregates' };
const SL_META: ReportMeta = { report: 'service-level', timeZone: 'America/New_York', interval: '30m', source: 'aggregates', formula: 'genesys' };
// The fixtures' window as instants (the page's fill reaches its bounds): parsed here, in the test, only.
const windowOf = (meta: ReportMeta) => meta.window && { startMs: Date.parse(meta.window.start), endMs: Date.parse(meta.window.end) };
const html = (columns: string[], rows: Iterable<OccupancyRow | ServiceLevelRow>, meta: ReportMeta) =>
  [...renderHtml(htmlInput(columns, rows, { zone: meta.timeZone, ...(meta.window ? { window: windowOf(meta)! } : {}) }), meta)].join('');
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('renderHtml, occupancy', () => {
  const page = html(OCCUPANCY_COLUMNS, occupancyRows({ agents: 12, intervals: 48, name: (a) => (a === 3 ? '<script>alert("x")</script> & Co' : `Agent ${a}`) }), {
    ...OCC_META,
    window: { start: '2026-11-20T00:00:00-05:00', end: '2026-11-21T00:00:00-05:00' },
    parameters: [['Agents', '12 selected']],
    generatedAt: '2026-11-21T00:05:00Z',
  });

  it('is one self-contained page: no script, no external URL, no font or image', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/https?:|src=|url\(|@import|<link|<img/i);
    expect(page).toContain("default-src 'none'");
  });

  it('escapes names everywhere they appear (label, title, table)', () => {
    const escaped = escapeHtml('<script>alert("x")</script> & Co');
    expect(escaped).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    // Heatmap label (trimmed to 26 characters), its title, 48 cell titles and 48 table rows.
    expect(count(page, escaped)).toBeGreaterThanOrEqual(1 + 48 + 48);
  });

  it('has the parameters in the header, a cell per agent and interval, and a total per interval', () => {
    expect(page).toContain('<dt>Window</dt><dd>2026-11-20 00:00 – 2026-11-21 00:00</dd>');
    expect(page).toContain('<dt>Time zone</dt><dd>America/New_York</dd>');
    expect(page).toContain('<dt>Agents</dt><dd>12 selected</dd>');
    expect(count(page, 'class="cell"')).toBe(12 * 48);
    expect(count(page, 'class="total"')).toBe(48);
    expect(count(page, 'class="bar"')).toBe(48);
    // The raw rows, folded away, with times as people write them.
    expect(count(page, '<tr><td>2026-11-20 ')).toBe(12 * 48);
    expect(page).not.toContain('<td>2026-11-20T');
  });

  it('sorts agents busiest first and puts the numbers in each cell title', () => {
    // Handle time per agent: 16 intervals × (a % 5 + 1) × 300 s; agents 4 and 9 handle 5 each, then 3 and 8.
    const order = [...page.matchAll(/<title>(\d+)\. ([^:]+):/g)].map((m) => m[2]);
    expect(order.slice(0, 4)).toEqual(['Agent 4', 'Agent 9', escapeHtml('<script>alert("x")</script> & Co'), 'Agent 8']);
    // Agent 2 starts its shift at interval 2 (01:00): interacting 540 s of 1800, 3 handled.
    expect(page).toContain('<title>Agent 2, 2026-11-20 01:00–01:30\noccupancy 30 % (interacting 0:09:00 of 0:30:00 on queue)\nhandled 3, handle time 0:15:00</title>');
    expect(page).toContain('<title>Agent 2, 2026-11-20 00:30–01:00\noccupancy not on queue\nhandled 0, handle time 0:00:00</title>');
  });

  it('keeps a 1,000-agent week usable: 4-hour columns, pages of 100 agents', () => {
    const big = html(OCCUPANCY_COLUMNS, occupancyRows({ agents: 1000, intervals: 7 * 48 }), OCC_META);
    expect(count(big, 'class="cell"')).toBe(1000 * 42);
    expect(count(big, '<details class="page"')).toBe(10);
    expect(big).toContain('<summary>Agents 1–100 of 1000 (busiest)</summary>');
    expect(big).toContain('30m (charts summed to 4 hours)');
    // The first four hours of Agent 0 (on from 00:00): 8 × 180 s interacting of 8 × 1800 s on queue.
    expect(big).toContain('<title>Agent 0000, 2026-11-20 00:00–04:00\noccupancy 10 % (interacting 0:24:00 of 4:00:00 on queue)');
    // The raw rows (the first 10,000) and the per-agent summary (1,000 agents and all of them).
    expect(count(big, '<tr><td>')).toBe(MAX_TABLE_ROWS + 1001);
    expect(big).toContain(`The first 10,000 of 336,000 rows`);
  }, 60_000);

  it('says so when there are no rows', () => {
    const empty = html(OCCUPANCY_COLUMNS, [], OCC_META);
    expect(empty).toContain('No rows: nothing was measured in this window.');
    expect(empty).toContain('<dt>Window</dt><dd>none (no data)</dd>');
    expect(empty).not.toContain('<svg');
  });
});

describe('renderHtml, service level', () => {
  it('computes window totals from summed counts, never by averaging percentages', () => {
    const [a, b] = intervals('2026-11-20T09:00', 2);
    const rows = [
      slRow(a!, 'Sales', 'voice', { offered: 1, answered: 1, within: 1, abandoned: 0, asa: 10, target: 80 }),
      slRow(b!, 'Sales', 'voice', { offered: 10, answered: 8, within: 5, abandoned: 2, asa: 25, target: 80 }),
    ];
    const page = html(SERVICE_LEVEL_COLUMNS, rows, SL_META);
    // 6 within ÷ (9 answered + 2 abandoned) = 54.55 %, not (100 + 50) ÷ 2 = 75; ASA (10 + 8 × 25) ÷ 9 = 23.333 s.
    expect(page).toContain(
      '<tr><td>Sales</td><td>voice</td><td class="n">11</td><td class="n">9</td><td class="n">6</td><td class="n">2</td><td class="n">0</td><td class="n">0</td><td class="n missed">54.55</td><td class="n">80</td><td class="n">23.333</td></tr>',
    );
    expect(count(page, 'class="target"')).toBe(1);
    expect(count(page, 'class="sl-point"')).toBe(1);
    expect(count(page, 'class="sl-point missed"')).toBe(1);
  });

  it('uses the formula the report used', () => {
    const [a] = intervals('2026-11-20T09:00', 1);
    const rows = [slRow(a!, 'Sales', 'voice', { offered: 10, answered: 8, within: 5, abandoned: 2, asa: 25 })];
    expect(html(SERVICE_LEVEL_COLUMNS, rows, { ...SL_META, formula: 'answered' })).toContain('<td class="n">62.5</td><td class="n"></td>');
    expect(html(SERVICE_LEVEL_COLUMNS, rows, { ...SL_META, formula: 'offered' })).toContain('<td class="n">50</td><td class="n"></td>');
    expect(html(SERVICE_LEVEL_COLUMNS, rows, SL_META)).toContain('No target in these rows');
  });

  it('keeps the time axis linear: intervals without rows (a quiet night) are still columns, from the window start', () => {
    const grid = intervals('2026-11-20T00:00', 6);
    const rows = [grid[2]!, grid[4]!].map((i) => slRow(i, 'Sales', 'voice', { offered: 2, answered: 2, within: 2, abandoned: 0, asa: 5 }));
    const page = html(SERVICE_LEVEL_COLUMNS, rows, { ...SL_META, window: { start: grid[0]!.start, end: grid[5]!.end } });
    expect(count(page, 'class="offered"')).toBe(6);
    expect(page).toContain('<title>2026-11-20 01:30–02:00: offered 0</title>');
    expect(count(page, 'class="sl-point"')).toBe(2);
  });

  it('draws one chart per queue and media with offered bars beneath', () => {
    const page = html(SERVICE_LEVEL_COLUMNS, serviceLevelRows(48), SL_META);
    expect(count(page, '<svg class="chart sl"')).toBe(4);
    expect(count(page, 'class="offered"')).toBe(4 * 48);
    expect(page).toContain('<h3>Sales · chat</h3>');
  });
});

describe('completeIntervals', () => {
  it('fills gaps on the zone clock, across a DST change, and stops at the window end', () => {
    const fallBack = intervals('2026-11-01T00:00', 8, 'America/New_York', 30);
    const filled = completeIntervals([fallBack[0]!, fallBack[7]!], { zone: 'America/New_York', window: { start: fallBack[0]!.start, end: fallBack[7]!.end, startMs: fallBack[0]!.startMs, endMs: fallBack[7]!.endMs } });
    expect(filled).toEqual(fallBack);
    expect(filled.map((i) => i.start.slice(11))).toContain('01:30:00-05:00');
    expect(completeIntervals([fallBack[3]!], {})).toEqual([fallBack[3]]);
  });
});

describe('planBuckets', () => {
  it('keeps the intervals while they fit, then sums to the smallest size that does', () => {
    const day = intervals('2026-11-20T00:00', 48);
    expect(planBuckets(day, 40, { maxColumns: 96, maxCells: 50_000 }).size).toBe('as reported');
    const week = intervals('2026-11-20T00:00', 7 * 48);
    const hours = planBuckets(week, 1, { maxColumns: 200, maxCells: 50_000 });
    expect([hours.size, hours.buckets.length]).toEqual(['hours', 168]);
    expect(hours.buckets[1]).toEqual({ start: '2026-11-20T01:00:00-05:00', end: '2026-11-20T02:00:00-05:00', lengthMs: 3_600_000 });
    const days = planBuckets(intervals('2026-11-01T00:00', 60 * 48), 1000, { maxColumns: 96, maxCells: 50_000 });
    expect([days.size, days.buckets.length]).toEqual(['days', 60]);
  });

  it('gives a fall-back day 25 hour buckets, the repeated hour twice', () => {
    const fallBack = intervals('2026-11-01T00:00', 50);
    const plan = planBuckets(fallBack, 1, { maxColumns: 30, maxCells: 1_000 });
    expect(plan.buckets).toHaveLength(25);
    expect(plan.buckets.slice(1, 3).map((b) => b.start)).toEqual(['2026-11-01T01:00:00-04:00', '2026-11-01T01:00:00-05:00']);
    expect(plan.buckets.every((b) => b.lengthMs === 3_600_000)).toBe(true);
  });
});

describe('HTML a supervisor forwards', () => {
  it('a cumulative "so far" SL line from summed counts, and the target line labelled with its value', () => {
    const [a, b, c] = intervals('2026-11-20T09:00', 3);
    const rows = [
      slRow(a!, 'Sales', 'voice', { offered: 4, answered: 4, within: 4, abandoned: 0, asa: 5, target: 80 }),
      slRow(b!, 'Sales', 'voice', { offered: 4, answered: 4, within: 0, abandoned: 0, asa: 50, target: 80 }),
      slRow(c!, 'Sales', 'voice', { offered: 8, answered: 8, within: 6, abandoned: 0, asa: 15, target: 80 }),
    ];
    const page = html(SERVICE_LEVEL_COLUMNS, rows, SL_META);
    // So far: 4/4 = 100 %, (4+0)/8 = 50 %, (4+0+6)/16 = 62.5 %; per interval the line swings 100, 0, 75.
    const d = /<path class="sl-cumulative" d="([^"]+)"/.exec(page)![1]!;
    const ys = d.split(/[ML]/).filter(Boolean).map((p) => Number(p.split(',')[1]));
    // y = 10 + 120 − pct/100 × 120
    expect(ys).toEqual([10, 70, 55]);
    expect(page).toContain('<text class="target-label"');
    expect(page).toMatch(/<text class="target-label"[^>]*>target 80 %<\/text>/);
  });

  it('per-agent summary below the charts; the raw rows folded away in a <details>; times as YYYY-MM-DD HH:mm', () => {
    const page = html(OCCUPANCY_COLUMNS, occupancyRows({ agents: 3, intervals: 4 }), {
      ...OCC_META,
      window: { start: '2026-11-20T00:00:00-05:00', end: '2026-11-20T02:00:00-05:00' },
      generatedAt: '2026-11-21T00:05:09.512Z',
    });
    const summary = page.indexOf('<h2>Per agent, whole window</h2>');
    const rows = page.indexOf('<details class="rows">');
    expect(summary).toBeGreaterThan(page.lastIndexOf('<svg class="chart heatmap"'));
    expect(rows).toBeGreaterThan(summary);
    expect(page.slice(rows)).toContain('<table class="rows">');
    expect(page.slice(0, rows)).not.toContain('<table class="rows">');
    // Generated 00:05:09.512Z is 19:05 in New York.
    expect(page).toContain('<dt>Generated</dt><dd>2026-11-20 19:05</dd>');
    expect(page).not.toMatch(/\d\dT\d\d:\d\d:\d\d/);
    // The totals and the agents scroll in one box.
    expect(page).toMatch(/<div class="scroll heatmap-scroll"><svg class="chart totals"[^]*?<svg class="chart heatmap"/);
  });

  it('service level: the per-queue totals come after the charts', () => {
    const page = html(SERVICE_LEVEL_COLUMNS, serviceLevelRows(48), SL_META);
    expect(page.indexOf('<h2>Per queue and media, whole window</h2>')).toBeGreaterThan(page.lastIndexOf('<svg class="chart sl"'));
  });
});

describe('time axis ticks', () => {
  it('fall on round local times whatever the first column: a day of half hours from 14:30 ticks at even hours', async () => {
    const { axisLabels } = await import('../../src/output/html/axis-labels.js');
    const buckets = intervals('2026-11-20T14:30', 48).map((i) => ({ start: i.start, end: i.end, lengthMs: 1_800_000 }));
    const labels = axisLabels(buckets, 20);
    expect(labels.map((l) => l.time).slice(0, 4)).toEqual(['16:00', '18:00', '20:00', '22:00']);
    expect(labels.find((l) => l.time === '00:00')?.date).toBe('2026-11-21');
  });

  it('a week of 4-hour columns ticks every 12 hours at 00:00 and 12:00', async () => {
    const { axisLabels } = await import('../../src/output/html/axis-labels.js');
    const starts = Array.from({ length: 42 }, (_, i) => Date.parse('2026-11-16T05:00:00Z') + i * 4 * 3_600_000);
    const iso = (ms: number) => new Date(ms - 5 * 3_600_000).toISOString().slice(0, 19) + '-05:00';
    const buckets = starts.map((s) => ({ start: iso(s), end: iso(s + 4 * 3_600_000), lengthMs: 4 * 3_600_000 }));
    const labels = axisLabels(buckets, 22);
    expect(new Set(labels.map((l) => l.time))).toEqual(new Set(['00:00', '12:00']));
    expect(labels).toHaveLength(14);
  });
});
