import type { Bucket } from '../time/types.js';
import type { OccupancyRow } from './rows.js';
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
  /** NOT_RESPONDING routing-status time: Genesys's On Queue includes it; our on-queue time does not. */
  notRespondingMs: number;
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
  notRespondingMs: 0,
});

/** The order of an AgentCounts' fields in the accumulator's packed storage. */
const FIELDS = ['handled', 'handleMs', 'talkMs', 'heldMs', 'acwMs', 'idleMs', 'interactingMs', 'communicatingMs', 'notRespondingMs'] as const;
const WIDTH = FIELDS.length;
export type AgentField = (typeof FIELDS)[number];
const FIELD_INDEX = Object.fromEntries(FIELDS.map((f, i) => [f, i])) as Record<AgentField, number>;

/** Cells per page of sums: pages are added, never copied, as the accumulator grows. */
const PAGE_SHIFT = 12;
const PAGE_CELLS = 1 << PAGE_SHIFT;

/**
 * Additive state per (agent, bucket): chunks, batches and sources merge by adding. The sums are packed in pages of
 * Float64Array, 72 bytes a cell, because a month of a 1,000-agent org is half a million cells and an object per
 * cell (every double boxed) cost about twice that; agents and buckets are numbered once, and each agent's cells are
 * found through an Int32Array by bucket number instead of a Map per agent (~50 bytes an entry).
 */
export class OccupancyAccumulator {
  private readonly userNumbers = new Map<string, number>();
  private readonly users: string[] = [];
  /** Per agent number: its cell per bucket number, plus one (0: none yet). */
  private readonly cellsOfUser: Int32Array[] = [];
  private readonly bucketNumbers = new Map<number, number>();
  private readonly buckets: number[] = [];
  /** Per cell, in the order cells were made: its agent number and bucket number. */
  private cellUser = new Int32Array(1024);
  private cellBucket = new Int32Array(1024);
  private readonly pages: Float64Array[] = [];
  private used = 0;
  // The last agent and bucket looked up: a conversation's metrics mostly share both.
  private lastUserId: string | undefined;
  private lastUser = -1;
  private lastBucketMs = NaN;
  private lastBucket = -1;

  add(userId: string, bucketStartMs: number, delta: Partial<AgentCounts>): void {
    const cell = this.cellOf(userId, bucketStartMs);
    const w = this.pages[cell >> PAGE_SHIFT]!;
    const at = (cell & (PAGE_CELLS - 1)) * WIDTH;
    // Field by field: this runs once per metric of every conversation in a file report.
    w[at]! += delta.handled ?? 0;
    w[at + 1]! += delta.handleMs ?? 0;
    w[at + 2]! += delta.talkMs ?? 0;
    w[at + 3]! += delta.heldMs ?? 0;
    w[at + 4]! += delta.acwMs ?? 0;
    w[at + 5]! += delta.idleMs ?? 0;
    w[at + 6]! += delta.interactingMs ?? 0;
    w[at + 7]! += delta.communicatingMs ?? 0;
    w[at + 8]! += delta.notRespondingMs ?? 0;
  }

  /** Adds `value` to one field of a cell: the per-metric path of a file report, without a delta object. */
  addTo(userId: string, bucketStartMs: number, field: AgentField, value: number): void {
    const cell = this.cellOf(userId, bucketStartMs);
    this.pages[cell >> PAGE_SHIFT]![(cell & (PAGE_CELLS - 1)) * WIDTH + FIELD_INDEX[field]]! += value;
  }

  get(userId: string, bucketStartMs: number): AgentCounts | undefined {
    const user = this.userNumbers.get(userId);
    const bucket = this.bucketNumbers.get(bucketStartMs);
    if (user === undefined || bucket === undefined) return undefined;
    const cell = (this.cellsOfUser[user]![bucket] ?? 0) - 1;
    return cell < 0 ? undefined : this.countsOf(cell);
  }

  /** Agents with any handle time, handled interaction or on-queue time inside [startMs, endMs), in first-seen order. */
  activeAgents(startMs: number, endMs: number): string[] {
    const active = new Set<string>();
    for (let cell = 0; cell < this.used; cell++) {
      const bucketStartMs = this.buckets[this.cellBucket[cell]!]!;
      if (bucketStartMs < startMs || bucketStartMs >= endMs) continue;
      const at = (cell & (PAGE_CELLS - 1)) * WIDTH;
      if (this.pages[cell >> PAGE_SHIFT]!.subarray(at, at + WIDTH).some((x) => x > 0)) active.add(this.users[this.cellUser[cell]!]!);
    }
    return [...active];
  }

