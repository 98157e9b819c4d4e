/**
 * POST /api/v2/analytics/conversations/aggregates/query over simulated conversations, with the real API's semantics:
 * each metric counts in the bucket holding its emitDate; n* metrics give {count}, t* metrics {max, min, count, sum}
 * in ms; views give rangeBound stats over their target's values; oServiceLevel gives {ratio, numerator, denominator,
 * target} with numerator = answered − nOverSla and denominator = answered + abandoned (Genesys's default settings:
 * short abandons included, flow-outs excluded). Metrics, buckets and groups without data are left out; no data is {}.
 * Simulated dimensions are single-valued and emit times are event times, so flattenMultivaluedDimensions and
 * alternateTimeDimension change nothing here.
 */
import { mediaKey, type ServedConversation, type SimQueue } from '../data/types.js';
import { intervalString } from './bucket-grid.js';
import { ListedAnswer } from './listed-answer.js';
import { compileFilter, type Dims } from './compile-filter.js';
import { observationsOf } from './observations.js';
import type { ConversationAggregateQuery, View } from './types.js';
import { validateConversationQuery } from './validate-query.js';

export interface AggregateOptions {
  /** Queues whose service-level percentage fills oServiceLevel's `target` (left out when not given or ambiguous). */
  queues?: readonly SimQueue[];
  /** The org's short-abandon threshold for tShortAbandon (default 10 s). */
  shortAbandonMs?: number;
  /**
   * Split grouped results by media type too when groupBy lacks mediaType, as the real API does (docs/genesys-api.md
   * "Queue observations", related facts). The server sets it; the engine's own tests leave it off.
   */
  addMediaType?: boolean;
}

interface Acc { count: number; sum: number; min: number; max: number }
interface Bucket { accs: (Acc | undefined)[]; views: (Acc | undefined)[]; target: number | null | undefined }
interface Group { key: string; group: Record<string, string>; buckets: (Bucket | undefined)[] }

const SL = 'oServiceLevel';
const NONE: readonly number[] = [];

export function aggregateConversations(
  q: ConversationAggregateQuery,
  conversations: Iterable<ServedConversation>,
  opts: AggregateOptions = {},
): { results?: unknown[] } {
  return conversationAggregatesAnswer(q, conversations, opts).toJSON();
}

/**
 * The same answer with its result groups made as they are read: the conversations are folded into the buckets
 * here, at once; each group's `data` is built only when the writer reaches it, and can be dropped once written.
 */
