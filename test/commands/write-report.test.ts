import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { cellWidth } from '../../src/output/cell-width.js';
import { runOccupancy } from './support.js';
import { parseOccupancyOptions } from '../../src/cli/options.js';
import { occupancyTable, type ReportTable } from '../../src/output/report-table.js';
import { writeReport } from '../../src/output/write-report.js';
import type { ReportMeta } from '../../src/output/html/report-meta.js';
import { formatIn, occupancyRows } from '../output/report-rows.js';
import { OCCUPANCY_COLUMNS } from '../../src/metrics/rows.js';
import { testDeps } from './support.js';

const META: ReportMeta = { report: 'occupancy', timeZone: 'America/New_York', interval: '30m', source: 'aggregates' };
/** 3 agents over 4 half-hours: agent 0 on shift in all four, agents 1 and 2 from the second and third. */
const table = (): ReportTable =>
  occupancyTable([...occupancyRows({ agents: 3, intervals: 4 })], { timeZone: 'America/New_York', formatTime: formatIn('America/New_York') }, OCCUPANCY_COLUMNS);
const terminal = (columns: number, env: Record<string, string> = {}) => {
  const t = testDeps('2026-11-21T00:00:00Z', env);
  Object.assign(t.deps.stdout, { isTTY: true, columns });
  return t;
};

describe('writeReport', () => {
  it('on an 80-column terminal: the table fits, keeps names, volume and both occupancies, and says what it left out', async () => {
    const t = terminal(80);
    await writeReport(table(), { format: 'table' }, t.deps, META);
    const lines = t.stdout().replace(/\x1b\[\d+m/g, '').trimEnd().split('\n');
    expect(Math.max(...lines.map(cellWidth))).toBeLessThanOrEqual(80);
    // Rows where nothing happened are hidden by default on a terminal: agent 1 off in the first interval, agent 2 in two.
    expect(lines.filter((l) => l.startsWith('2026-11-20'))).toHaveLength(9);
    expect(t.stdout()).toContain('\x1b[1m');
    const header = lines.slice(0, 2).join(' ');
    for (const kept of ['interval_', 'agent_name', 'handled', 'routing_', 'occupancy_']) expect(header).toContain(kept);
    // Genesys's occupancy comes before the handle-time ratio.
    expect(lines[0]!.indexOf('routing_')).toBeLessThan(lines[0]!.lastIndexOf('occupancy_'));
    expect(t.stderr()).toMatch(/^table: not shown at 80 columns: [a-z_, ]+agent_id \(--columns chooses\)\n3 of 12 rows where nothing happened hidden; --all shows every row\n$/);
    expect(t.stderr()).not.toMatch(/not shown.*(agent_name|handled|occupancy_pct)/);
  });

  it('--all shows every row on a terminal; a pipe always gets every row', async () => {
    const t = terminal(200, { NO_COLOR: '1' });
    await writeReport(table(), { format: 'table', all: true }, t.deps, META);
    expect(t.stdout().split('\n').filter((l) => l.startsWith('2026-11-20'))).toHaveLength(12);
    expect(t.stderr()).toBe('');
    const piped = testDeps('2026-11-21T00:00:00Z');
    await writeReport(table(), { format: 'table' }, piped.deps, META);
    expect(piped.stdout().split('\n').filter((l) => l.startsWith('2026-11-20'))).toHaveLength(12);
  });

  it('durations say their unit in the header; a table taller than the screen repeats its header every screenful', async () => {
    const t = terminal(400, { NO_COLOR: '1' });
    Object.assign(t.deps.stdout, { rows: 8 });
    await writeReport(table(), { format: 'table', all: true }, t.deps, META);
    const lines = t.stdout().trimEnd().split('\n');
    expect(lines[0]).toContain('handle (h:mm:ss)');
    expect(lines[0]).not.toContain('handle_s');
    // An 8-line screen: header, rule and 5 rows (one line left for the prompt), so 12 rows take 3 screenfuls.
    expect(lines.filter((l) => l.startsWith('interval_start'))).toHaveLength(3);
    expect(lines.findIndex((l, i) => i > 0 && l.startsWith('interval_start'))).toBe(2 + 5);
    expect(lines[8]).toMatch(/^-+ /);
    const csv = testDeps('2026-11-21T00:00:00Z');
    await writeReport(table(), { format: 'csv' }, csv.deps, META);
    expect(csv.stdout().split('\n')[0]).toContain(',handle_s,');
  });

  it('no colour with NO_COLOR, no notes with --quiet', async () => {
    const t = terminal(80, { NO_COLOR: '1' });
    await writeReport(table(), { format: 'table', quiet: true }, t.deps, META);
    expect(t.stdout()).not.toContain('\x1b');
    expect(t.stderr()).toBe('');
  });

  it('--hide-empty drops rows where nothing happened and, on a terminal, says how many', async () => {
    // Off shift: agent 1 in the first interval, agent 2 in the first two: 3 of 12 rows.
    const t = terminal(200);
    await writeReport(table(), { format: 'table', hideEmpty: true }, t.deps, META);
    expect(t.stdout().split('\n').filter((l) => l.startsWith('2026-11-20'))).toHaveLength(9);
    expect(t.stderr()).toBe('3 rows where nothing happened hidden (--hide-empty)\n');

    const piped = testDeps('2026-11-21T00:00:00Z');
    await writeReport(table(), { format: 'csv', hideEmpty: true }, piped.deps, META);
    expect(piped.stdout().trimEnd().split('\n')).toHaveLength(1 + 9);
    expect(piped.stderr()).toBe('');
  });

  it('--columns narrows CSV and JSON to the chosen columns, in their order', async () => {
    const t = testDeps('2026-11-21T00:00:00Z');
    await writeReport(table(), { columns: ['agent_name', 'routing_occupancy_pct'], format: 'csv' }, t.deps, META);
    expect(t.stdout().split('\n').slice(0, 3)).toEqual(['agent_name,routing_occupancy_pct', 'Agent 0000,10', 'Agent 0001,']);
  });

  it('--format html writes the page with the report parameters', async () => {
    const t = testDeps('2026-11-21T00:00:00Z');
    await writeReport(table(), { format: 'html' }, t.deps, { ...META, window: { start: 'A', end: 'B' } });
    expect(t.stdout()).toContain('<dt>Window</dt><dd>A – B</dd>');
    expect(t.stdout().match(/class="cell"/g)).toHaveLength(12);
  });
});

describe('--columns is checked before any request', () => {
  it('an unknown column exits 2 listing the accepted names, with no request made', async () => {
    nock.disableNetConnect();
    try {
      const t = testDeps('2026-11-21T00:00:00Z');
      const o = parseOccupancyOptions({ since: '24h', columns: ['agent_name', 'occupancy'] });
      await expect(runOccupancy(o, t.deps)).rejects.toThrow(
        '--columns: "occupancy" is not a column of this report; choose from interval_start, interval_end, agent_id, agent_name, handled',
      );
    } finally {
      nock.enableNetConnect();
    }
  });
});
