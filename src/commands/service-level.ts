import type { Deps } from '../deps.js';
import { queryConversationAggregates } from '../api/analytics.js';
import { getQueuesByIds } from '../api/directory.js';
import type { ApiClient } from '../api/http.js';
import { CONCURRENCY } from '../api/limits.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import { UsageError } from '../errors.js';
import { SERVICE_LEVEL_COLUMNS } from '../metrics/rows.js';
import { ServiceLevelAccumulator, serviceLevelRows } from '../metrics/service-level.js';
import { addServiceLevelAggregates } from '../metrics/service-level-from-aggregates.js';
import { addServiceLevelDetails, type ServiceLevelDetailsOptions } from '../metrics/service-level-from-details.js';
import { fixedGoal, type GoalOf } from '../metrics/service-level-goals.js';
import { serviceLevelGroupBy } from '../metrics/service-level-plan.js';
import { reportWindow, type ReportWindow, type WindowRequest } from '../time/report-window.js';
import { fetchDetails } from './fetch-details.js';
import type { ServiceLevelOptions } from './options.js';
import { planDetailsQueries, planServiceLevelQueries, type ServiceLevelSelection } from './plan-queries.js';
import { readInputFile } from './read-input-file.js';
import { outputRequest, setOrAll, windowRequest } from './report-request.js';
import { openRunContext, reportSkipped, type RunContext } from './run-context.js';
import { checkReportOutput, chosenColumns, personWatching, writeReport } from './write-report.js';
import { PROGRESS_UNIT } from '../output/progress.js';
import { serviceLevelMeta, type ReportTable } from './report-meta.js';

export async function runServiceLevel(o: ServiceLevelOptions, deps: Deps): Promise<void> {
  // Decided before any request: a bad --output extension or --columns name must not cost a month of API calls.
  const output = outputRequest(o, deps.stdout.isTTY === true);
  checkReportOutput(output, deps, o);
  chosenColumns(output, SERVICE_LEVEL_COLUMNS);
  const table = await serviceLevelTable(o, deps);
  await writeReport(table, output, deps, serviceLevelMeta(o, table, deps.clock.now()), personWatching(o, deps));
}

interface Accumulated {
  acc: ServiceLevelAccumulator;
  rw: ReportWindow | undefined;
  queueNames: Map<string, string>;
}

/**
 * The service-level report as a table: window → plan → fetch → accumulate → rows, from aggregates (default),
 * details, or an exported details file.
 */
export async function serviceLevelTable(o: ServiceLevelOptions, deps: Deps): Promise<ReportTable> {
  const window = windowRequest(o);
  const thresholdMs = Math.round(o.threshold * 1000);
  const goalOf = fixedGoal(thresholdMs, null);
  const selection: ServiceLevelSelection = {
    queueIds: o.queue,
    media: o.media,
    thresholdsMs: [thresholdMs],
    shortAbandonMs: Math.round(o.shortAbandon * 1000),
    groupBy: serviceLevelGroupBy('queue,media', false),
  };
  const run = await openRunContext(o, deps);
  try {
    const { acc, rw, queueNames } =
      run.source.kind === 'api'
        ? await fromApi(run, run.source.client, o.source, window, selection, goalOf, deps)
        : await fromFile(run, run.source.path, window, selection, goalOf, deps);
    reportSkipped(run);
    const rows = rw
      ? serviceLevelRows(acc, {
          formula: o.formula,
          goalOf,
          queueNames,
          startMs: rw.window.startMs,
          endMs: rw.window.endMs,
          bucketEndMs: rw.bucketEndMs,
          formatTime: rw.formatTime,
        })
      : [];
    const printed = rw && { start: rw.formatTime(rw.window.startMs), end: rw.formatTime(rw.window.endMs) };
    return { columns: SERVICE_LEVEL_COLUMNS, rows, window: printed, timeZone: run.config.tz };
  } finally {
    run.progress.done();
    await run.close();
  }
}

async function fromApi(
  run: RunContext,
  client: ApiClient,
  source: ServiceLevelOptions['source'],
  request: WindowRequest,
  selection: ServiceLevelSelection,
  goalOf: GoalOf,
  deps: Deps,
): Promise<Accumulated> {
  const rw = reportWindow(request, run.config.tz, deps.clock.now());
  // Check --queue ids first: a typo should fail in one request, not after a month of data.
  const queueNames = selection.queueIds.length > 0 ? await queueNamesOf(client, selection.queueIds, true, run) : new Map<string, string>();
  const acc = new ServiceLevelAccumulator();
  if (source === 'aggregates') {
    // The rangeBound views count within-threshold answers and short abandons server-side.
    const plan = planServiceLevelQueries(rw.window, selection);
    let done = 0;
    await mapConcurrent(plan, CONCURRENCY, async ({ primary, body }) => {
      const response = await queryConversationAggregates(client, body, run.skipped);
      addServiceLevelAggregates(acc, response, { bucketOf: rw.bucketOf, goalOf, groupBy: selection.groupBy, primary });
      run.progress.update(++done, plan.length, PROGRESS_UNIT);
    });
  } else {
    const options = { ...detailsOptions(selection, goalOf, rw), skipped: run.skipped };
    const plan = planDetailsQueries(rw.window, selection);
    await fetchDetails(plan, rw.window.endMs, client, run, deps, (c) => addServiceLevelDetails(acc, c, options));
  }
  const missing = [...acc.queueIds()].filter((id) => !queueNames.has(id));
  if (missing.length > 0) for (const [id, name] of await queueNamesOf(client, missing, false, run)) queueNames.set(id, name);
  return { acc, rw, queueNames };
}

async function fromFile(
  run: RunContext,
  path: string,
  request: WindowRequest,
  selection: ServiceLevelSelection,
  goalOf: GoalOf,
  deps: Deps,
): Promise<Accumulated> {
  const acc = new ServiceLevelAccumulator();
  // A file report has no API to ask for names: the records carry them (acd participants are named after queues).
  const queueNames = new Map<string, string>();
  const rw = await readInputFile(path, request, run.config.tz, deps, (span) => {
    const options = { ...detailsOptions(selection, goalOf, span), queueNames, skipped: run.skipped };
    return (record) => addServiceLevelDetails(acc, record, options);
  });
  return { acc, rw, queueNames };
}

/** Built once per report, not per conversation. */
function detailsOptions(
  s: ServiceLevelSelection,
  goalOf: GoalOf,
  span: { bucketOf: (ms: number) => number; startMs: number; endMs: number } | ReportWindow,
): ServiceLevelDetailsOptions {
  const bounds = 'window' in span ? span.window : span;
  return {
    bucketOf: span.bucketOf,
    startMs: bounds.startMs,
    endMs: bounds.endMs,
    goalOf,
    shortAbandonMs: s.shortAbandonMs,
    queueIds: setOrAll(s.queueIds),
    mediaTypes: setOrAll(s.media),
  };
}

async function queueNamesOf(client: ApiClient, ids: readonly string[], mustExist: boolean, run: Pick<RunContext, 'skipped'>): Promise<Map<string, string>> {
  const queues = await getQueuesByIds(client, ids, run.skipped);
  if (mustExist) {
    const unknown = ids.find((id) => !queues.has(id));
    if (unknown !== undefined) throw new UsageError(`--queue: no queue with id "${unknown}" in this org; check the id (Admin > Queues)`);
  }
  return new Map([...queues].map(([id, q]) => [id, q.name ?? '']));
}
