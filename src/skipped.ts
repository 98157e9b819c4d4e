/**
 * Records the API (or an export) sent without a field a computation needs. Genesys's own models mark nearly every
 * field optional, so one such record must not fail a report; but a report that silently drops data is wrong too.
 * Each is skipped here and counted, and the command prints one warning line per kind at the end:
 * "3 session metrics without emitDate skipped".
 */
export const SKIP_REASONS = {
  conversationId: ['conversation without conversationId', 'conversations without conversationId'],
  conversationStart: ['conversation without conversationStart', 'conversations without conversationStart'],
  metricValue: ['session metric without a value', 'session metrics without a value'],
  metricEmitDate: ['session metric without emitDate', 'session metrics without emitDate'],
  pointInterval: ['aggregate data point without interval', 'aggregate data points without interval'],
  aggregateMetric: ['aggregate metric without metric or stats', 'aggregate metrics without metric or stats'],
  aggregateView: ['aggregate view without name or stats', 'aggregate views without name or stats'],
  userEntry: ['user entry without an id or with a mistyped field', 'user entries without an id or with a mistyped field'],
  queueEntry: ['queue entry without an id or with a mistyped field', 'queue entries without an id or with a mistyped field'],
  groupEntry: ['group entry without an id or with a mistyped field', 'group entries without an id or with a mistyped field'],
  memberUserId: ['queue member without a user id', 'queue members without a user id'],
  observationGroup: ['queue observation result without a queueId', 'queue observation results without a queueId'],
  observationMetric: ['queue observation metric without metric or stats.count', 'queue observation metrics without metric or stats.count'],
  observationDate: ['waiting observation without a valid observationDate', 'waiting observations without a valid observationDate'],
  memberNotJoined: ['queue member not joined to the queue', 'queue members not joined to the queue'],
} as const;
export type SkipReason = keyof typeof SKIP_REASONS;

export class Skipped {
  private readonly counts = new Map<SkipReason, number>();

  add(reason: SkipReason, n = 1): void {
    if (n > 0) this.counts.set(reason, (this.counts.get(reason) ?? 0) + n);
  }

  count(reason: SkipReason): number {
    return this.counts.get(reason) ?? 0;
  }

  /** One line per reason, in the order first seen: "3 conversations without conversationId skipped". */
  lines(): string[] {
    return [...this.counts].map(([reason, n]) => `${n} ${SKIP_REASONS[reason][n === 1 ? 0 : 1]} skipped`);
  }
}
