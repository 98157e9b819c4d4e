/**
 * The API side of `now`. Once per run: the selection's names become ids, the queues are read once (names, and each
 * queue's own goal per media type, as service-level measures: measure.ts), and an unknown queue is exit 2 before
 * any observation is asked for. Then each refresh costs, for up to 100 queues, two requests sent together: ONE
 * queue observations query (waiting, alerting, interacting, agents by routing status) and ONE conversations
 * aggregates query for today so far (local midnight in --tz to the moment of observation, partial interval
 * included); more only past 100 queues or 9 distinct thresholds.
 */
import { DateTime } from 'luxon';
import type { DirectoryQueue } from '../api/directory-schemas.js';
import type { ApiClient } from '../api/http.js';
import { CONCURRENCY } from '../api/limits.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import type { UsableQueueObservations } from '../api/queue-observations.js';
import { UsageError } from '../errors.js';
import { ServiceLevelAccumulator, type ServiceLevelCounts } from '../metrics/service-level.js';
import type { GoalOf } from '../metrics/service-level-goals.js';
import type { Session } from '../session.js';
import type { QueueSelection, ServiceLevelGoals } from '../spec/report-spec.js';
import { measureOf } from './measure.js';

export interface NowQuery {
  selection: QueueSelection;
  goals: Omit<ServiceLevelGoals, 'formula'>;
}

/** What one refresh observed: the raw inputs of nowRows. */
export interface NowObserved {
  observedAtMs: number;
  /** Local midnight of the observation's day: where "today" starts. */
  todayStartMs: number;
  observations: UsableQueueObservations;
  today: Iterable<{ key: { queueId: string; mediaType: string }; counts: ServiceLevelCounts }>;
}

/** The run's queues and goals, read once, and the refresh that reuses them. */
export interface NowPrepared {
  /** The queues observed: the selected ones, else every queue of the org. */
  queueIds: string[];
  queueNames: Map<string, string>;
  goalOf: GoalOf;
  refresh(atMs: number): Promise<NowObserved>;
}

export interface NowSource {
  readonly label: string;
  prepare(query: NowQuery): Promise<NowPrepared>;
}

export function nowSource(client: ApiClient, session: Pick<Session, 'logger' | 'skipped' | 'config' | 'demo'>): NowSource {
  return {
    label: session.demo ? 'demo org, queue observations' : 'queue observations',
    prepare: (query) => prepareNow(client, session, query),
  };
}

async function prepareNow(client: ApiClient, session: Pick<Session, 'logger' | 'skipped' | 'config'>, query: NowQuery): Promise<NowPrepared> {
  const [directory, observationsApi, { queryConversationAggregates }, { addServiceLevelAggregates }, { serviceLevelSoFarQueries }] = await Promise.all([
    import('../api/directory.js'),
    import('../api/queue-observations.js'),
    import('../api/analytics.js'),
    import('../metrics/service-level-from-aggregates.js'),
    import('./api/plan-queries.js'),
  ]);
  // Names → ids (an unknown name is exit 2 here), goals per queue and media, and the queues' own entries.
  const measure = await measureOf({ selection: query.selection, goals: query.goals, by: 'queue,media' }, session, client);
  const selected = measure.selection.queueIds;
  let queues: DirectoryQueue[] = measure.queues;
  if (queues.length === 0) {
    queues = selected.length > 0 ? [...(await directory.getQueuesByIds(client, selected, session.skipped)).values()] : await directory.listQueues(client, { skipped: session.skipped });
  }
  const queueNames = new Map(queues.map((q) => [q.id, q.name ?? '']));
  const unknown = selected.find((id) => !queueNames.has(id));
  if (unknown !== undefined) throw new UsageError(`--queue: no queue with id "${unknown}" in this org; see gcx-metrics list queues`);
  const queueIds = selected.length > 0 ? [...selected] : queues.map((q) => q.id);
  if (queueIds.length === 0) session.logger.warn('now: the org has no queues to observe; the report is empty');

  const tz = session.config.tz;
  const observationBodies = observationsApi.planQueueObservationQueries(queueIds, query.selection.media.length > 0 ? query.selection.media : 'all');
  const refresh = async (atMs: number): Promise<NowObserved> => {
    const todayStartMs = DateTime.fromMillis(atMs, { zone: tz }).startOf('day').toMillis();
    // The API wants an end after the start: at midnight itself "today" is the first second.
    const todayEndMs = Math.max(atMs, todayStartMs + 1000);
    const acc = new ServiceLevelAccumulator();
    const plan = queueIds.length > 0 ? serviceLevelSoFarQueries(todayStartMs, todayEndMs, tz, measure.selection) : [];
    const [parts] = await Promise.all([
      mapConcurrent(observationBodies, CONCURRENCY, (body) => observationsApi.queryQueueObservations(client, body, session.skipped)),
      mapConcurrent(plan, CONCURRENCY, async ({ primary, body }) => {
        const response = await queryConversationAggregates(client, body, session.skipped);
        // One span: every point is today's, whatever interval the API labels it with.
        addServiceLevelAggregates(acc, response, { bucketOf: () => todayStartMs, goalOf: measure.goalOf, groupBy: measure.selection.groupBy, primary });
      }),
    ]);
    return { observedAtMs: atMs, todayStartMs, observations: observationsApi.mergeQueueObservations(parts), today: acc.entries() };
  };
  return { queueIds, queueNames, goalOf: measure.goalOf, refresh };
}
