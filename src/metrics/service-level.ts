import type { ServiceLevelRow } from './rows.js';
import { percent } from './round.js';
import type { GoalOf } from './service-level-goals.js';

/** Summed counts for one (interval, queue, media type): everything the service-level cells are derived from. */
export interface ServiceLevelCounts {
  offered: number;
  answered: number;
  answeredSumMs: number;
  /** Answers ≤ the threshold of this cell's queue and media type. */
  answeredWithin: number;
  abandoned: number;
  abandonedShort: number;
  flowout: number;
  /** tHandle.count and tHandle.sum (ms): AHT per queue and media type. */
  handled: number;
  handleSumMs: number;
}

/**
 * The SL % denominators (cli-contract.md, service_level_pct). `answered-flowout` is a project addition: Genesys's
 * Service Level Calculation with Include Flowouts on and Include Abandons off (docs/metric-definitions.md §4.2).
 */
export type ServiceLevelFormula = 'genesys' | 'answered' | 'offered' | 'answered-flowout';

/** `--short-abandon`: seconds (abandons at or under it are short; 0 = none), or `org`: Genesys's own tShortAbandon. */
export type ShortAbandon = number | 'org';

/** Which dimensions rows are grouped on (`--by`); the others are summed over and their columns left empty. */
export type ServiceLevelBy = 'queue,media' | 'queue' | 'media' | 'none';
export const SERVICE_LEVEL_BY: readonly ServiceLevelBy[] = ['queue,media', 'queue', 'media', 'none'];

/** '' for a dimension the API was not asked to group on (the rows of that report leave it empty). */
export interface ServiceLevelKey {
  bucketStartMs: number;
  queueId: string;
  mediaType: string;
}

export const emptyCounts = (): ServiceLevelCounts => ({
  offered: 0,
  answered: 0,
  answeredSumMs: 0,
  answeredWithin: 0,
  abandoned: 0,
  abandonedShort: 0,
  flowout: 0,
  handled: 0,
  handleSumMs: 0,
});

/**
 * Additive state per (bucket, queue, media type): never per conversation, so memory follows the report's size,
 * not the input's. Chunks and sources merge by adding.
 */
export class ServiceLevelAccumulator {
  private readonly cells: Array<{ key: ServiceLevelKey; counts: ServiceLevelCounts }> = [];
  /** queueId → mediaType → bucket → counts: no key string built per metric (a file report adds millions). */
  private readonly index = new Map<string, Map<string, Map<number, ServiceLevelCounts>>>();

  /** The counts of one cell, made empty on first use: the per-metric path of a file report adds to them in place. */
  counts(bucketStartMs: number, queueId: string, mediaType: string): ServiceLevelCounts {
    let byMedia = this.index.get(queueId);
    if (byMedia === undefined) {
      byMedia = new Map();
      this.index.set(queueId, byMedia);
    }
    let byBucket = byMedia.get(mediaType);
    if (byBucket === undefined) {
      byBucket = new Map();
      byMedia.set(mediaType, byBucket);
    }
    let counts = byBucket.get(bucketStartMs);
    if (counts === undefined) {
      counts = emptyCounts();
      byBucket.set(bucketStartMs, counts);
      this.cells.push({ key: { bucketStartMs, queueId, mediaType }, counts });
    }
    return counts;
  }

  add(key: ServiceLevelKey, delta: Partial<ServiceLevelCounts>): void {
    const counts = this.counts(key.bucketStartMs, key.queueId, key.mediaType);
    counts.offered += delta.offered ?? 0;
    counts.answered += delta.answered ?? 0;
    counts.answeredSumMs += delta.answeredSumMs ?? 0;
    counts.answeredWithin += delta.answeredWithin ?? 0;
    counts.abandoned += delta.abandoned ?? 0;
    counts.abandonedShort += delta.abandonedShort ?? 0;
    counts.flowout += delta.flowout ?? 0;
    counts.handled += delta.handled ?? 0;
    counts.handleSumMs += delta.handleSumMs ?? 0;
  }

  /** Adds every cell of `other` (in its order): a response folded on its own merges in so. */
  addAll(other: ServiceLevelAccumulator): void {
    for (const { key, counts } of other.cells) this.add(key, counts);
  }

  /** Every cell, in the order first added. */
  entries(): Iterable<{ key: ServiceLevelKey; counts: ServiceLevelCounts }> {
    return this.cells;
  }

  queueIds(): Set<string> {
    const ids = new Set<string>();
    for (const c of this.cells) if (c.key.queueId !== '') ids.add(c.key.queueId);
    return ids;
  }
}

/** The SL% denominator of each formula (cli-contract.md, service_level_pct). */
export function serviceLevelDenominator(formula: ServiceLevelFormula, c: ServiceLevelCounts): number {
  switch (formula) {
    case 'genesys':
      return c.answered + c.abandoned - c.abandonedShort;
    case 'answered':
      return c.answered;
    case 'offered':
      return c.offered - c.abandonedShort;
    case 'answered-flowout':
      // Every abandon is out (Include Abandons off), so short ones have nothing left to leave.
      return c.answered + c.flowout;
  }
}

/** SL % of summed counts with a formula (2 decimals); null when the denominator is 0. */
export const serviceLevelPercent = (formula: ServiceLevelFormula, c: ServiceLevelCounts): number | null =>
  percent(c.answeredWithin, serviceLevelDenominator(formula, c));

