/**
 * Staffing rows from the service-level rows (per interval, queue, media type) and the members' on-queue time:
 * the AHT of a row that handled nothing comes from the whole window for its queue and media type, and a queue's
 * staffed time is the sum over its members (an agent on several queues counts in each).
 */
import type { OccupancyRow, ServiceLevelRow, StaffingRow } from './rows.js';
import { staffingValues, type StaffingOptions } from './staffing.js';

/** On-queue time as occupancy's on_queue_s: Idle + Interacting + Communicating, in ms. */
export const onQueueMs = (row: Pick<OccupancyRow, 'counts'>): number => row.counts.idleMs + row.counts.interactingMs + row.counts.communicatingMs;

/** (agent, interval start) → on-queue ms, from occupancy rows on the same grid as the service-level rows. */
export class OnQueueTime {
  private readonly ms = new Map<string, Map<number, number>>();

  add(row: OccupancyRow): void {
    let byStart = this.ms.get(row.agentId);
    if (!byStart) this.ms.set(row.agentId, (byStart = new Map()));
    byStart.set(row.startMs, (byStart.get(row.startMs) ?? 0) + onQueueMs(row));
  }

  /** Σ over `agents` of their on-queue ms in the interval starting at `startMs`. */
  sum(agents: readonly string[], startMs: number): number {
    let total = 0;
    for (const agent of agents) total += this.ms.get(agent)?.get(startMs) ?? 0;
    return total;
  }
}

const cellKey = (queueId: string, mediaType: string) => `${queueId}\u0000${mediaType}`;

/**
 * One staffing row per service-level row, in the same order. `members` gives each queue's members (absent: none);
 * service-level rows must be grouped by queue and media type.
 */
export function staffingRows(
  serviceLevel: readonly ServiceLevelRow[],
  members: ReadonlyMap<string, readonly string[]>,
  onQueue: OnQueueTime,
  options: StaffingOptions,
): StaffingRow[] {
  const window = new Map<string, { handled: number; handleSumMs: number }>();
  for (const row of serviceLevel) {
    const key = cellKey(row.queueId ?? '', row.mediaType ?? '');
    const w = window.get(key) ?? { handled: 0, handleSumMs: 0 };
    w.handled += row.counts.handled;
    w.handleSumMs += row.counts.handleSumMs;
    window.set(key, w);
  }
  return serviceLevel.map((row) => {
    const queueId = row.queueId ?? '';
    const mediaType = row.mediaType ?? '';
    const w = window.get(cellKey(queueId, mediaType))!;
    const values = staffingValues(
      {
        offered: row.counts.offered,
        handled: row.counts.handled,
        handleSumMs: row.counts.handleSumMs,
        windowHandled: w.handled,
        windowHandleSumMs: w.handleSumMs,
        goal: { thresholdMs: row.thresholdMs, targetPct: row.targetPct },
        intervalMs: row.endMs - row.startMs,
        staffedOnQueueMs: onQueue.sum(members.get(queueId) ?? [], row.startMs),
        serviceLevelPct: row.serviceLevelPct,
      },
      options,
    );
    return { startMs: row.startMs, endMs: row.endMs, queueId, queueName: row.queueName ?? '', mediaType, values };
  });
}

/** Agents who are members of more than one of the queues (they count fully in each queue's staffed agents). */
export function sharedAgents(members: ReadonlyMap<string, readonly string[]>): number {
  const seen = new Map<string, number>();
  for (const list of members.values()) for (const agent of new Set(list)) seen.set(agent, (seen.get(agent) ?? 0) + 1);
  let shared = 0;
  for (const n of seen.values()) if (n > 1) shared++;
  return shared;
}
