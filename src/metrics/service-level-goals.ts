/**
 * Service-level goals per (queue, media type): the answer-time threshold and the SL % target a row is measured
 * against. `--threshold <s>` gives every row the same goal; `--threshold queue` gives each queue and media type its
 * own, from the queue's `mediaSettings.<media>.serviceLevel {durationMs, percentage}` (Genesys's own queue views
 * measure the same way). Both fields of ServiceLevel are optional in the real model, so each falls back on its own.
 */

/** Genesys's default answer-time goal, and ours for a queue/media without a configured duration. */
export const DEFAULT_THRESHOLD_MS = 20_000;

export interface ServiceLevelGoal {
  thresholdMs: number;
  /** SL % goal (0–100, 2 decimals); null when there is none. */
  targetPct: number | null;
}

export type GoalOf = (queueId: string, mediaType: string) => ServiceLevelGoal;

/** What a goal lookup needs of a queue: a loose view of the real Queue model. */
export interface QueueGoalSettings {
  id: string;
  mediaSettings?: Record<string, { serviceLevel?: { percentage?: number | undefined; durationMs?: number | undefined } | undefined } | null | undefined> | undefined;
}

/** The key of a media type in a queue's mediaSettings: calls are `call` there, `voice` in analytics. */
export function mediaSettingsKey(mediaType: string): string | undefined {
  switch (mediaType) {
    case 'voice':
      return 'call';
    case 'callback':
    case 'chat':
    case 'email':
    case 'message':
      return mediaType;
    default:
      return undefined;
  }
}

/** percentage (0–1) × 100 rounded to 2 decimals: 0.8 × 100 is 80.00000000000001 in floating point. */
export function percentageToPct(percentage: number): number {
  return Math.round(percentage * 10_000) / 100;
}

/** The same goal for every row (`--threshold <s>` and `--target <pct>`). */
export function fixedGoal(thresholdMs: number, targetPct: number | null): GoalOf {
  const goal = { thresholdMs, targetPct };
  return () => goal;
}

/** A queue's configured goal for one media type, each part falling back on `fallback` when not configured. */
export function queueMediaGoal(queue: QueueGoalSettings | undefined, mediaType: string, fallback: ServiceLevelGoal): ServiceLevelGoal {
  const key = mediaSettingsKey(mediaType);
  const sl = key === undefined ? undefined : queue?.mediaSettings?.[key]?.serviceLevel;
  const durationMs = sl?.durationMs;
  const percentage = sl?.percentage;
  return {
    thresholdMs: typeof durationMs === 'number' && durationMs >= 0 ? Math.round(durationMs) : fallback.thresholdMs,
    targetPct: typeof percentage === 'number' && percentage >= 0 ? percentageToPct(percentage) : fallback.targetPct,
  };
}

/**
 * Each queue's own goal per media type (`--threshold queue`). Queues not given (deleted since, or not visible to
 * the client) and media without settings get `fallback`: 20 s, and `--target` or no target.
 */
export function queueGoals(queues: Iterable<QueueGoalSettings>, fallback: ServiceLevelGoal): GoalOf {
  const byId = new Map<string, QueueGoalSettings>();
  for (const q of queues) byId.set(q.id, q);
  const cache = new Map<string, ServiceLevelGoal>();
  return (queueId, mediaType) => {
    const id = `${queueId}\u0000${mediaType}`;
    let goal = cache.get(id);
    if (!goal) {
      goal = queueMediaGoal(byId.get(queueId), mediaType, fallback);
      cache.set(id, goal);
    }
    return goal;
  };
}

/**
 * Every threshold a report can need, ascending: each queue's duration for each wanted media type, plus the fallback
 * (rows of queues not in the listing, or of media without settings, use it).
 */
export function distinctThresholdsMs(
  queues: Iterable<QueueGoalSettings>,
  mediaTypes: readonly string[],
  fallback: ServiceLevelGoal,
): number[] {
  const set = new Set<number>([fallback.thresholdMs]);
  for (const q of queues) for (const m of mediaTypes) set.add(queueMediaGoal(q, m, fallback).thresholdMs);
  return [...set].sort((a, b) => a - b);
}
