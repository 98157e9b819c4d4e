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

/** The order of an AgentCounts' fields in the accumulator's packed storage. */
const FIELDS = ['handled', 'handleMs', 'talkMs', 'heldMs', 'acwMs', 'idleMs', 'interactingMs', 'communicatingMs'] as const;
const WIDTH = FIELDS.length;

/**
 * Additive state per (agent, bucket): chunks, batches and sources merge by adding. The sums are packed in one
 * Float64Array, 64 bytes a cell, because a month of a 1,000-agent org is half a million cells and an object per
 * cell (every double boxed) cost about twice that.
 */
export class OccupancyAccumulator {
  private readonly slots = new Map<string, Map<number, number>>();
  private values = new Float64Array(WIDTH * 1024);
  private used = 0;

  add(userId: string, bucketStartMs: number, delta: Partial<AgentCounts>): void {
    const at = this.slotOf(userId, bucketStartMs) * WIDTH;
    const w = this.values; // read after slotOf, which may have grown it
    // Field by field: this runs once per metric of every conversation in a file report.
    w[at]! += delta.handled ?? 0;
    w[at + 1]! += delta.handleMs ?? 0;
    w[at + 2]! += delta.talkMs ?? 0;
    w[at + 3]! += delta.heldMs ?? 0;
    w[at + 4]! += delta.acwMs ?? 0;
    w[at + 5]! += delta.idleMs ?? 0;
    w[at + 6]! += delta.interactingMs ?? 0;
    w[at + 7]! += delta.communicatingMs ?? 0;
  }

  get(userId: string, bucketStartMs: number): AgentCounts | undefined {
    const slot = this.slots.get(userId)?.get(bucketStartMs);
    if (slot === undefined) return undefined;
    const counts = emptyCounts();
    FIELDS.forEach((field, i) => (counts[field] = this.values[slot * WIDTH + i]!));
    return counts;
  }

  /** Agents with any handle time, handled interaction or on-queue time inside [startMs, endMs). */
  activeAgents(startMs: number, endMs: number): string[] {
    const active: string[] = [];
    for (const [userId, perBucket] of this.slots) {
      for (const [bucketStartMs, slot] of perBucket) {
        if (bucketStartMs < startMs || bucketStartMs >= endMs) continue;
        if (this.values.subarray(slot * WIDTH, slot * WIDTH + WIDTH).some((x) => x > 0)) {
          active.push(userId);
          break;
        }
      }
    }
    return active;
  }

  /** Adds every cell of `other` (one response's sums, added once that response has been read whole). */
  addAll(other: OccupancyAccumulator): void {
    for (const [userId, perBucket] of other.slots) {
      for (const bucketStartMs of perBucket.keys()) this.add(userId, bucketStartMs, other.get(userId, bucketStartMs)!);
    }
  }

  /** A copy with every bucket moved to `bucketOf(bucketStartMs)`, sums added: `--interval total` rolls up so. */
  rebucketed(bucketOf: (bucketStartMs: number) => number): OccupancyAccumulator {
    const out = new OccupancyAccumulator();
    for (const [userId, perBucket] of this.slots) {
      for (const bucketStartMs of perBucket.keys()) out.add(userId, bucketOf(bucketStartMs), this.get(userId, bucketStartMs)!);
    }
    return out;
  }

  private slotOf(userId: string, bucketStartMs: number): number {
    let perBucket = this.slots.get(userId);
    if (!perBucket) {
      perBucket = new Map();
      this.slots.set(userId, perBucket);
    }
    let slot = perBucket.get(bucketStartMs);
    if (slot === undefined) {
      slot = this.used++;
      perBucket.set(bucketStartMs, slot);
      if (this.used * WIDTH > this.values.length) {
        const grown = new Float64Array(this.values.length * 2);
        grown.set(this.values);
        this.values = grown;
      }
    }
    return slot;
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
