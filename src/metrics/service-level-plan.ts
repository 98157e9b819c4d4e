/**
 * The aggregates side of service level, planned as pure data: which `rangeBound` views to ask for and how to group.
 *
 * A view counts, server-side, the answers whose `tAnswered` falls in a range. The API's AggregationRange has only
 * `gte` and `lt`, and values are integer ms, so "answered in ≤ T" is `{lt: T + 1}`. Each distinct threshold needs
 * its own view; a query may define at most 10 views (the short-abandon view included), so thresholds are packed 10
 * to a query and only a report with more distinct thresholds than that costs more than one query per chunk.
 */
import type { ServiceLevelBy } from './service-level.js';

/** The API's limit on views per aggregates query (developer center, aggregate views). */
export const MAX_VIEWS_PER_QUERY = 10;

/** Custom view names: never a built-in metric name, which the API rejects. */
export const SHORT_ABANDON_VIEW = 'gcxAbandonedShort';
const WITHIN_PREFIX = 'gcxAnsweredWithin';

/** The view that counts answers ≤ `thresholdMs`: its name carries the threshold, so any response says which it is. */
export const answeredWithinView = (thresholdMs: number): string => `${WITHIN_PREFIX}${thresholdMs}ms`;

/** Metrics of the service-level query: counts and sums (tHandle for AHT); every one is a real metric name. */
export const SERVICE_LEVEL_AGGREGATE_METRICS = ['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'tHandle'] as const;

export interface RangeBoundView {
  target: 'tAnswered' | 'tAbandon';
  name: string;
  function: 'rangeBound';
  range: { lt: number };
}

export interface PlannedQuery {
  /** The one query per chunk whose metrics are counted; the others only add their views' answers. */
  primary: boolean;
  metrics: string[];
  views: RangeBoundView[];
}

/**
 * Genesys's own short abandons (`--short-abandon org`): tShortAbandon counts the abandons under the org's
 * abandon-interval setting (docs/metric-definitions.md §4.2), so no view is needed for them.
 */
export const ORG_SHORT_ABANDON_METRIC = 'tShortAbandon';

/**
 * One query with the counts, the short-abandon view (when asked for; with `org`, the tShortAbandon metric instead)
 * and as many threshold views as fit; further queries, each with up to 10 more threshold views, only past that.
 * Thresholds are de-duplicated and ascending.
 */
export function planViewQueries(thresholdsMs: Iterable<number>, shortAbandonMs: number | 'org'): PlannedQuery[] {
  const thresholds = [...new Set(thresholdsMs)].sort((a, b) => a - b);
  const within = (ms: number): RangeBoundView => ({ target: 'tAnswered', name: answeredWithinView(ms), function: 'rangeBound', range: { lt: ms + 1 } });
  const first: RangeBoundView[] = [];
  const metrics: string[] = [...SERVICE_LEVEL_AGGREGATE_METRICS, ...(shortAbandonMs === 'org' ? [ORG_SHORT_ABANDON_METRIC] : [])];
  if (shortAbandonMs !== 'org' && shortAbandonMs > 0) {
    first.push({ target: 'tAbandon', name: SHORT_ABANDON_VIEW, function: 'rangeBound', range: { lt: shortAbandonMs + 1 } });
  }
  const room = MAX_VIEWS_PER_QUERY - first.length;
  const queries: PlannedQuery[] = [{ primary: true, metrics, views: [...first, ...thresholds.slice(0, room).map(within)] }];
  for (let i = room; i < thresholds.length; i += MAX_VIEWS_PER_QUERY) {
    // A query must name at least one metric; tAnswered is the views' own target.
    queries.push({ primary: false, metrics: ['tAnswered'], views: thresholds.slice(i, i + MAX_VIEWS_PER_QUERY).map(within) });
  }
  return queries;
}

/**
 * The dimensions to group on server-side. With one threshold and one target for every row, the API can add up
 * what `--by` asks for; per-queue goals need queue and media type apart (each row picks its own view and target),
 * and are then rolled up client-side from the summed counts.
 */
export function serviceLevelGroupBy(by: ServiceLevelBy, perQueueGoals: boolean): Array<'queueId' | 'mediaType'> {
  if (perQueueGoals) return ['queueId', 'mediaType'];
  switch (by) {
    case 'queue,media':
      return ['queueId', 'mediaType'];
    case 'queue':
      return ['queueId'];
    case 'media':
      return ['mediaType'];
    case 'none':
      return [];
  }
}
