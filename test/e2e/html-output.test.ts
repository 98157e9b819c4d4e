/**
 * The built CLI's HTML, --columns and --hide-empty on the demo org (the page itself is tested in a browser in
 * test/browser; here: the flags reach it).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './cli.js';

const tmp = mkdtempSync(join(tmpdir(), 'gcx-html-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const HOURS = ['--demo', '--from', '2026-11-20T09:00', '--to', '2026-11-20T11:00', '--tz', 'America/New_York', '--quiet'];

describe('HTML and table flags through the CLI', () => {
  it('--output x.html chooses html: one page with the heatmap, the parameters and every row', async () => {
    const [html, csv] = await Promise.all([
      runCli(['occupancy', ...HOURS, '--output', 'report.html'], { cwd: tmp }),
      runCli(['occupancy', ...HOURS, '--format', 'csv']),
    ]);
    expect(html.code, html.stderr).toBe(0);
    const page = readFileSync(join(tmp, 'report.html'), 'utf8');
    const rows = csv.stdout.trimEnd().split('\n').length - 1;
    const agents = new Set(csv.stdout.trimEnd().split('\n').slice(1).map((l) => l.split(',')[2])).size;
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<dt>Window</dt><dd>2026-11-20 09:00 – 2026-11-20 11:00</dd>');
    expect(page).toContain('<dt>Source</dt><dd>demo org, analytics aggregates</dd>');
    expect(page.match(/class="cell"/g)).toHaveLength(agents * 4);
    expect(page.match(/<tr><td>2026-11-20 \d\d:\d\d</g)).toHaveLength(rows);
  });

  it('service-level --format html on stdout: a chart per queue and media, the formula in the header', async () => {
    const r = await runCli(['service-level', ...HOURS, '--format', 'html', '--formula', 'offered']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('<dt>Formula</dt><dd>offered</dd>');
    expect((r.stdout.match(/<svg class="chart sl"/g) ?? []).length).toBeGreaterThan(1);
  });

  it('--columns chooses and orders CSV columns; an unknown one exits 2 naming the accepted ones', async () => {
    const [good, bad] = await Promise.all([
      runCli(['occupancy', ...HOURS, '--format', 'csv', '--columns', 'agent_name,occupancy_pct']),
      runCli(['service-level', ...HOURS, '--columns', 'queue_name,sl_pct']),
    ]);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout.split('\n')[0]).toBe('agent_name,occupancy_pct');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^gcx-metrics: --columns: "sl_pct" is not a column of this report; choose from interval_start, interval_end, queue_id, queue_name, .*service_level_pct/);
    expect(bad.stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('--hide-empty leaves out exactly the rows with no work and no on-queue time', async () => {
    const [all, kept] = await Promise.all([
      runCli(['occupancy', ...HOURS, '--format', 'json']),
      runCli(['occupancy', ...HOURS, '--format', 'json', '--hide-empty']),
    ]);
    type Row = Record<string, number | string | null>;
    const busy = (r: Row) => ['handled', 'handle_s', 'talk_s', 'hold_s', 'acw_s', 'on_queue_s', 'interacting_s'].some((c) => (r[c] ?? 0) !== 0);
    const rows = JSON.parse(all.stdout) as Row[];
    expect(rows.some((r) => !busy(r))).toBe(true);
    expect(JSON.parse(kept.stdout)).toEqual(rows.filter(busy));
  });
});