  /** Adds every cell of `other` (one response's sums, added once that response has been read whole). */
  addAll(other: OccupancyAccumulator): void {
    other.forEachCell((userId, bucketStartMs, counts) => this.add(userId, bucketStartMs, counts));
  }

  /** A copy with every bucket moved to `bucketOf(bucketStartMs)`, sums added: `--interval total` rolls up so. */
  rebucketed(bucketOf: (bucketStartMs: number) => number): OccupancyAccumulator {
    const out = new OccupancyAccumulator();
    this.forEachCell((userId, bucketStartMs, counts) => out.add(userId, bucketOf(bucketStartMs), counts));
    return out;
  }

  /** Every cell in the order it was made (so each agent's cells in the order they were first added to). */
  private forEachCell(visit: (userId: string, bucketStartMs: number, counts: AgentCounts) => void): void {
    for (let cell = 0; cell < this.used; cell++) {
      visit(this.users[this.cellUser[cell]!]!, this.buckets[this.cellBucket[cell]!]!, this.countsOf(cell));
    }
  }

  private countsOf(cell: number): AgentCounts {
    const w = this.pages[cell >> PAGE_SHIFT]!;
    const at = (cell & (PAGE_CELLS - 1)) * WIDTH;
    return {
      handled: w[at]!,
      handleMs: w[at + 1]!,
      talkMs: w[at + 2]!,
      heldMs: w[at + 3]!,
      acwMs: w[at + 4]!,
      idleMs: w[at + 5]!,
      interactingMs: w[at + 6]!,
      communicatingMs: w[at + 7]!,
      notRespondingMs: w[at + 8]!,
    };
  }

  private cellOf(userId: string, bucketStartMs: number): number {
    let user = this.lastUser;
    if (userId !== this.lastUserId) {
      const known = this.userNumbers.get(userId);
      if (known === undefined) {
        user = this.users.length;
        this.users.push(userId);
        this.userNumbers.set(userId, user);
        this.cellsOfUser.push(new Int32Array(Math.max(64, this.buckets.length)));
      } else {
        user = known;
      }
      this.lastUserId = userId;
      this.lastUser = user;
    }
    let bucket = this.lastBucket;
    if (bucketStartMs !== this.lastBucketMs) {
      const known = this.bucketNumbers.get(bucketStartMs);
      if (known === undefined) {
        bucket = this.buckets.length;
        this.buckets.push(bucketStartMs);
        this.bucketNumbers.set(bucketStartMs, bucket);
      } else {
        bucket = known;
      }
      this.lastBucketMs = bucketStartMs;
      this.lastBucket = bucket;
    }
    let cells = this.cellsOfUser[user]!;
    if (bucket >= cells.length) {
      const grown = new Int32Array(Math.max(2 * cells.length, bucket + 1));
      grown.set(cells);
      this.cellsOfUser[user] = cells = grown;
    }
    const known = cells[bucket]!;
    if (known > 0) return known - 1;
    const cell = this.used++;
    cells[bucket] = cell + 1;
    if ((cell & (PAGE_CELLS - 1)) === 0) this.pages.push(new Float64Array(PAGE_CELLS * WIDTH));
    if (cell === this.cellUser.length) {
      this.cellUser = grownInts(this.cellUser);
      this.cellBucket = grownInts(this.cellBucket);
    }
    this.cellUser[cell] = user;
    this.cellBucket[cell] = bucket;
    return cell;
  }
}

function grownInts(a: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(a.length * 2);
  bigger.set(a);
  return bigger;
}

export interface OccupancyRowOptions {
  grid: readonly Bucket[];
  agentIds: readonly string[];
  agentNames: ReadonlyMap<string, string>;
}

/**
 * One row per agent per grid bucket (zeros where nothing happened), sorted by interval, name, id. The ratios
 * (occupancy_pct = handle time ÷ interval length, routing_occupancy_pct = Interacting ÷ on-queue time) are derived
 * from these sums where the rows are printed (src/output/report-cells.ts).
 */
export function* occupancyRows(acc: OccupancyAccumulator, o: OccupancyRowOptions): Generator<OccupancyRow> {
  const name = (id: string) => o.agentNames.get(id) ?? '';
  const agents = [...new Set(o.agentIds)].sort((a, b) => compareText(name(a), name(b)) || compareText(a, b));
  // Rows are generated as they are written: a month of 1,000 agents is 1.4 million of them.
  for (const bucket of o.grid) {
    for (const agentId of agents) {
      yield { startMs: bucket.startMs, endMs: bucket.endMs, agentId, agentName: name(agentId), counts: acc.get(agentId, bucket.startMs) ?? emptyCounts() };
    }
  }
}
