import type { Cell } from './printed-table.js';

/**
 * The columns that say whether anything happened in a row, per report. Occupancy: work and on-queue time (an
 * agent on queue but idle has on_queue_s > 0, so that row stays: it is what `--hide-empty` is careful not to
 * call "empty"). Service level: the four counts a row exists for, so a row is never empty there today; the flag is
 * accepted so one cron line can serve both reports. Now: the queue's conversations this moment and today's counts.
 */
export const ACTIVITY_COLUMNS = {
  occupancy: ['handled', 'handle_s', 'talk_s', 'hold_s', 'acw_s', 'on_queue_s', 'interacting_s', 'not_responding_s'],
  'service-level': ['offered', 'answered', 'abandoned', 'flowout'],
  // A staffing row exists for the same observations as its service-level row; staffed agents alone are not activity.
  staffing: ['offered', 'service_level_pct'],
  // now: nothing waiting, alerting or connected, and no traffic today (its agents alone do not make it busy).
  now: ['waiting', 'alerting', 'interacting', 'offered_today', 'answered_today', 'abandoned_today'],
} as const;

/** True when every activity column is 0 or empty. */
export function isEmptyRow(row: Record<string, Cell>, activity: readonly string[]): boolean {
  return activity.every((column) => {
    const cell = row[column];
    return cell === null || cell === undefined || cell === 0 || cell === '';
  });
}

/** Rows with some activity, streamed; `hidden()` tells how many were dropped once the rows were read. */
export function withoutEmptyRows<R extends Record<string, Cell>>(
  rows: Iterable<R>,
  activity: readonly string[],
): { rows: Iterable<R>; hidden: () => number } {
  let hidden = 0;
  function* kept() {
    for (const row of rows) {
      if (isEmptyRow(row, activity)) hidden++;
      else yield row;
    }
  }
  return { rows: kept(), hidden: () => hidden };
}
