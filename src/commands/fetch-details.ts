import type { Deps } from '../deps.js';
import { getDetailsJobsAvailability, iterateConversationDetails, runConversationDetailsJob } from '../api/analytics.js';
import type { ApiClient } from '../api/http.js';
import { CONCURRENCY } from '../api/limits.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import type { Conversation } from '../api/schemas.js';
import type { Logger } from '../log.js';
import { PROGRESS_UNIT, type Progress } from '../output/progress.js';
import type { Skipped } from '../skipped.js';
import type { DetailsPlan } from './plan-queries.js';

/** Job result pages as large as the simulator allows; the real maximum is not documented ([UNVERIFIED]). */
export const JOB_PAGE_SIZE = 1000;

/**
 * Runs a details plan (see planDetailsQueries) and feeds every conversation it owns to `visit`. A job warns when the
 * window reaches past the datalake's availability date.
 */
export async function fetchDetails(
  plan: DetailsPlan,
  windowEndMs: number,
  client: ApiClient,
  run: { logger: Logger; progress: Progress; skipped: Skipped },
  deps: Pick<Deps, 'clock' | 'signal'>,
  visit: (conversation: Conversation) => void,
): Promise<void> {
  if (plan.kind === 'job') {
    const available = Date.parse((await getDetailsJobsAvailability(client)) ?? '');
    if (windowEndMs > available) {
      run.logger.warn(
        `conversation details are in the datalake only up to ${new Date(available).toISOString()}; later intervals are incomplete (use --source aggregates for recent data)`,
      );
    }
    let pagesRead = 0;
    const pages = runConversationDetailsJob(client, plan.body, {
      clock: deps.clock,
      logger: run.logger,
      pageSize: JOB_PAGE_SIZE,
      signal: deps.signal,
      skipped: run.skipped,
    });
    for await (const page of pages) {
      for (const conversation of page) visit(conversation);
      run.progress.update(++pagesRead, 0, PROGRESS_UNIT);
    }
    return;
  }
  // Pages per chunk are not known in advance: the count grows, without a total.
  let pagesRead = 0;
  await mapConcurrent(plan.chunks, CONCURRENCY, async (chunk) => {
    for await (const page of iterateConversationDetails(client, chunk.body, { skipped: run.skipped })) {
      run.progress.update(++pagesRead, 0, PROGRESS_UNIT);
      for (const conversation of page) {
        const started = Date.parse(conversation.conversationStart);
        if (started >= chunk.keepFromMs && started < chunk.keepToMs) visit(conversation);
      }
    }
  });
}
