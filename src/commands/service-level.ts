import type { Deps } from '../cli/deps.js';
import type { ServiceLevelOptions } from '../cli/options.js';
import { queryConversationAggregates } from '../api/analytics.js';
import { getQueuesByIds } from '../api/directory.js';
import type { ApiClient } from '../api/http.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import { UsageError } from '../errors.js';
import { forEachInputRecord } from '../input/for-each-record.js';
import { SERVICE_LEVEL_COLUMNS, type Table } from '../metrics/rows.js';
import { ServiceLevelAccumulator, serviceLevelRows } from '../metrics/service-level.js';
import { addServiceLevelAggregates } from '../metrics/service-level-from-aggregates.js';
import { addServiceLevelDetails, type ServiceLevelDetailsOptions } from '../metrics/service-level-from-details.js';
import { splitWindow } from '../time/chunk.js';
import { fetchDetails } from './fetch-details.js';
import { inputWindow } from './input-window.js';
import { CHUNK_MS, CONCURRENCY } from './limits.js';
import { serviceLevelQuery } from './query-bodies.js';
import { describeWindow, noWindowFlags, reportWindow, type ReportWindow } from './report-window.js';
import { openSession, type Session } from './session.js';
import { writeReport } from './write-report.js';

export async function runServiceLevel(o: ServiceLevelOptions, deps: Deps): Promise<void> {
  await writeReport(await serviceLevelTable(o, deps), o, deps);
}

/** The service-level report as a table, from aggregates (default), details, or an exported details file. */
export async function serviceLevelTable(o: ServiceLevelOptions, deps: Deps): Promise<Table> {
  const session = await openSession(o, deps);
  try {
    const thresholdMs = Math.round(o.threshold * 1000);
    const shortAbandonMs = Math.round(o.shortAbandon * 1000);
    const acc = new ServiceLevelAccumulator();
    let rw: ReportWindow | undefined;
    let queueNames = new Map<string, string>();
    if (session.client) {
      const client = session.client;
      rw = reportWindow(o, session.config.tz, deps.clock.now());
      // Check --queue ids first: a typo should fail in one request, not after a month of data.
      if (o.queue.length > 0) queueNames = await queueNamesOf(client, o.queue, true);
      if (o.source === 'aggregates') await fromAggregates(o, session, client, rw, acc, { thresholdMs, shortAbandonMs });
      else await fetchDetails(o, session, client, rw, deps, (c) => addServiceLevelDetails(acc, c, detailsOptions(o, rw!, thresholdMs, shortAbandonMs)));
      const missing = [...acc.queueIds()].filter((id) => !queueNames.has(id));
      if (missing.length > 0) for (const [id, name] of await queueNamesOf(client, missing, false)) queueNames.set(id, name);
    } else {
      const fixed = noWindowFlags(o) ? undefined : reportWindow(o, session.config.tz, deps.clock.now());
      const span = inputWindow(o.interval, session.config.tz, fixed);
      // A file report has no API to ask for names: the records carry them (acd participants are named after queues).
      const options = {
        ...detailsOptions(o, fixed, thresholdMs, shortAbandonMs),
        bucketOf: span.bucketOf,
        startMs: span.startMs,
        endMs: span.endMs,
        queueNames,
      };
      await forEachInputRecord(o.input!, deps, (record) => addServiceLevelDetails(acc, record, options));
      const observed = span.observed();
      rw = fixed ?? (observed ? describeWindow(observed) : undefined);
    }
    const rows = rw
      ? serviceLevelRows(acc, {
          formula: o.formula,
          thresholdS: o.threshold,
          queueNames,
          startMs: rw.window.startMs,
          endMs: rw.window.endMs,
          bucketEndMs: rw.bucketEndMs,
          formatTime: rw.formatTime,
        })
      : [];
    return { columns: SERVICE_LEVEL_COLUMNS, rows };
  } finally {
    session.progress.done();
    await session.close();
  }
}

/** One aggregates query per ≤ 7-day chunk; the rangeBound views count within-threshold answers server-side. */
async function fromAggregates(
  o: ServiceLevelOptions,
  session: Session,
  client: ApiClient,
  rw: ReportWindow,
  acc: ServiceLevelAccumulator,
  ms: { thresholdMs: number; shortAbandonMs: number },
): Promise<void> {
  const chunks = splitWindow(rw.window, CHUNK_MS);
  let done = 0;
  await mapConcurrent(chunks, CONCURRENCY, async (chunk) => {
    const body = serviceLevelQuery(chunk, { queueIds: o.queue, media: o.media, ...ms });
    addServiceLevelAggregates(acc, await queryConversationAggregates(client, body), rw.bucketOf);
    session.progress.update(++done, chunks.length, 'chunks');
  });
}

function detailsOptions(
  o: ServiceLevelOptions,
  rw: ReportWindow | undefined,
  thresholdMs: number,
  shortAbandonMs: number,
): ServiceLevelDetailsOptions {
  return {
    bucketOf: rw?.bucketOf ?? ((ms) => ms),
    startMs: rw?.window.startMs ?? -Infinity,
    endMs: rw?.window.endMs ?? Infinity,
    thresholdMs,
    shortAbandonMs,
    queueIds: o.queue.length > 0 ? new Set(o.queue) : undefined,
    mediaTypes: o.media.length > 0 ? new Set(o.media) : undefined,
  };
}

async function queueNamesOf(client: ApiClient, ids: string[], mustExist: boolean): Promise<Map<string, string>> {
  const queues = await getQueuesByIds(client, ids);
  if (mustExist) {
    const unknown = ids.find((id) => !queues.has(id));
    if (unknown !== undefined) throw new UsageError(`--queue: no queue with id "${unknown}" in this org; check the id (Admin > Queues)`);
  }
  return new Map([...queues].map(([id, q]) => [id, q.name ?? '']));
}
