import { DateTime } from 'luxon';
import type { OccupancyRow, ServiceLevelRow } from '../../src/metrics/rows.js';
import { serviceLevelPercent, targetMet } from '../../src/metrics/service-level.js';
import type { HtmlRow } from '../../src/output/html/render-html.js';
import { occupancyCells, serviceLevelCells } from '../../src/output/report-cells.js';
import type { ReportInterval } from '../../src/output/html/time-buckets.js';

const iso = (d: DateTime) => d.toISO({ suppressMilliseconds: true })!;

/** An instant as the reports print it in `zone` (the test fixtures' zone by default). */
export const formatIn = (zone = 'America/New_York') => (ms: number) => iso(DateTime.fromMillis(ms, { zone }));

/** Interval bounds as the reports print them (and as instants), `minutes` apart in `zone` (DST-correct through luxon). */
export function intervals(start: string, count: number, zone = 'America/New_York', minutes = 30): ReportInterval[] {
  const first = DateTime.fromISO(start, { zone });
  return Array.from({ length: count }, (_, i) => {
    const a = first.plus({ minutes: i * minutes });
    const b = a.plus({ minutes });
    return { start: iso(a), end: iso(b), startMs: a.toMillis(), endMs: b.toMillis() };
  });
}

/**
 * Occupancy rows, agent `a` on shift for 16 half-hours starting at interval `a % 48` of each day; on shift it is
 * on queue 1800 s and interacting 180 × (a % 10 + 1) s, so its occupancy is (a % 10 + 1) × 10 %, and it handles
 * a % 5 + 1 conversations of 300 s each. Off shift: zeros, routing occupancy empty.
 */
export function* occupancyRows(o: { agents: number; intervals: number; start?: string; name?: (a: number) => string }): Generator<OccupancyRow> {
  const grid = intervals(o.start ?? '2026-11-20T00:00', o.intervals);
  const name = o.name ?? ((a: number) => `Agent ${String(a).padStart(4, '0')}`);
  for (const interval of grid) {
    const i = grid.indexOf(interval);
    for (let a = 0; a < o.agents; a++) {
      const on = (i - (a % 48) + 48) % 48 < 16;
      const handled = on ? (a % 5) + 1 : 0;
      const interactingMs = on ? 180_000 * ((a % 10) + 1) : 0;
      yield {
        startMs: interval.startMs,
        endMs: interval.endMs,
        agentId: `00000000-0000-4000-8000-${String(a).padStart(12, '0')}`,
        agentName: name(a),
        counts: {
          handled,
          handleMs: handled * 300_000,
          talkMs: handled * 240_000,
          heldMs: 0,
          acwMs: handled * 60_000,
          idleMs: on ? 1_800_000 - interactingMs : 0,
          interactingMs,
          communicatingMs: 0,
          notRespondingMs: 0,
        },
      };
    }
  }
}

export const OCCUPANCY_COLUMNS = [
  'interval_start', 'interval_end', 'agent_id', 'agent_name', 'handled', 'handle_s', 'talk_s', 'hold_s', 'acw_s',
  'occupancy_pct', 'on_queue_s', 'interacting_s', 'routing_occupancy_pct', 'not_responding_s',
];

export const SERVICE_LEVEL_COLUMNS = [
  'interval_start', 'interval_end', 'queue_id', 'queue_name', 'media_type', 'offered', 'answered', 'answered_within',
  'abandoned', 'abandoned_short', 'flowout', 'service_level_pct', 'asa_s', 'abandon_rate_pct', 'threshold_s', 'target_pct',
];

/** One service-level row with the counts given; SL % (genesys formula) from the counts. */
export function slRow(interval: ReportInterval, queue: string, media: string, c: { offered: number; answered: number; within: number; abandoned: number; asa: number; target?: number | null }): ServiceLevelRow {
  const counts = {
    offered: c.offered,
    answered: c.answered,
    answeredSumMs: Math.round(c.asa * 1000 * c.answered),
    answeredWithin: c.within,
    abandoned: c.abandoned,
    abandonedShort: 0,
    flowout: 0,
    handled: 0,
    handleSumMs: 0,
  };
  const serviceLevelPct = serviceLevelPercent('genesys', counts);
  const targetPct = c.target ?? null;
  return {
    startMs: interval.startMs,
    endMs: interval.endMs,
    queueId: `q-${queue}`,
    queueName: queue,
    mediaType: media,
    counts,
    formula: 'genesys',
    thresholdMs: 20_000,
    targetPct,
    serviceLevelPct,
    targetMet: targetMet(serviceLevelPct, targetPct),
  };
}

/** Two queues × two media over `count` intervals, with traffic that varies by interval. */
export function serviceLevelRows(count: number, queues = ['Sales', 'Support']): ServiceLevelRow[] {
  const rows: ServiceLevelRow[] = [];
  for (const [i, interval] of intervals('2026-11-20T00:00', count).entries()) {
    for (const [q, queue] of queues.entries()) {
      for (const media of ['chat', 'voice']) {
        const offered = ((i * 7 + q * 3) % 13) + (media === 'voice' ? 6 : 1);
        const abandoned = i % 4 === 0 ? 1 : 0;
        const answered = offered - abandoned;
        const within = Math.max(0, answered - ((i + q) % 4));
        rows.push(slRow(interval, queue, media, { offered, answered, within, abandoned, asa: 12.5, target: 80 }));
      }
    }
  }
  return rows;
}

/** What renderHtml takes: each typed row with its printed cells, times printed in `zone`. */
export function htmlInput(
  columns: readonly string[],
  rows: Iterable<OccupancyRow | ServiceLevelRow>,
  o: { zone?: string; window?: { startMs: number; endMs: number } } = {},
): { columns: readonly string[]; rows: Iterable<HtmlRow>; formatTime: (ms: number) => string; window?: { startMs: number; endMs: number } } {
  const formatTime = formatIn(o.zone);
  const out: HtmlRow[] = [];
  for (const row of rows) {
    const cells = 'agentId' in row ? occupancyCells(row, formatTime) : serviceLevelCells(row, formatTime);
    out.push({ typed: row, cells });
  }
  return { columns, rows: out, formatTime, ...(o.window ? { window: o.window } : {}) };
}
