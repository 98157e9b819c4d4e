import type { DirectoryQueue } from '../api/directory-schemas.js';
import type { ApiClient } from '../api/http.js';
import { UsageError } from '../errors.js';
import { DEFAULT_THRESHOLD_MS, distinctThresholdsMs, fixedGoal, queueGoals, type GoalOf, type ServiceLevelGoal } from '../metrics/service-level-goals.js';
import { serviceLevelGroupBy } from '../metrics/service-level-plan.js';
import { UUID } from '../selection/match-names.js';
import type { Session } from '../session.js';
import type { ServiceLevelQuery } from './report-source.js';
import type { ServiceLevelSelection } from './api/plan-queries.js';

/** Media types whose queue settings can carry a service level (`voice` is `call` there). */
const MEDIA_WITH_SETTINGS = ['voice', 'callback', 'chat', 'email', 'message'];

/** How every row is measured: its goal, the thresholds the aggregates views need, and what the API groups on. */
export interface Measure {
  goalOf: GoalOf;
  selection: ServiceLevelSelection;
  /** The queues' own listing entries, when read (names come with them). */
  queues: DirectoryQueue[];
}

/**
 * Queue names to ids, and each row's goal: `--threshold <s>` (and `--target`) for all, or with `--threshold queue`
 * each queue's own per media type, read from the queues (the selected ones, else all: any may have traffic). A
 * file report without credentials measures at the default threshold, and says so.
 */
export async function measureOf(q: Pick<ServiceLevelQuery, 'selection' | 'goals' | 'by'>, session: Pick<Session, 'logger' | 'skipped'>, client: ApiClient | undefined): Promise<Measure> {
  const { threshold, target, shortAbandon } = q.goals;
  const named = q.selection.queues.find((id) => !UUID.test(id));
  if (named !== undefined && !client) {
    throw new UsageError(`--queue: "${named}" is not an id; with --input and no API credentials give queue ids (names are looked up through the API)`);
  }
  // Loaded only when used: a 10-record --input report should not compile the API's schemas.
  const directory = () => import('../api/directory.js');
  const queueIds = named !== undefined && client ? await (await directory()).resolveQueueIds(client, q.selection.queues) : q.selection.queues;
  const fallback: ServiceLevelGoal = {
    thresholdMs: threshold === 'queue' ? DEFAULT_THRESHOLD_MS : Math.round(threshold * 1000),
    targetPct: target ?? null,
  };
  let queues: DirectoryQueue[] | undefined;
  if (threshold === 'queue') {
    if (client) {
      const { getQueuesByIds, listQueues } = await directory();
      queues = queueIds.length > 0 ? [...(await getQueuesByIds(client, queueIds, session.skipped)).values()] : await listQueues(client, { skipped: session.skipped });
    } else {
      session.logger.warn(
        `--threshold queue (the default): no API credentials to read the queues' own targets, so every row is measured at ${fallback.thresholdMs / 1000} s` +
          `${fallback.targetPct === null ? ' with no target' : ` against --target ${fallback.targetPct}`}; set GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET, or give --threshold <seconds> and --target <pct>`,
      );
    }
  }
  const media = q.selection.media;
  const goalOf = queues ? queueGoals(queues, fallback) : fixedGoal(fallback.thresholdMs, fallback.targetPct);
  const thresholdsMs = queues ? distinctThresholdsMs(queues, media.length > 0 ? media : MEDIA_WITH_SETTINGS, fallback) : [fallback.thresholdMs];
  const selection: ServiceLevelSelection = {
    queueIds,
    media,
    thresholdsMs,
    shortAbandonMs: shortAbandon === 'org' ? 'org' : Math.round(shortAbandon * 1000),
    groupBy: serviceLevelGroupBy(q.by, queues !== undefined),
  };
  return { goalOf, selection, queues: queues ?? [] };
}
