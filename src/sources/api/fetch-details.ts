import type { Deps } from '../../deps.js';
import { apiError } from '../../api/api-error.js';
import { getDetailsJobsAvailability, iterateConversationDetails, runConversationDetailsJob } from '../../api/analytics.js';
import type { ApiClient } from '../../api/http.js';
import { CONCURRENCY } from '../../api/limits.js';
import { mapConcurrent } from '../../api/map-concurrent.js';
import type { IdentifiedConversation } from '../../api/schemas.js';
import { endOf, startOf } from '../../api/usable-records.js';
import { AuthError } from '../../errors.js';
import type { Logger } from '../../log.js';
import { MalformedRecordError } from '../../records/malformed-record-error.js';
import { PROGRESS_UNIT, type Progress } from '../../output/progress.js';
import type { Skipped } from '../../skipped.js';
import { endedVerdict, jobVerdict, liveVerdict, type DetailsPageQuery, type DetailsPlan, type Verdict } from './plan-details.js';

/** Job result pages as large as the simulator allows; the real maximum is not documented ([UNVERIFIED]). */
export const JOB_PAGE_SIZE = 1000;

const QUERY = 'POST /api/v2/analytics/conversations/details/query';
const JOB_RESULTS = 'GET /api/v2/analytics/conversations/details/jobs/{jobId}/results';

/**
 * The datalake's dataAvailabilityDate in ms, or undefined when the API does not say or the caller may not run jobs
 * (403: the agent-scoped details permission allows the synchronous query only): then the plan reads everything
 * synchronously.
 */
export async function detailsAvailability(client: ApiClient, logger: Logger): Promise<number | undefined> {
  try {
    const text = await getDetailsJobsAvailability(client);
    const ms = text === undefined ? NaN : Date.parse(text);
    return Number.isNaN(ms) ? undefined : ms;
  } catch (error) {
    if (!(error instanceof AuthError) || !error.forbidden) throw error;
    logger.debug('details jobs: no permission to read the datalake availability; every conversation comes from the synchronous query');
    return undefined;
  }
}

/**
 * Runs a details plan (see planDetailsQueries) and feeds every conversation it owns to `visit`, each once: the job,
 * then the live queries, then the ended queries (live before ended: see DetailsPlan).
 */
export async function fetchDetails(
  plan: DetailsPlan,
  client: ApiClient,
  run: { logger: Logger; progress: Progress; skipped: Skipped },
  deps: Pick<Deps, 'clock' | 'signal'>,
  visit: (conversation: IdentifiedConversation) => void,
): Promise<void> {
  // Pages are not known in advance: the count grows, without a total.
  let pagesRead = 0;
  const pageRead = () => run.progress.update(++pagesRead, 0, PROGRESS_UNIT);
  // The records are not schema-parsed (see schemas.ts): a mistyped field the walker reads fails like a schema mismatch.
  const walk = (conversation: IdentifiedConversation, endpoint: string) => {
    try {
      visit(conversation);
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      throw apiError(`${endpoint} response does not match the API schema: conversation ${conversation.conversationId}: ${error.message}`);
    }
  };

  run.logger.debug(
    `details: synchronous queries read conversations that started from ${new Date(plan.oldestStartMs).toISOString()}; ` +
      'an earlier one counts only if it had ended before the datalake availability date (the job)',
  );
  if (plan.job) {
    const { job } = plan;
    const pages = runConversationDetailsJob(client, job.body, {
      clock: deps.clock,
      logger: run.logger,
      pageSize: JOB_PAGE_SIZE,
      signal: deps.signal,
      skipped: run.skipped,
    });
    for await (const page of pages) {
      for (const c of page) if (jobVerdict(job, endOf(c)) === 'keep') walk(c, JOB_RESULTS);
      pageRead();
    }
  }

  const live = new Set<string>();
  const read = async (q: DetailsPageQuery, verdict: (c: IdentifiedConversation) => Verdict, keep: (c: IdentifiedConversation) => void) => {
    for await (const page of iterateConversationDetails(client, q.body, { skipped: run.skipped })) {
      pageRead();
      let stop = false;
      for (const c of page) {
        const v = verdict(c);
        if (v === 'keep') keep(c);
        else if (v === 'stop') stop = true;
      }
      if (stop) return;
    }
  };
  await mapConcurrent(plan.live, CONCURRENCY, (q) =>
    read(q, (c) => liveVerdict(q, startOf(c)!), (c) => {
      live.add(c.conversationId);
      walk(c, QUERY);
    }),
  );
  await mapConcurrent(plan.ended, CONCURRENCY, (q) =>
    read(q, (c) => endedVerdict(q, startOf(c)!, endOf(c)), (c) => {
      if (!live.has(c.conversationId)) walk(c, QUERY);
    }),
  );
}
