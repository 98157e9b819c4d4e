/**
 * `now`: each selected queue's state at this moment and its service level today so far (docs/cli-contract.md, now).
 * Pure: the observations, today's counts, the goals and the instant of observation come in; typed rows go out,
 * rounded as the contract fixes (longest_wait_s 0 decimals, service_level_today_pct 2, threshold_s as
 * service-level's). observed_at is epoch ms: the caller formats it in --tz (src/output/report-cells.ts nowCells).
 */
import type { UsableObservationResult, UsableQueueObservations } from '../api/queue-observations.js';
import { msToSeconds, percent, roundDiv } from './round.js';
import type { GoalOf } from './service-level-goals.js';
import { addCounts, compareText, emptyCounts, serviceLevelDenominator, targetMet, type ServiceLevelCounts, type ServiceLevelFormula } from './service-level.js';

export const NOW_COLUMNS = [
  'observed_at',
  'queue_id',
  'queue_name',
  'media_type',
  'waiting',
  'longest_wait_s',
  'alerting',
  'interacting',
  'on_queue_agents',
  'idle_agents',
  'not_responding_agents',
  'off_queue_agents',
  'offered_today',
  'answered_today',
  'abandoned_today',
  'service_level_today_pct',
  'threshold_s',
  'target_pct',
  'target_met',
  'alerts',
] as const;
export type NowColumn = (typeof NOW_COLUMNS)[number];

/** The queue's members now: the same on every media row of the queue. */
export interface QueueAgents {
  onQueue: number;
  idle: number;
  notResponding: number;
  offQueue: number;
}

export interface NowRow {
  /** Epoch ms of the observation request. */
  observed_at: number;
  queue_id: string;
  queue_name: string;
  /** null: the queue has nothing waiting, alerting or interacting now and nothing offered today. */
  media_type: string | null;
  waiting: number;
  /** Whole seconds; null when nothing waits (or no waiting conversation carried a date). */
  longest_wait_s: number | null;
  alerting: number;
  interacting: number;
  on_queue_agents: number;
  idle_agents: number;
  not_responding_agents: number;
  off_queue_agents: number;
  offered_today: number;
  answered_today: number;
  abandoned_today: number;
  /** 2 decimals; null when the formula's denominator is 0. */
  service_level_today_pct: number | null;
  /** Seconds (up to 3 decimals); null on the media-less row, which has no goal. */
  threshold_s: number | null;
  target_pct: number | null;
  target_met: boolean | null;
  /** In the contract's order: sl_below_target, waiting>N, longest_wait>S. */
  alerts: string[];
}

export interface NowAlertOptions {
  /** `--max-waiting N`: alert when waiting > N. */
  maxWaiting?: number | undefined;
  /** `--max-wait S`: alert when longest_wait_s > S. */
  maxWaitS?: number | undefined;
}

export interface NowInput {
  observations: UsableQueueObservations;
  /** Today's counts (local midnight to now), any number of buckets per (queue, media): they are summed. */
  today: Iterable<{ key: { queueId: string; mediaType: string }; counts: ServiceLevelCounts }>;
  goalOf: GoalOf;
  formula: ServiceLevelFormula;
  observedAtMs: number;
  /** The selected queues: each gets at least one row; anything about another queue is ignored. */
  queueIds: readonly string[];
  queueNames: ReadonlyMap<string, string>;
  alerts?: NowAlertOptions;
}

/** What the observations say about one (queue, media type) now. */
interface MediaNow {
  waiting: number;
  alerting: number;
  interacting: number;
  oldestWaitingMs: number | undefined;
}

export function nowRows(input: NowInput): NowRow[] {
  const selected = new Set(input.queueIds);
  const byQueue = new Map<string, { agents: QueueAgents; media: Map<string, MediaNow>; counts: Map<string, ServiceLevelCounts> }>();
  for (const id of selected) byQueue.set(id, { agents: queueAgents(input.observations, id), media: new Map(), counts: new Map() });

  for (const result of input.observations.results) {
    const queue = byQueue.get(result.queueId);
    if (!queue) continue;
    addConversations(queue.media, result);
  }
  for (const { key, counts } of input.today) {
    const queue = byQueue.get(key.queueId);
    if (!queue) continue;
    let into = queue.counts.get(key.mediaType);
    if (!into) queue.counts.set(key.mediaType, (into = emptyCounts()));
    addCounts(into, counts);
  }

  const rows: NowRow[] = [];
  for (const [queueId, queue] of byQueue) {
    const name = input.queueNames.get(queueId) ?? '';
    const mediaTypes = new Set<string>();
    for (const [media, now] of queue.media) if (now.waiting + now.alerting + now.interacting > 0) mediaTypes.add(media);
    for (const [media, counts] of queue.counts) if (counts.offered > 0) mediaTypes.add(media);
    if (mediaTypes.size === 0) {
      rows.push(row(input, queueId, name, null, queue.agents, undefined, undefined));
      continue;
    }
    for (const media of mediaTypes) rows.push(row(input, queueId, name, media, queue.agents, queue.media.get(media), queue.counts.get(media)));
  }
  return rows.sort(
    (a, b) =>
      compareText(a.queue_name, b.queue_name) || compareText(a.queue_id, b.queue_id) || compareText(a.media_type ?? '', b.media_type ?? ''),
  );
}