export interface ServiceLevelRowOptions {
  formula: ServiceLevelFormula;
  /** The goal of each (queue, media type) cell: the threshold its answeredWithin was counted at, and its target. */
  goalOf: GoalOf;
  /** Default `queue,media`. */
  by?: ServiceLevelBy;
  queueNames: ReadonlyMap<string, string>;
  /** Window bounds: buckets outside are dropped (details inputs carry emits from neighbouring days). */
  startMs: number;
  endMs: number;
  bucketEndMs: (bucketStartMs: number) => number;
  /** The row bucket of a cell's bucket (`--interval total`: the window's start); default the cell's own. */
  rowBucket?: (bucketStartMs: number) => number;
}

/** A roll-up row in the making: summed counts, and the one goal of its cells with traffic (or `mixed`). */
interface RollUp {
  key: ServiceLevelKey;
  counts: ServiceLevelCounts;
  thresholdMs: number | 'mixed' | undefined;
  targetPct: number | null | 'mixed' | undefined;
}

/** Has the cell any observation that makes a row (the contract: offered, answered, abandoned or flow-out)? */
export const hasTraffic = (c: ServiceLevelCounts) => c.offered + c.answered + c.abandoned + c.flowout > 0;

export function addCounts(into: ServiceLevelCounts, c: ServiceLevelCounts): void {
  into.offered += c.offered;
  into.answered += c.answered;
  into.answeredSumMs += c.answeredSumMs;
  into.answeredWithin += c.answeredWithin;
  into.abandoned += c.abandoned;
  into.abandonedShort += c.abandonedShort;
  into.flowout += c.flowout;
  into.handled += c.handled;
  into.handleSumMs += c.handleSumMs;
}

/**
 * Rows for every (interval, grouped dimensions) with at least one offered, answered, abandoned or flow-out, sorted.
 * Cells are rolled up to `by` by adding counts, never by averaging percentages. Every cell adds its counts (handle
 * time of a media type without traffic in that interval still belongs to its queue's row, as the API's own
 * grouping gives it); the goals of the cells with traffic make the row's, and a row whose cells had different
 * thresholds (or targets) leaves threshold_s (or target_pct and target_met) empty. A cell the API already grouped
 * more coarsely (its queueId or mediaType '') rolls up like any other.
 */
export function serviceLevelRows(acc: ServiceLevelAccumulator, o: ServiceLevelRowOptions): ServiceLevelRow[] {
  const by = o.by ?? 'queue,media';
  const keepQueue = by === 'queue,media' || by === 'queue';
  const keepMedia = by === 'queue,media' || by === 'media';
  const rollUps = new Map<string, RollUp>();
  for (const { key, counts } of acc.entries()) {
    if (key.bucketStartMs < o.startMs || key.bucketStartMs >= o.endMs) continue;
    const out: ServiceLevelKey = {
      bucketStartMs: o.rowBucket ? o.rowBucket(key.bucketStartMs) : key.bucketStartMs,
      queueId: keepQueue ? key.queueId : '',
      mediaType: keepMedia ? key.mediaType : '',
    };
    const id = `${out.bucketStartMs}\u0000${out.queueId}\u0000${out.mediaType}`;
    let r = rollUps.get(id);
    if (!r) {
      r = { key: out, counts: emptyCounts(), thresholdMs: undefined, targetPct: undefined };
      rollUps.set(id, r);
    }
    addCounts(r.counts, counts);
    if (!hasTraffic(counts)) continue;
    const goal = o.goalOf(key.queueId, key.mediaType);
    if (r.thresholdMs === undefined) r.thresholdMs = goal.thresholdMs;
    else if (r.thresholdMs !== goal.thresholdMs) r.thresholdMs = 'mixed';
    if (r.targetPct === undefined) r.targetPct = goal.targetPct;
    else if (r.targetPct !== goal.targetPct) r.targetPct = 'mixed';
  }
  const name = (id: string) => (id === '' ? '' : (o.queueNames.get(id) ?? ''));
  const sorted = [...rollUps.values()].filter((r) => hasTraffic(r.counts)).sort(
    (a, b) =>
      a.key.bucketStartMs - b.key.bucketStartMs ||
      compareText(name(a.key.queueId), name(b.key.queueId)) ||
      compareText(a.key.queueId, b.key.queueId) ||
      compareText(a.key.mediaType, b.key.mediaType),
  );
  return sorted.map(({ key, counts: c, thresholdMs, targetPct }): ServiceLevelRow => {
    const serviceLevelPct = serviceLevelPercent(o.formula, c);
    const target = targetPct === 'mixed' || targetPct === undefined ? null : targetPct;
    return {
      startMs: key.bucketStartMs,
      endMs: o.bucketEndMs(key.bucketStartMs),
      queueId: keepQueue ? key.queueId : null,
      queueName: keepQueue ? name(key.queueId) : null,
      mediaType: keepMedia ? key.mediaType : null,
      counts: c,
      formula: o.formula,
      thresholdMs: thresholdMs === 'mixed' || thresholdMs === undefined ? null : thresholdMs,
      targetPct: target,
      serviceLevelPct,
      targetMet: targetMet(serviceLevelPct, target),
    };
  });
}

/**
 * Met = SL ≥ target, compared as printed (both 2-decimal values), so a row never reads "80 ≥ 80: false"; empty
 * when either is missing.
 */
export function targetMet(serviceLevelPct: number | null, targetPct: number | null): boolean | null {
  if (serviceLevelPct === null || targetPct === null) return null;
  return Math.round(serviceLevelPct * 100) >= Math.round(targetPct * 100);
}

/** True when any row has target_met false: `--check` exits 5 then. */
export function anyTargetMissed(rows: Iterable<{ targetMet: boolean | null }>): boolean {
  for (const r of rows) if (r.targetMet === false) return true;
  return false;
}

/** Plain code-unit order: stable across machines and locales, so cron diffs do not churn. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
