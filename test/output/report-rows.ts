import { DateTime } from 'luxon';
import type { Cell } from '../../src/metrics/rows.js';

type Row = Record<string, Cell>;

/** Interval bounds as the reports print them, 30 minutes apart in `zone` (DST-correct through luxon). */
export function intervals(start: string, count: number, zone = 'America/New_York', minutes = 30): Array<{ start: string; end: string }> {
  const first = DateTime.fromISO(start, { zone });
  const iso = (d: DateTime) => d.toISO({ suppressMilliseconds: true })!;
  return Array.from({ length: count }, (_, i) => {
    const a = first.plus({ minutes: i * minutes });
    return { start: iso(a), end: iso(a.plus({ minutes })) };
  });
}

/**
 * Occupancy rows, agent `a` on shift for 16 half-hours starting at interval `a % 48` of each day; on shift it is
 * on queue 1800 s and interacting 180 × (a % 10 + 1) s, so its occupancy is (a % 10 + 1) × 10 %, and it handles
 * a % 5 + 1 conversations of 300 s each. Off shift: zeros, routing occupancy empty.
 */
export function* occupancyRows(o: { agents: number; intervals: number; start?: string; name?: (a: number) => string }): Generator<Row> {
  const grid = intervals(o.start ?? '2026-11-20T00:00', o.intervals);
  const name = o.name ?? ((a: number) => `Agent ${String(a).padStart(4, '0')}`);
  for (const [i, interval] of grid.entries()) {
    for (let a = 0; a < o.agents; a++) {
      const on = (i - (a % 48) + 48) % 48 < 16;
      const handled = on ? (a % 5) + 1 : 0;
      const interacting = on ? 180 * ((a % 10) + 1) : 0;
      yield {
        interval_start: interval.start,
        interval_end: interval.end,
        agent_id: `00000000-0000-4000-8000-${String(a).padStart(12, '0')}`,
        agent_name: name(a),
        handled,
        handle_s: handled * 300,
        talk_s: handled * 240,
        hold_s: 0,
        acw_s: handled * 60,
        occupancy_pct: Math.round(((handled * 300) / 1800) * 1000) / 10,
        on_queue_s: on ? 1800 : 0,
        interacting_s: interacting,
        routing_occupancy_pct: on ? ((a % 10) + 1) * 10 : null,
      };
    }
  }
}

export const OCCUPANCY_COLUMNS = [
  'interval_start', 'interval_end', 'agent_id', 'agent_name', 'handled', 'handle_s', 'talk_s', 'hold_s', 'acw_s',
  'occupancy_pct', 'on_queue_s', 'interacting_s', 'routing_occupancy_pct',
];

export const SERVICE_LEVEL_COLUMNS = [
  'interval_start', 'interval_end', 'queue_id', 'queue_name', 'media_type', 'offered', 'answered', 'answered_within',
  'abandoned', 'abandoned_short', 'flowout', 'service_level_pct', 'asa_s', 'abandon_rate_pct', 'threshold_s', 'target_pct',
];

/** One service-level row with the counts given; SL % (genesys formula) and ASA worked out here. */
export function slRow(interval: { start: string; end: string }, queue: string, media: string, c: { offered: number; answered: number; within: number; abandoned: number; asa: number; target?: number | null }): Row {
  const denominator = c.answered + c.abandoned;
  return {
    interval_start: interval.start,
    interval_end: interval.end,
    queue_id: `q-${queue}`,
    queue_name: queue,
    media_type: media,
    offered: c.offered,
    answered: c.answered,
    answered_within: c.within,
    abandoned: c.abandoned,
    abandoned_short: 0,
    flowout: 0,
    service_level_pct: denominator > 0 ? Math.round((c.within / denominator) * 10_000) / 100 : null,
    asa_s: c.answered > 0 ? c.asa : null,
    abandon_rate_pct: c.offered > 0 ? Math.round((c.abandoned / c.offered) * 10_000) / 100 : null,
    threshold_s: 20,
    target_pct: c.target ?? null,
  };
}

/** Two queues × two media over `count` intervals, with traffic that varies by interval. */
export function serviceLevelRows(count: number, queues = ['Sales', 'Support']): Row[] {
  const rows: Row[] = [];
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
