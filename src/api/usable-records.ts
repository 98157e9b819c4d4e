/**
 * Between the loose response schemas and the calculators: drops each record that lacks what a computation needs
 * and counts it (src/skipped.ts), so everything past this point has its fields. One job: nothing else is decided
 * here.
 */
import type { Skipped } from '../skipped.js';
import { MalformedRecordError } from '../records/malformed-record-error.js';
import { parseRecordInstant } from '../records/parse-record-instant.js';
import type { ConversationAggregateResponse, IdentifiedConversation, QueueMember } from './schemas.js';

/** StatisticalSummary: which fields appear depends on the metric type (n* counters carry only `count`). */
export interface Stats {
  max?: number | undefined;
  min?: number | undefined;
  count?: number | undefined;
  sum?: number | undefined;
  ratio?: number | undefined;
  numerator?: number | undefined;
  denominator?: number | undefined;
  target?: number | undefined;
}

export interface UsableMetric {
  metric: string;
  qualifier?: string | undefined;
  stats: Stats;
}
export interface UsableView {
  name: string;
  stats: Stats;
}
export interface UsablePoint {
  interval: string;
  /** The interval's start in ms, read once here (any ISO-8601 offset; no zone is UTC, as the API writes). */
  startMs?: number;
  metrics: UsableMetric[];
  views?: UsableView[];
}
export interface UsableAggregates {
  results: Array<{ group: Record<string, string>; data: UsablePoint[] }>;
}

/**
 * Aggregates with every point placeable (an interval) and every metric and view named and with stats, and with
 * nothing in them that would give a wrong number without a word: a count that is not a whole number from 0 to 2^53,
 * a sum that is negative, not finite or past 2^53 ms, an interval start that is not an ISO-8601 instant, a result
 * group or a data point twice (each would be counted twice), a metric or view twice in one point. Those throw
 * MalformedRecordError naming where, for the caller to name the endpoint (exit 4).
 * `seenGroups` and `firstIndex` carry the check across the groups of one response when it is read one group at a
 * time (streamAggregates).
 */
export function usableAggregates(
  response: Pick<ConversationAggregateResponse, 'results'>,
  skipped?: Skipped,
  seenGroups: Set<string> = new Set(),
  firstIndex = 0,
): UsableAggregates {
  return {
    results: response.results.map((result, r) => {
      const at = `results[${firstIndex + r}]`;
      const key = groupKey(result.group);
      if (seenGroups.has(key)) throw new MalformedRecordError(`at ${at}.group: the group ${key} appears twice (its counts would be added twice)`);
      seenGroups.add(key);
      let ordered = true;
      let lastStartMs = -Infinity;
      const data = result.data.flatMap((point, p): UsablePoint[] => {
        if (point.interval === undefined) {
          skipped?.add('pointInterval');
          return [];
        }
        const startMs = intervalStart(point.interval);
        if (Number.isNaN(startMs)) {
          throw new MalformedRecordError(`at ${at}.data[${p}].interval: expected an ISO-8601 interval, got ${JSON.stringify(point.interval)}`);
        }
        if (startMs <= lastStartMs) ordered = false;
        lastStartMs = startMs;
        const metrics: UsableMetric[] = [];
        for (let m = 0; m < point.metrics.length; m++) {
          const metric = point.metrics[m]!;
          if (metric.metric === undefined || metric.stats === undefined) {
            skipped?.add('aggregateMetric');
            continue;
          }
          checkStats(metric.stats, at, p, 'metrics', m);
          for (const earlier of metrics) {
            if (earlier.metric === metric.metric && earlier.qualifier === metric.qualifier) {
              throw new MalformedRecordError(`at ${at}.data[${p}].metrics[${m}]: ${metric.metric}${metric.qualifier ? ` (${metric.qualifier})` : ''} appears twice in one data point`);
            }
          }
          metrics.push({ metric: metric.metric, qualifier: metric.qualifier, stats: metric.stats });
        }
        const views: UsableView[] = [];
        for (let v = 0; v < point.views.length; v++) {
          const view = point.views[v]!;
          if (view.name === undefined || view.stats === undefined) {
            skipped?.add('aggregateView');
            continue;
          }
          checkStats(view.stats, at, p, 'views', v);
          if (views.some((earlier) => earlier.name === view.name)) throw new MalformedRecordError(`at ${at}.data[${p}].views[${v}]: view ${view.name} appears twice in one data point`);
          views.push({ name: view.name, stats: view.stats });
        }
        return [{ interval: point.interval, startMs, metrics, views }];
      });
      // The API lists a group's points in time order; only a group that is not pays for a set.
      if (!ordered) {
        const starts = new Set<number>();
        for (const point of data) {
          if (starts.has(point.startMs!)) throw new MalformedRecordError(`at ${at}.data: the interval ${point.interval} appears twice (its counts would be added twice)`);
          starts.add(point.startMs!);
        }
      }
      return { group: result.group, data };
    }),
  };
}

