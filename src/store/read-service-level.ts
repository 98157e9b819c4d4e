import { UsageError } from '../errors.js';
import { ServiceLevelAccumulator, type ShortAbandon } from '../metrics/service-level.js';
import type { ReportWindow } from '../time/report-window.js';
import { DEFAULT_THRESHOLD_MS, type GoalOf, type ServiceLevelGoal } from '../metrics/service-level-goals.js';
import { matchOne, UUID } from '../selection/match-names.js';
import { addStoredServiceLevel, storedGoalOf, storedQueueAndMedia, storedQueueName } from './service-level-rows.js';
import type { Store } from './store.js';
import { checkStoredWindow } from './stored-window.js';
import { SERVICE_LEVEL_TABLE, type SyncState } from './tables.js';

export interface StoredServiceLevel {
  acc: ServiceLevelAccumulator;
  queueNames: Map<string, string>;
  /** Each (queue, media)'s goal as stored (what the rows' answered_within was counted against). */
  goalOf: GoalOf;
}

export interface StoredServiceLevelRequest {
  queueIds: readonly string[];
  media: readonly string[];
  /** Seconds, or `queue` (each queue's own goal, as stored). */
  threshold: number | 'queue';
  shortAbandon: ShortAbandon;
}

/**
 * `service-level --db`: stored counts added into the report's buckets, for the same row builder the API report
 * uses. Answers within the threshold and short abandons were counted at sync time, so those settings must match;
 * --queue and --media may narrow what was synced, never widen it.
 */
export async function readStoredServiceLevel(store: Store, rw: ReportWindow, r: StoredServiceLevelRequest): Promise<StoredServiceLevel> {
  const state = checkStoredWindow((await store.readStates()).find((s) => s.report === 'service-level'), rw.window, rw.grid, store.label, 'service-level');
  const fixed: Array<[string, string, string]> = [
    ['--threshold', state.settings.threshold, String(r.threshold)],
    ['--short-abandon', state.settings.shortAbandon, String(r.shortAbandon)],
  ];
  for (const [flag, stored, wanted] of fixed) {
    if (stored !== wanted) throw new UsageError(`${flag} ${wanted}: ${store.label} counted answers and abandons with ${flag} ${stored}; run the report with ${flag} ${stored}`);
  }
  const storedQueues = /--queue (\S+)/.exec(state.settings.selection)?.[1]?.split(',') ?? [];
  const queueIds = r.queueIds.some((q) => !UUID.test(q)) ? await storedQueueIds(store, state, r.queueIds) : r.queueIds;
  checkNarrows('--queue', queueIds, storedQueues, store.label);
  checkNarrows('--media', r.media, state.settings.media === '' ? [] : state.settings.media.split(','), store.label);
  const queues = queueIds.length > 0 ? new Set(queueIds) : undefined;
  const media = r.media.length > 0 ? new Set(r.media) : undefined;
  const acc = new ServiceLevelAccumulator();
  const seen = { names: new Map<string, string>(), goals: new Map<string, ServiceLevelGoal>() };
  for await (const row of store.readRows(SERVICE_LEVEL_TABLE, rw.window.startMs, rw.window.endMs)) {
    const { queueId, mediaType } = storedQueueAndMedia(row);
    if ((queues && !queues.has(queueId)) || (media && !media.has(mediaType))) continue;
    addStoredServiceLevel(acc, seen, row, rw.bucketOf);
  }
  const fallback = { thresholdMs: r.threshold === 'queue' ? DEFAULT_THRESHOLD_MS : Math.round(r.threshold * 1000), targetPct: null };
  return { acc, queueNames: seen.names, goalOf: storedGoalOf(seen.goals, fallback) };
}

/**
 * `--queue` names to ids through the names stored with the rows (as last stored, over the whole stored range, so
 * a queue quiet in this window is still found); unknown or ambiguous: exit 2 naming the candidates.
 */
async function storedQueueIds(store: Store, state: SyncState, values: readonly string[]): Promise<string[]> {
  const names = new Map<string, string>();
  for await (const row of store.readRows(SERVICE_LEVEL_TABLE, state.coveredFromMs, state.coveredToMs)) {
    const { queueId } = storedQueueAndMedia(row);
    names.set(queueId, storedQueueName(row));
  }
  const entries = [...names].map(([id, name]) => ({ id, key: name, label: name }));
  const what = { flag: '--queue', thing: 'queue', by: 'named', listHint: `the queue_name column of ${store.label}` };
  return [...new Set(values.map((v) => (UUID.test(v) ? v : matchOne(v, entries, what).id)))];
}

/** A selection from stored rows must lie inside what was synced ([] = everything). */
function checkNarrows(flag: string, wanted: readonly string[], stored: readonly string[], label: string): void {
  if (stored.length === 0) return;
  const outside = wanted.length === 0 ? stored.join(',') : wanted.find((w) => !stored.includes(w));
  if (wanted.length === 0 || outside !== undefined) {
    throw new UsageError(`${flag} ${wanted.join(',') || '(all)'}: ${label} was synced for ${flag} ${stored.join(',')} only; ask for those or a part of them`);
  }
}
