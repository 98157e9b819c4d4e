import type { Deps } from '../cli/deps.js';
import type { CommonOptions } from '../cli/options.js';
import { getDetailsJobsAvailability, iterateConversationDetails, runConversationDetailsJob } from '../api/analytics.js';
import type { ApiClient } from '../api/http.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import type { Conversation } from '../api/schemas.js';
import { toApiInterval } from '../time/format.js';
import { CHUNK_MS, CONCURRENCY } from './limits.js';
import { detailsSegmentFilters } from './query-bodies.js';
import type { ReportWindow } from './report-window.js';
import type { Session } from './session.js';

const DAY_MS = 86_400_000;
/** Job result pages as large as the simulator allows; the real maximum is not documented ([UNVERIFIED]). */
export const JOB_PAGE_SIZE = 1000;

/**
 * Feeds every conversation that can emit metrics inside the window to `visit`, from the details API.
 * - Up to 7 days: the synchronous query, in UTC-day chunks starting one day before the window (a conversation
 *   that started late yesterday can be answered today). The query matches conversations that *started on a UTC
 *   day touched* by the interval, so each chunk keeps only those that started inside it: no conversation is
 *   counted twice, with no per-conversation memory.
 * - Longer: one async details job, which matches conversations *overlapping* the window; a warning names the
 *   datalake's availability date when the window reaches past it.
 */
export async function fetchDetails(
  o: CommonOptions & { queue: string[] },
  session: Session,
  client: ApiClient,
  rw: ReportWindow,
  deps: Deps,
  visit: (conversation: Conversation) => void,
): Promise<void> {
  const { startMs, endMs } = rw.window;
  const segmentFilters = detailsSegmentFilters(o.queue, o.media);
  const base = { order: 'asc' as const, orderBy: 'conversationStart' as const, ...(segmentFilters ? { segmentFilters } : {}) };

  if (endMs - startMs > CHUNK_MS) {
    const available = Date.parse(await getDetailsJobsAvailability(client));
    if (endMs > available) {
      session.logger.warn(
        `conversation details are in the datalake only up to ${new Date(available).toISOString()}; later intervals are incomplete (use --source aggregates for recent data)`,
      );
    }
    let seen = 0;
    const pages = runConversationDetailsJob(client, { ...base, interval: toApiInterval(startMs, endMs) }, {
      clock: deps.clock,
      logger: session.logger,
      pageSize: JOB_PAGE_SIZE,
      signal: deps.signal,
    });
    for await (const page of pages) {
      for (const conversation of page) visit(conversation);
      seen += page.length;
      session.progress.update(seen, seen, 'conversations');
    }
    return;
  }

  const firstDay = Math.floor(startMs / DAY_MS) * DAY_MS - DAY_MS;
  const chunks: Array<{ startMs: number; endMs: number }> = [];
  for (let s = firstDay; s < endMs; s += CHUNK_MS) chunks.push({ startMs: s, endMs: Math.min(s + CHUNK_MS, endMs) });
  let done = 0;
  await mapConcurrent(chunks, CONCURRENCY, async (chunk) => {
    const pages = iterateConversationDetails(client, { ...base, interval: toApiInterval(chunk.startMs, chunk.endMs) });
    for await (const page of pages) {
      for (const conversation of page) {
        const started = Date.parse(conversation.conversationStart);
        if (started >= chunk.startMs && started < chunk.endMs) visit(conversation);
      }
    }
    session.progress.update(++done, chunks.length, 'chunks');
  });
}
