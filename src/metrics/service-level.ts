import type { ServiceLevelRow } from './rows.js';
import { meanSeconds, percent } from './round.js';

/** Summed counts for one (interval, queue, media type): everything the service-level cells are derived from. */
export interface ServiceLevelCounts {
  offered: number;
  answered: number;
  answeredSumMs: number;
  answeredWithin: number;
  abandoned: number;
  abandonedShort: number;
  flowout: number;
}

export type ServiceLevelFormula = 'genesys' | 'answered' | 'offered';

export interface ServiceLevelKey {
  bucketStartMs: number;
  queueId: string;
  mediaType: string;
}

const emptyCounts = (): ServiceLevelCounts => ({
  offered: 0,
  answered: 0,
  answeredSumMs: 0,
  answeredWithin: 0,
  abandoned: 0,
  abandonedShort: 0,
  flowout: 0,
});

/**
 * Additive state per (bucket, queue, media type): never per conversation, so memory follows the report's size,
 * not the input's. Chunks and sources merge by adding.
 */
export class ServiceLevelAccumulator {
  private readonly cells = new Map<string, { key: ServiceLevelKey; counts: ServiceLevelCounts }>();

  add(key: ServiceLevelKey, delta: Partial<ServiceLevelCounts>): void {
    const id = `${key.bucketStartMs}\u0000${key.queueId}\u0000${key.mediaType}`;
    let cell = this.cells.get(id);
    if (!cell) {
      cell = { key, counts: emptyCounts() };
      this.cells.set(id, cell);
    }
    // Field by field: this runs once per metric of every conversation in a file report.
    const counts = cell.counts;
    counts.offered += delta.offered ?? 0;
    counts.answered += delta.answered ?? 0;
    counts.answeredSumMs += delta.answeredSumMs ?? 0;
    counts.answeredWithin += delta.answeredWithin ?? 0;
    counts.abandoned += delta.abandoned ?? 0;
    counts.abandonedShort += delta.abandonedShort ?? 0;
    counts.flowout += delta.flowout ?? 0;
  }

  entries(): Iterable<{ key: ServiceLevelKey; counts: ServiceLevelCounts }> {
    return this.cells.values();
  }

  queueIds(): Set<string> {
    return new Set([...this.cells.values()].map((c) => c.key.queueId));
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
  }
}

export interface ServiceLevelRowOptions {
  formula: ServiceLevelFormula;
  thresholdS: number;
  queueNames: ReadonlyMap<string, string>;
  /** Window bounds: buckets outside are dropped (details inputs carry emits from neighbouring days). */
  startMs: number;
  endMs: number;
  bucketEndMs: (bucketStartMs: number) => number;
  formatTime: (ms: number) => string;
}

/** Rows for every (interval, queue, media) with at least one offered, answered, abandoned or flow-out, sorted. */
export function serviceLevelRows(acc: ServiceLevelAccumulator, o: ServiceLevelRowOptions): ServiceLevelRow[] {
  const cells = [...acc.entries()].filter(
    ({ key, counts: c }) =>
      key.bucketStartMs >= o.startMs &&
      key.bucketStartMs < o.endMs &&
      c.offered + c.answered + c.abandoned + c.flowout > 0,
  );
  const name = (id: string) => o.queueNames.get(id) ?? '';
  cells.sort(
    (a, b) =>
      a.key.bucketStartMs - b.key.bucketStartMs ||
      compareText(name(a.key.queueId), name(b.key.queueId)) ||
      compareText(a.key.queueId, b.key.queueId) ||
      compareText(a.key.mediaType, b.key.mediaType),
  );
  return cells.map(({ key, counts: c }) => ({
    interval_start: o.formatTime(key.bucketStartMs),
    interval_end: o.formatTime(o.bucketEndMs(key.bucketStartMs)),
    queue_id: key.queueId,
    queue_name: name(key.queueId),
    media_type: key.mediaType,
    offered: c.offered,
    answered: c.answered,
    answered_within: c.answeredWithin,
    abandoned: c.abandoned,
    abandoned_short: c.abandonedShort,
    flowout: c.flowout,
    service_level_pct: percent(c.answeredWithin, serviceLevelDenominator(o.formula, c)),
    asa_s: meanSeconds(c.answeredSumMs, c.answered),
    abandon_rate_pct: percent(c.abandoned, c.offered),
    threshold_s: o.thresholdS,
  }));
}

/** Plain code-unit order: stable across machines and locales, so cron diffs do not churn. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