export function conversationAggregatesAnswer(
  q: ConversationAggregateQuery,
  conversations: Iterable<ServedConversation>,
  opts: AggregateOptions = {},
): ListedAnswer {
  const { startMs, endMs, grid } = validateConversationQuery(q);
  const wantsSl = q.metrics.includes(SL);
  // Slots: the metrics to accumulate (requested ones, view targets, and what oServiceLevel is made of).
  const slotOf = new Map<string, number>();
  const slot = (name: string): number => {
    let i = slotOf.get(name);
    if (i === undefined) slotOf.set(name, (i = slotOf.size));
    return i;
  };
  for (const m of q.metrics) if (m !== SL) slot(m);
  const views: View[] = q.views ?? [];
  const viewsByTarget = new Map<number, number[]>();
  views.forEach((v, vi) => {
    const s = slot(v.target);
    viewsByTarget.set(s, [...(viewsByTarget.get(s) ?? []), vi]);
  });
  const [answeredSlot, abandonSlot, overSlot] = wantsSl ? [slot('tAnswered'), slot('tAbandon'), slot('nOverSla')] : [-1, -1, -1];
  const targets = targetLookup(opts.queues);

  const test = compileFilter(q.filter);
  const groupBy = q.groupBy ?? [];
  const addMedia = opts.addMediaType === true && groupBy.length > 0 && !groupBy.includes('mediaType');
  const groups = new Map<string, Group>();
  const groupOfDims = new Map<Dims, Group | null>();
  const groupFor = (dims: Dims): Group | null => {
    let g = groupOfDims.get(dims);
    if (g !== undefined) return g;
    if (!test(dims)) g = null;
    else {
      const group: Record<string, string> = {};
      // Sort key: values in groupBy order, an absent dimension before any value.
      let key = '';
      for (const d of groupBy) {
        const v = dims[d];
        if (v !== undefined) group[d] = v;
        key += v === undefined ? '\u0000\u0002' : `\u0001${v}\u0002`;
      }
      if (addMedia && dims.mediaType !== undefined) {
        group.mediaType = dims.mediaType;
        key += `\u0001${dims.mediaType}\u0002`;
      }
      g = groups.get(key) ?? { key, group, buckets: [] };
      groups.set(key, g);
    }
    groupOfDims.set(dims, g);
    return g;
  };

  for (const conv of conversations) {
    for (const o of observationsOf(conv, opts.shortAbandonMs)) {
      const s = slotOf.get(o.name);
      if (s === undefined || o.t < startMs || o.t >= endMs) continue;
      const g = groupFor(o.dims);
      if (!g) continue;
      const bi = grid.indexOf(o.t);
      const b = (g.buckets[bi] ??= { accs: [], views: [], target: undefined });
      add(b.accs, s, o.value);
      for (const vi of viewsByTarget.get(s) ?? NONE) if (inRange(o.value, (views[vi] as View).range)) add(b.views, vi, o.value);
      if ((s === answeredSlot || s === abandonSlot) && targets) {
        const t = targets.get(`${o.dims.queueId}|${mediaKey(o.dims.mediaType ?? '')}`);
        b.target = b.target === undefined ? (t ?? null) : b.target === t ? t : null;
      }
    }
  }

  // Last group first, so that pop() hands them out in order and lets each go once it has been written.
  const pending = [...groups.values()].sort((a, b) => (a.key < b.key ? 1 : a.key > b.key ? -1 : 0));
  groups.clear();
  groupOfDims.clear();
  return new ListedAnswer({}, 'results', resultsOf(pending));

  function* resultsOf(pending: Group[]): Generator<unknown> {
    for (let g = pending.pop(); g; g = pending.pop()) {
      const data: unknown[] = [];
      g.buckets.forEach((b, bi) => {
        if (!b) return;
        const metrics: unknown[] = [];
        for (const m of q.metrics) {
          if (m === SL) {
            const answered = b.accs[answeredSlot]?.count ?? 0;
            const denominator = answered + (b.accs[abandonSlot]?.count ?? 0);
            if (denominator === 0) continue;
            const numerator = answered - (b.accs[overSlot]?.count ?? 0);
            const stats: Record<string, number> = { ratio: numerator / denominator, numerator, denominator };
            if (typeof b.target === 'number') stats.target = b.target;
            metrics.push({ metric: m, stats });
            continue;
          }
          const acc = b.accs[slotOf.get(m) as number];
          if (acc) metrics.push({ metric: m, stats: statsOf(m, acc) });
        }
        const viewData = views.flatMap((v, vi) => {
          const acc = b.views[vi];
          return acc ? [{ name: v.name, stats: statsOf(v.target, acc) }] : [];
        });
        if (metrics.length === 0 && viewData.length === 0) return;
        const point: Record<string, unknown> = { interval: intervalString(grid.startOf(bi), grid.endOf(bi)), metrics };
        if (viewData.length > 0) point.views = viewData;
        data.push(point);
      });
      if (data.length > 0) yield { group: g.group, data };
    }
  }
}

function add(accs: (Acc | undefined)[], i: number, v: number): void {
  const a = accs[i];
  if (!a) accs[i] = { count: 1, sum: v, min: v, max: v };
  else {
    a.count++;
    a.sum += v;
    if (v < a.min) a.min = v;
    if (v > a.max) a.max = v;
  }
}

function statsOf(metric: string, a: Acc): Record<string, number> {
  return metric.startsWith('t') ? { max: a.max, min: a.min, count: a.count, sum: a.sum } : { count: a.count };
}

function inRange(v: number, r: View['range']): boolean {
  return (r.gte === undefined || v >= r.gte) && (r.lt === undefined || v < r.lt);
}

function targetLookup(queues: readonly SimQueue[] | undefined): Map<string, number> | undefined {
  if (!queues) return undefined;
  const m = new Map<string, number>();
  for (const q of queues) {
    for (const [key, s] of Object.entries(q.mediaSettings)) if (s.serviceLevel) m.set(`${q.id}|${key}`, s.serviceLevel.percentage);
  }
  return m;
}
