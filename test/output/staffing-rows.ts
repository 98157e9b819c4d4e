import type { StaffingRow } from '../../src/metrics/rows.js';
import { staffingValues } from '../../src/metrics/staffing.js';
import type { HtmlRow } from '../../src/output/html/render-html.js';
import { staffingCells } from '../../src/output/report-cells.js';

const HALF = 1_800_000;
export const START = Date.parse('2026-11-20T08:00:00Z');

/**
 * `intervals` half hours of one voice queue in the classic shape (AHT 180 s, 20 s / 80 %): offered rises and falls,
 * staffed is 12 agents throughout, so the busy middle is short (14 required at 100 offered).
 */
export function staffingRows(o: { intervals: number; queueName: string; queueId?: string }): StaffingRow[] {
  const rows: StaffingRow[] = [];
  for (let i = 0; i < o.intervals; i++) {
    const offered = Math.round(100 * Math.sin((Math.PI * (i + 0.5)) / o.intervals));
    const values = staffingValues(
      {
        offered,
        handled: offered,
        handleSumMs: offered * 180_000,
        windowHandled: 1,
        windowHandleSumMs: 180_000,
        goal: { thresholdMs: 20_000, targetPct: 80 },
        intervalMs: HALF,
        staffedOnQueueMs: 12 * HALF,
        serviceLevelPct: 80,
      },
      { shrinkagePct: 0, maxOccupancyPct: 85 },
    );
    const startMs = START + i * HALF;
    rows.push({ startMs, endMs: startMs + HALF, queueId: o.queueId ?? '5a000000-0000-4000-8000-000000000001', queueName: o.queueName, mediaType: 'voice', values });
  }
  return rows;
}

export function staffingHtmlInput(columns: readonly string[], rows: StaffingRow[]) {
  const formatTime = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');
  const out: HtmlRow[] = rows.map((row) => ({ typed: row, cells: staffingCells(row, formatTime) }));
  return { columns, rows: out, formatTime, window: { startMs: rows[0]!.startMs, endMs: rows.at(-1)!.endMs } };
}
