import { intervalStart, type Stats, type UsableAggregates, type UsablePoint } from '../api/usable-records.js';

/**
 * Visits every data point of an aggregates response with its group and the start of its grid bucket. The API lays
 * out buckets on the same grid we asked for (interval, granularity, timeZone), so a point's interval start is a
 * bucket start; bucketOf maps it onto our grid regardless.
 */
export function forEachAggregatePoint(
  response: UsableAggregates,
  bucketOf: (ms: number) => number,
  visit: (group: Record<string, string>, bucketStartMs: number, point: UsablePoint) => void,
): void {
  for (const result of response.results) {
    for (const point of result.data) {
      // startMs was read (and checked) by usableAggregates; a hand-built response is read the same way.
      visit(result.group, bucketOf(point.startMs ?? intervalStart(point.interval)), point);
    }
  }
}

/** A metric's stats in a point; undefined when the API omitted it (no data, which means zero). */
export const metricStats = (point: UsablePoint, metric: string): Stats | undefined =>
  point.metrics.find((m) => m.metric === metric)?.stats;

/** A view's stats in a point; undefined when omitted. */
export const viewStats = (point: UsablePoint, name: string): Stats | undefined =>
  point.views?.find((v) => v.name === name)?.stats;
