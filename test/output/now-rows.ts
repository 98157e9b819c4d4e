/** NowRow fixtures for the wallboard and watch-screen tests. */
import type { NowRow } from '../../src/metrics/now.js';

export const OBSERVED_AT = Date.UTC(2026, 10, 20, 15, 30, 0);

export function nowRow(over: Partial<NowRow>): NowRow {
  return {
    observed_at: OBSERVED_AT,
    queue_id: 'q1',
    queue_name: 'Billing',
    media_type: 'voice',
    waiting: 0,
    longest_wait_s: null,
    alerting: 0,
    interacting: 0,
    on_queue_agents: 0,
    idle_agents: 0,
    not_responding_agents: 0,
    off_queue_agents: 0,
    offered_today: 0,
    answered_today: 0,
    abandoned_today: 0,
    service_level_today_pct: null,
    threshold_s: 20,
    target_pct: 80,
    target_met: null,
    alerts: [],
    ...over,
  };
}

export const HOSTILE = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>';

/** Billing voice misses its target with 7 waiting for 2:05; Billing chat meets it; a hostile-named queue is quiet. */
export const WALL_ROWS: NowRow[] = [
  nowRow({
    queue_id: 'q1',
    queue_name: 'Billing',
    media_type: 'chat',
    interacting: 2,
    on_queue_agents: 12,
    idle_agents: 5,
    not_responding_agents: 1,
    off_queue_agents: 3,
    offered_today: 40,
    answered_today: 39,
    service_level_today_pct: 91.25,
    threshold_s: 30,
    target_pct: 70,
    target_met: true,
  }),
  nowRow({
    queue_id: 'q1',
    queue_name: 'Billing',
    media_type: 'voice',
    waiting: 7,
    longest_wait_s: 125,
    alerting: 1,
    interacting: 6,
    on_queue_agents: 12,
    idle_agents: 5,
    not_responding_agents: 1,
    off_queue_agents: 3,
    offered_today: 320,
    answered_today: 300,
    abandoned_today: 20,
    service_level_today_pct: 62.5,
    target_met: false,
    alerts: ['sl_below_target', 'waiting>5'],
  }),
  nowRow({ queue_id: 'q9', queue_name: HOSTILE, media_type: null, threshold_s: null, target_pct: null, on_queue_agents: 2, idle_agents: 2 }),
];
