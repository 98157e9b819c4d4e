/** Small fixture builders with defaults (style.md lesson 13): tests state only what matters to them. */

export interface MetricSpec {
  name: string;
  value: number;
  emitDate: string;
}

export function metric(name: string, value: number, emitDate: string): MetricSpec {
  return { name, value, emitDate };
}

export function session(opts: { mediaType?: string; queueId?: string; metrics?: MetricSpec[]; segments?: unknown[] }) {
  return {
    sessionId: `s-${Math.random().toString(36).slice(2, 10)}`,
    mediaType: opts.mediaType ?? 'voice',
    direction: 'inbound',
    segments: opts.segments ?? [
      { segmentStart: '2026-11-20T09:00:00.000Z', segmentEnd: '2026-11-20T09:01:00.000Z', segmentType: 'interact', ...(opts.queueId ? { queueId: opts.queueId } : {}) },
    ],
    metrics: opts.metrics ?? [],
  };
}

export function participant(purpose: string, sessions: unknown[], userId?: string) {
  return {
    participantId: `p-${Math.random().toString(36).slice(2, 10)}`,
    purpose,
    ...(userId ? { userId } : {}),
    sessions,
  };
}

export function conversation(id: string, participants: unknown[], start = '2026-11-20T09:00:00.000Z') {
  return { conversationId: id, conversationStart: start, conversationEnd: '2026-11-20T10:00:00.000Z', participants };
}

/** 30-minute UTC buckets: enough for calculator tests that are not about zones. */
export const halfHourUtc = (ms: number) => ms - (ms % 1_800_000);

export const at = (iso: string) => Date.parse(iso);

/** One metric of an aggregates data point (`StatisticalResponse`): a name, its stats, and a qualifier if any. */
export interface AggregateMetric {
  metric: string;
  qualifier?: string;
  stats: Record<string, number>;
}

/** `tAgentRoutingStatus` seconds per routing status, as the users aggregates answer them (ms sums). */
export function routingStatus(secondsByStatus: Record<string, number>): AggregateMetric[] {
  return Object.entries(secondsByStatus).map(([status, s]) => ({ metric: 'tAgentRoutingStatus', qualifier: status, stats: { sum: s * 1000 } }));
}

/** A count and a sum (ms) of a duration metric, as `{ metric, stats: { count, sum } }`. */
export const durationMetric = (metric: string, count: number, sumMs: number): AggregateMetric => ({ metric, stats: { count, sum: sumMs } });

/**
 * An aggregates answer (`ConversationAggregateQueryResponse` / `UserAggregateQueryResponse`): one result group per
 * key with a data point per interval, the way the API groups them (a group twice is refused).
 */
export function aggregatesResponse(groups: Array<{ group: Record<string, string>; points: Array<{ interval: string; metrics: AggregateMetric[] }> }>) {
  return { results: groups.map(({ group, points }) => ({ group, data: points.map((p) => ({ interval: p.interval, metrics: p.metrics })) })) };
}