/** Larger than any count or millisecond sum can honestly be, and the last integer a double holds exactly. */
const MAX_EXACT = Number.MAX_SAFE_INTEGER;

/**
 * Counts are whole numbers from 0 to 2^53; sums (durations in ms) are finite, from 0 to 2^53. Runs for every
 * metric of a streamed body: the place is put into words only for an error.
 */
function checkStats(stats: Stats, at: string, p: number, list: 'metrics' | 'views', i: number): void {
  const { count, sum } = stats;
  if (count !== undefined && !(Number.isInteger(count) && count >= 0 && count <= MAX_EXACT)) {
    throw new MalformedRecordError(`at ${at}.data[${p}].${list}[${i}].stats.count: expected a whole number from 0 to 2^53, got ${count}`);
  }
  if (sum !== undefined && !(sum >= 0 && sum <= MAX_EXACT)) {
    throw new MalformedRecordError(`at ${at}.data[${p}].${list}[${i}].stats.sum: expected a number of milliseconds from 0 to 2^53, got ${sum}`);
  }
}

/** `{"mediaType":"voice","queueId":"q1"}`: the same group whatever order the API wrote its keys in. */
function groupKey(group: Record<string, string>): string {
  const keys = Object.keys(group);
  if (keys.length === 1) return JSON.stringify(group);
  return JSON.stringify(Object.fromEntries(keys.sort().map((k) => [k, group[k]])));
}

/**
 * The start of `start/end` in ms; NaN when it is not an ISO-8601 instant. Any offset is read as the instant it
 * names, including the ISO forms Date.parse refuses: an hours-only offset (`+01`) and a decimal comma (`00,000`).
 */
export function intervalStart(interval: string): number {
  const slash = interval.indexOf('/');
  const start = slash < 0 ? interval : interval.slice(0, slash);
  const ms = parseRecordInstant(start);
  if (!Number.isNaN(ms)) return ms;
  return parseRecordInstant(start.replace(/(\d{2}),(\d+)/, '$1.$2').replace(/([+-]\d{2})$/, '$1:00'));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Absent or null is fine; anything else must be an ISO-8601 instant. */
function checkInstant(record: Record<string, unknown>, field: 'conversationStart' | 'conversationEnd', at: number): void {
  const value = record[field];
  if (value === undefined || value === null) return;
  if (typeof value !== 'string' || Number.isNaN(parseRecordInstant(value))) {
    throw new MalformedRecordError(`at conversations[${at}].${field}: expected an ISO-8601 date-time, got ${JSON.stringify(value)}`);
  }
}

/**
 * Conversations that can be de-duplicated across pages (they have a conversationId), with conversationStart and
 * conversationEnd checked where present. Only these fields are checked here; the metric walker checks what it reads.
 * A mistyped one is a body that does not match the API: MalformedRecordError, for the caller to name the endpoint.
 */
export function identifiedConversations(conversations: readonly unknown[] | undefined, skipped?: Skipped): IdentifiedConversation[] {
  const kept: IdentifiedConversation[] = [];
  const list = conversations ?? [];
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (!isRecord(c)) throw new MalformedRecordError(`at conversations[${i}]: expected an object`);
    const id = c.conversationId;
    if (id === undefined || id === null) {
      skipped?.add('conversationId');
      continue;
    }
    if (typeof id !== 'string') throw new MalformedRecordError(`at conversations[${i}].conversationId: expected a string`);
    checkInstant(c, 'conversationStart', i);
    checkInstant(c, 'conversationEnd', i);
    kept.push(c as IdentifiedConversation);
  }
  return kept;
}

/** When a checked conversation started or ended, in ms; undefined when the field is absent. */
export const startOf = (c: IdentifiedConversation): number | undefined => (typeof c.conversationStart === 'string' ? parseRecordInstant(c.conversationStart) : undefined);
export const endOf = (c: IdentifiedConversation): number | undefined => (typeof c.conversationEnd === 'string' ? parseRecordInstant(c.conversationEnd) : undefined);

/** Conversations that can also be placed in the UTC-day chunk they started in. */
export function placeableConversations(
  conversations: readonly IdentifiedConversation[],
  skipped?: Skipped,
): Array<IdentifiedConversation & { conversationStart: string }> {
  const kept: Array<IdentifiedConversation & { conversationStart: string }> = [];
  for (const c of conversations) {
    if (typeof c.conversationStart === 'string') kept.push(c as IdentifiedConversation & { conversationStart: string });
    else skipped?.add('conversationStart');
  }
  return kept;
}

/** A queue member as the user it is: `user.id` (a User's id, what analytics' userId means), else the member `id`. */
export function memberUsers(members: readonly QueueMember[], skipped?: Skipped): Array<{ id: string; name?: string | undefined }> {
  const kept: Array<{ id: string; name?: string | undefined }> = [];
  for (const m of members) {
    const id = m.user?.id ?? m.id;
    if (id !== undefined) kept.push({ id, name: m.user?.name ?? m.name });
    else skipped?.add('memberUserId');
  }
  return kept;
}
