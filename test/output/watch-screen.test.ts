import { describe, expect, it } from 'vitest';
import { NOW_COLUMNS } from '../../src/metrics/now.js';
import { nowCells } from '../../src/output/report-cells.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, renderWatchScreen } from '../../src/output/watch-screen.js';
import { WALL_ROWS } from './now-rows.js';

const rows = WALL_ROWS.map((r) => nowCells(r, () => '2026-11-20T10:30:00-05:00'));
const frame = (over: Partial<Parameters<typeof renderWatchScreen>[0]> = {}) =>
  renderWatchScreen({ columns: NOW_COLUMNS, rows, lastRefresh: '10:30:00', nextRefresh: '10:30:30', width: 200, color: false, ...over });
const lines = (text: string) =>
  text
    .replace(/^\x1b\[H/, '')
    .replace(/\x1b\[J$/, '')
    .split('\n')
    .map((l) => l.replace(/\x1b\[K$/, ''));

describe('renderWatchScreen', () => {
  it('homes the cursor, overwrites each line to its end and clears below', () => {
    const text = frame();
    expect(text.startsWith('\x1b[H')).toBe(true);
    expect(text.endsWith('\x1b[J')).toBe(true);
    expect(text.split('\n').every((l) => l.endsWith('\x1b[K') || l.endsWith('\x1b[K\x1b[J'))).toBe(true);
    expect(ENTER_ALT_SCREEN).toBe('\x1b[?1049h\x1b[?25l');
    expect(LEAVE_ALT_SCREEN).toBe('\x1b[?25h\x1b[?1049l');
  });

  it('starts with a header naming the last and next refresh and how many rows alert', () => {
    expect(lines(frame())[0]).toBe('gcx-metrics now · refreshed 10:30:00 · next 10:30:30 · 1 row with alerts');
  });

  it('fits the table to the width (long names cut): every line at most 60 cells, a note names the dropped columns', () => {
    const out = lines(frame({ width: 60 }));
    // Names cut to a third of the width (20 cells): 19 of the hostile name's and an ellipsis.
    expect(out.filter((l) => l.startsWith('<img src=x onerror=… '))).toHaveLength(1);
    // Waiting and longest wait come right after the names (WATCH_ORDER); ids and observed_at are dropped first.
    expect(out.find((l) => l.startsWith('Billing') && l.includes('voice'))).toMatch(/^Billing\s+voice\s+7\s+0:02:05\s+5$/);
    expect(out[1]).toMatch(/^table: not shown at 60 columns: on_queue_agents, service_le…$/);
    expect(Math.max(...out.map((l) => [...l].length))).toBeLessThanOrEqual(60);
    expect(out[1]).toMatch(/^table: not shown at 60 columns: /);
  });

  it('highlights alert rows only when colour is on', () => {
    const plain = frame();
    expect(plain).not.toContain('\x1b[1;31m');
    const coloured = lines(frame({ color: true }));
    const voice = coloured.find((l) => l.includes('voice'))!;
    const chat = coloured.find((l) => l.includes('chat'))!;
    expect(voice).toContain('\x1b[1;31mBilling\x1b[22;39m');
    expect(chat).not.toContain('\x1b[1;31m');
  });

  it('cuts to the height with a line saying how much is hidden', () => {
    // 400 wide: nothing dropped, so 6 lines (header, column names, rule, 3 rows); 4 keep 3 and say 3 are hidden.
    expect(lines(frame({ width: 400 }))).toHaveLength(6);
    const out = lines(frame({ width: 400, height: 4 }));
    expect(out).toHaveLength(4);
    expect(out[3]).toBe('… 3 more lines: a taller window, or fewer queues with --queue');
  });
});