function addConversations(media: Map<string, MediaNow>, result: UsableObservationResult): void {
  for (const m of result.metrics) {
    if (m.metric !== 'oWaiting' && m.metric !== 'oAlerting' && m.metric !== 'oInteracting') continue;
    // A conversation metric without a media group (never seen; the API groups them by media) counts as media ''.
    const key = result.mediaType ?? '';
    let now = media.get(key);
    if (!now) media.set(key, (now = { waiting: 0, alerting: 0, interacting: 0, oldestWaitingMs: undefined }));
    if (m.metric === 'oWaiting') {
      now.waiting += m.count;
      for (const ms of m.observationDatesMs) if (now.oldestWaitingMs === undefined || ms < now.oldestWaitingMs) now.oldestWaitingMs = ms;
    } else if (m.metric === 'oAlerting') now.alerting += m.count;
    else now.interacting += m.count;
  }
}

/**
 * The queue's members now. oOnQueueUsers is qualified by routing status (IDLE, INTERACTING, COMMUNICATING,
 * NOT_RESPONDING): on queue is their sum. oOffQueueUsers is qualified by organization presence id: those mapped to
 * the system presence OFFLINE are not signed in and are left out. The queue-level result (no mediaType) is read; a
 * response that carried user metrics only per media type would count the same members once per media, so then
 * the largest count of each (metric, qualifier) is taken rather than their sum.
 */
export function queueAgents(observations: UsableQueueObservations, queueId: string): QueueAgents {
  const results = observations.results.filter((r) => r.queueId === queueId);
  const queueLevel = results.filter((r) => r.mediaType === undefined && r.metrics.some(isUserMetric));
  const sources = queueLevel.length > 0 ? queueLevel : results;
  const counts = new Map<string, number>();
  for (const r of sources) {
    const seen = new Map<string, number>();
    for (const m of r.metrics) {
      if (!isUserMetric(m)) continue;
      const key = `${m.metric}\u0000${m.qualifier ?? ''}`;
      seen.set(key, (seen.get(key) ?? 0) + m.count);
    }
    for (const [key, n] of seen) counts.set(key, queueLevel.length > 0 ? (counts.get(key) ?? 0) + n : Math.max(counts.get(key) ?? 0, n));
  }
  const offline = new Set(observations.offlinePresenceIds);
  const agents: QueueAgents = { onQueue: 0, idle: 0, notResponding: 0, offQueue: 0 };
  for (const [key, n] of counts) {
    const [metric, qualifier] = key.split('\u0000') as [string, string];
    if (metric === 'oOnQueueUsers') {
      agents.onQueue += n;
      if (qualifier === 'IDLE') agents.idle += n;
      if (qualifier === 'NOT_RESPONDING') agents.notResponding += n;
    } else if (!offline.has(qualifier)) agents.offQueue += n;
  }
  return agents;
}

const isUserMetric = (m: { metric: string }) => m.metric === 'oOnQueueUsers' || m.metric === 'oOffQueueUsers';

function row(
  input: NowInput,
  queueId: string,
  queueName: string,
  mediaType: string | null,
  agents: QueueAgents,
  now: MediaNow | undefined,
  counts: ServiceLevelCounts | undefined,
): NowRow {
  const c = counts ?? emptyCounts();
  const waiting = now?.waiting ?? 0;
  // Whole seconds, half up; a date after observed_at (clocks apart) is no wait, not a negative one.
  const longest = waiting > 0 && now?.oldestWaitingMs !== undefined ? roundDiv(Math.max(0, input.observedAtMs - now.oldestWaitingMs), 1000) : null;
  const goal = mediaType === null ? undefined : input.goalOf(queueId, mediaType);
  const sl = percent(c.answeredWithin, serviceLevelDenominator(input.formula, c));
  const target = goal?.targetPct ?? null;
  const met = targetMet(sl, target);
  return {
    observed_at: input.observedAtMs,
    queue_id: queueId,
    queue_name: queueName,
    media_type: mediaType,
    waiting,
    longest_wait_s: longest,
    alerting: now?.alerting ?? 0,
    interacting: now?.interacting ?? 0,
    on_queue_agents: agents.onQueue,
    idle_agents: agents.idle,
    not_responding_agents: agents.notResponding,
    off_queue_agents: agents.offQueue,
    offered_today: c.offered,
    answered_today: c.answered,
    abandoned_today: c.abandoned,
    service_level_today_pct: sl,
    threshold_s: goal ? msToSeconds(goal.thresholdMs) : null,
    target_pct: target,
    target_met: met,
    alerts: alertsOf(met, waiting, longest, input.alerts ?? {}),
  };
}

/** The contract's order; thresholds are strict (waiting > N, longest_wait_s > S). */
export function alertsOf(met: boolean | null, waiting: number, longestWaitS: number | null, o: NowAlertOptions): string[] {
  const alerts: string[] = [];
  if (met === false) alerts.push('sl_below_target');
  if (o.maxWaiting !== undefined && waiting > o.maxWaiting) alerts.push(`waiting>${o.maxWaiting}`);
  if (o.maxWaitS !== undefined && longestWaitS !== null && longestWaitS > o.maxWaitS) alerts.push(`longest_wait>${o.maxWaitS}`);
  return alerts;
}

/** True when any row has an alert: `now --check` exits 5 then. */
export function anyAlert(rows: Iterable<{ alerts: readonly string[] }>): boolean {
  for (const r of rows) if (r.alerts.length > 0) return true;
  return false;
}
