/**
 * POST /api/v2/analytics/users/aggregates/query over status spans: per user (or all together without groupBy) and
 * bucket, one metric per qualifier whose stats.sum is the time in that status inside the bucket, in ms (spans are
 * sliced at bucket boundaries). tSystemPresence is derived from the routing status (ON_QUEUE while on queue, OFFLINE
 * otherwise: the simulator does not model breaks as presences), tOrganizationPresence maps that to the org's ids.
 */
import type { StatusSpan } from '../data/types.js';
import { intervalString } from './bucket-grid.js';
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
  const { startMs, endMs, grid } = validateUserQuery(q);
  const systemToOrganizationMappings = Object.fromEntries(Object.entries(SYSTEM_PRESENCE_IDS).map(([k, id]) => [k, [id]]));
  const test = compileFilter(q.filter);
  const byUser = (q.groupBy ?? []).length > 0;
  const admitted = new Map<string, boolean>();
  // group key -> bucket -> "metric\u0000qualifier" -> ms
  const sums = new Map<string, Map<number, Map<string, number>>>();

  for (const sp of spans) {
    const s0 = Math.max(sp.startMs, startMs);
    const e0 = Math.min(sp.endMs, endMs);
    if (e0 <= s0) continue;
    let ok = admitted.get(sp.userId);
    if (ok === undefined) admitted.set(sp.userId, (ok = test({ userId: sp.userId } as Dims)));
    if (!ok) continue;
    const key = byUser ? sp.userId : '';
    let buckets = sums.get(key);
    if (!buckets) sums.set(key, (buckets = new Map()));
    for (let t = s0, bi = grid.indexOf(s0); t < e0; bi++) {
      const end = Math.min(e0, grid.endOf(bi));
      let m = buckets.get(bi);
      if (!m) buckets.set(bi, (m = new Map()));
      for (const metric of q.metrics) {
        const k = `${metric}\u0000${QUALIFIERS[metric](sp.status)}`;
        m.set(k, (m.get(k) ?? 0) + (end - t));
      }
      t = end;
    }
  }

  const results: unknown[] = [];
  for (const key of [...sums.keys()].sort()) {
    const buckets = sums.get(key) as Map<number, Map<string, number>>;
    const data = [...buckets.keys()].sort((a, b) => a - b).map((bi) => {
      const m = buckets.get(bi) as Map<string, number>;
      const metrics = q.metrics.flatMap((metric) => [...m.entries()]
        .filter(([k]) => k.startsWith(`${metric}\u0000`))
        .map(([k, sum]) => ({ metric, qualifier: k.slice(metric.length + 1), stats: { sum } }))
        .sort((a, b) => (RANK.get(a.qualifier) ?? 99) - (RANK.get(b.qualifier) ?? 99) || (a.qualifier < b.qualifier ? -1 : 1)));
      return { interval: intervalString(grid.startOf(bi), grid.endOf(bi)), metrics };
    });
    results.push({ group: byUser ? { userId: key } : {}, data });
  }
  return results.length > 0 ? { systemToOrganizationMappings, results } : { systemToOrganizationMappings };
}
