import type { Bucket } from '../time/types.js';
import type { OccupancyRow } from './rows.js';
import { msToSeconds, percent } from './round.js';
import { compareText } from './service-level.js';

/** Summed milliseconds and counts for one (agent, interval). */
export interface AgentCounts {
  handled: number;
  handleMs: number;
  talkMs: number;
  heldMs: number;
  acwMs: number;
  idleMs: number;
  interactingMs: number;
  communicatingMs: number;
}

const emptyCounts = (): AgentCounts => ({
  handled: 0,
  handleMs: 0,
  talkMs: 0,
  heldMs: 0,
  acwMs: 0,
  idleMs: 0,
  interactingMs: 0,
  communicatingMs: 0,
});

/** Additive state per (agent, bucket): chunks, batches and sources merge by adding. */
export class OccupancyAccumulator {
  private readonly cells = new Map<string, Map<number, AgentCounts>>();

  add(userId: string, bucketStartMs: number, delta: Partial<AgentCounts>): void {
    let perBucket = this.cells.get(userId);
    if (!perBucket) {
      perBucket = new Map();
      this.cells.set(userId, perBucket);
    }
    let counts = perBucket.get(bucketStartMs);
    if (!counts) {
      counts = emptyCounts();
      perBucket.set(bucketStartMs, counts);
    }
    // Field by field: this runs once per metric of every conversation in a file report.
    counts.handled += delta.handled ?? 0;
    counts.handleMs += delta.handleMs ?? 0;
    counts.talkMs += delta.talkMs ?? 0;
    counts.heldMs += delta.heldMs ?? 0;
    counts.acwMs += delta.acwMs ?? 0;
    counts.idleMs += delta.idleMs ?? 0;
    counts.interactingMs += delta.interactingMs ?? 0;
    counts.communicatingMs += delta.communicatingMs ?? 0;
  }

  get(userId: string, bucketStartMs: number): AgentCounts | undefined {
    return this.cells.get(userId)?.get(bucketStartMs);
  }

  /** Agents with any handle time, handled interaction or on-queue time inside [startMs, endMs). */
  activeAgents(startMs: number, endMs: number): string[] {
    const active: string[] = [];
    for (const [userId, perBucket] of this.cells) {
      for (const [bucketStartMs, c] of perBucket) {
        if (bucketStartMs < startMs || bucketStartMs >= endMs) continue;
        if (c.handled + c.handleMs + c.talkMs + c.heldMs + c.acwMs + c.idleMs + c.interactingMs + c.communicatingMs > 0) {
          active.push(userId);
          break;
        }
      }
    }
    return active;
  }
}

export interface OccupancyRowOptions {
  grid: readonly Bucket[];
  agentIds: readonly string[];
  agentNames: ReadonlyMap<string, string>;
  formatTime: (ms: number) => string;
}

/**
 * One row per agent per grid bucket (zeros where nothing happened), sorted by interval, name, id.
 * occupancy_pct = handle time ÷ interval length: Genesys emits a whole handle time into the interval where
 * wrap-up ended, so it can pass 100. routing_occupancy_pct = Interacting ÷ (Idle + Interacting + Communicating).
 */
export function* occupancyRows(acc: OccupancyAccumulator, o: OccupancyRowOptions): Generator<OccupancyRow> {
  const name = (id: string) => o.agentNames.get(id) ?? '';
  const agents = [...new Set(o.agentIds)].sort((a, b) => compareText(name(a), name(b)) || compareText(a, b));
  // Rows are generated as they are written: a month of 1,000 agents is 1.4 million of them.
  for (const bucket of o.grid) {
    const intervalStart = o.formatTime(bucket.startMs);
    const intervalEnd = o.formatTime(bucket.endMs);
    for (const agentId of agents) {
      const c = acc.get(agentId, bucket.startMs) ?? emptyCounts();
      const onQueueMs = c.idleMs + c.interactingMs + c.communicatingMs;
      yield {
        interval_start: intervalStart,
        interval_end: intervalEnd,
        agent_id: agentId,
        agent_name: name(agentId),
        handled: c.handled,
        handle_s: msToSeconds(c.handleMs),
        talk_s: msToSeconds(c.talkMs),
        hold_s: msToSeconds(c.heldMs),
        acw_s: msToSeconds(c.acwMs),
        occupancy_pct: percent(c.handleMs, bucket.endMs - bucket.startMs) ?? 0,
        on_queue_s: msToSeconds(onQueueMs),
        interacting_s: msToSeconds(c.interactingMs),
        routing_occupancy_pct: percent(c.interactingMs, onQueueMs),
      };
    }
  }
}
