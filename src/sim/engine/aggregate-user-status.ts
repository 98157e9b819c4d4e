/**
 * POST /api/v2/analytics/users/aggregates/query over status spans: per user (or all together without groupBy) and
 * bucket, one metric per qualifier whose stats.sum is the time in that status inside the bucket, in ms (spans are
 * sliced at bucket boundaries). tSystemPresence is derived from the routing status (ON_QUEUE while on queue, OFFLINE
 * otherwise: the simulator does not model breaks as presences), tOrganizationPresence maps that to the org's ids.
 */
import type { StatusSpan } from '../data/types.js';
import { intervalString } from './bucket-grid.js';
import { ListedAnswer } from './listed-answer.js';
import { compileFilter, type Dims } from './compile-filter.js';
import { ROUTING_STATUSES, SYSTEM_PRESENCE_IDS } from './names.js';
import type { UserAggregateQuery, UserMetric } from './types.js';
import { validateUserQuery } from './validate-query.js';

const presenceOf = (status: string): string => (status === 'OFF_QUEUE' ? 'OFFLINE' : 'ON_QUEUE');
const QUALIFIERS: Record<UserMetric, (status: string) => string> = {
  tAgentRoutingStatus: (s) => s,
  tSystemPresence: presenceOf,
  tOrganizationPresence: (s) => SYSTEM_PRESENCE_IDS[presenceOf(s)] as string,
};
/** Qualifier order in results: routing statuses as the API lists them, presences alphabetically. */
const RANK = new Map<string, number>(ROUTING_STATUSES.map((s, i) => [s, i]));

export function aggregateUserStatus(
  q: UserAggregateQuery,
  spans: Iterable<StatusSpan>,
): { systemToOrganizationMappings: Record<string, string[]>; results?: unknown[] } {
  return userAggregatesAnswer(q, spans).toJSON() as { systemToOrganizationMappings: Record<string, string[]>; results?: unknown[] };
}

/** The same answer with each user's result group made as it is read (the spans are summed here, at once). */
export function userAggregatesAnswer(q: UserAggregateQuery, spans: Iterable<StatusSpan>): ListedAnswer {
  const { startMs, endMs, grid } = validateUserQuery(q);
  const systemToOrganizationMappings = Object.fromEntries(Object.entries(SYSTEM_PRESENCE_IDS).map(([k, id]) => [k, [id]]));
  const test = compileFilter(q.filter);
  const byUser = (q.groupBy ?? []).length > 0;
  const admitted = new Map<string, boolean>();
  // group key -> "metric\u0000qualifier" -> ms per bucket. Status spans cover the whole day, so nearly every bucket
  // of a column gets time: one array per column is a tenth of a map per bucket (a month of 15-minute buckets of
  // 1,000 agents: about 120 MB instead of 1 GB). Every slice adds a positive time: a sum above 0 is a bucket touched.
  const sums = new Map<string, Map<string, Float64Array>>();

  for (const sp of spans) {
    const s0 = Math.max(sp.startMs, startMs);
    const e0 = Math.min(sp.endMs, endMs);
    if (e0 <= s0) continue;
    let ok = admitted.get(sp.userId);
    if (ok === undefined) admitted.set(sp.userId, (ok = test({ userId: sp.userId } as Dims)));
    if (!ok) continue;
    const key = byUser ? sp.userId : '';
    let columns = sums.get(key);
    if (!columns) sums.set(key, (columns = new Map()));
    const spanColumns = q.metrics.map((metric) => {
      const k = `${metric}\u0000${QUALIFIERS[metric](sp.status)}`;
      let column = columns.get(k);
      if (!column) columns.set(k, (column = new Float64Array(grid.count)));
      return column;
    });
    for (let t = s0, bi = grid.indexOf(s0); t < e0; bi++) {
      const end = Math.min(e0, grid.endOf(bi));
      for (const column of spanColumns) column[bi]! += end - t;
      t = end;
    }
  }

  return new ListedAnswer({ systemToOrganizationMappings }, 'results', resultsOf([...sums.keys()].sort()));

  function* resultsOf(keys: string[]): Generator<unknown> {
    for (const key of keys) {
      const columns = sums.get(key) as Map<string, Float64Array>;
      // A written user's sums are let go.
      sums.delete(key);
      // Per requested metric, its qualifiers' columns in the order results list them.
      const ordered = q.metrics.map((metric) =>
        [...columns.entries()]
          .filter(([k]) => k.startsWith(`${metric}\u0000`))
          .map(([k, column]) => ({ metric, qualifier: k.slice(metric.length + 1), column }))
          .sort((a, b) => (RANK.get(a.qualifier) ?? 99) - (RANK.get(b.qualifier) ?? 99) || (a.qualifier < b.qualifier ? -1 : 1)),
      );
      const data: unknown[] = [];
      for (let bi = 0; bi < grid.count; bi++) {
        const metrics = ordered.flatMap((cols) =>
          cols.filter((c) => c.column[bi]! > 0).map((c) => ({ metric: c.metric, qualifier: c.qualifier, stats: { sum: c.column[bi] } })),
        );
        if (metrics.length > 0) data.push({ interval: intervalString(grid.startOf(bi), grid.endOf(bi)), metrics });
      }
      yield { group: byUser ? { userId: key } : {}, data };
    }
  }
}
