import type { DbConfig } from '../config/resolve.js';
import type { Deps } from '../deps.js';
import type { DirectoryQueue } from '../api/directory-schemas.js';
import type { ApiClient } from '../api/http.js';
import { CONCURRENCY } from '../api/limits.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import { UUID } from '../api/match-names.js';
import { TargetMissedError, UsageError } from '../errors.js';
import { SERVICE_LEVEL_COLUMNS, type ServiceLevelRow } from '../metrics/rows.js';
import { ServiceLevelAccumulator, serviceLevelRows } from '../metrics/service-level.js';
import {
  addServiceLevelDetails,
  addServiceLevelObservation,
  SERVICE_LEVEL_METRICS,
  type ServiceLevelDetailsOptions,
} from '../metrics/service-level-from-details.js';
import {
  DEFAULT_THRESHOLD_MS,
  distinctThresholdsMs,
  fixedGoal,
  queueGoals,
  type GoalOf,
  type ServiceLevelGoal,
} from '../metrics/service-level-goals.js';
import { serviceLevelGroupBy } from '../metrics/service-level-plan.js';
import { reportWindow, type ReportWindow, type WindowRequest } from '../time/report-window.js';
import type { ServiceLevelOptions } from './options.js';
import type { ServiceLevelSelection } from './plan-queries.js';
import { readInputFile } from './read-input-file.js';
import { isTotalInterval, outputRequest, setOrAll, totalWindow, windowRequest } from './report-request.js';
import { openRunContext, reportSkipped, type RunContext } from './run-context.js';
import { checkReportOutput, chosenColumns, personWatching, writeReport } from './write-report.js';
import { PROGRESS_UNIT } from '../output/progress.js';
import { serviceLevelMeta, type ReportTable } from './report-meta.js';

/** Media types whose queue settings can carry a service level (`voice` is `call` there). */
const MEDIA_WITH_SETTINGS = ['voice', 'callback', 'chat', 'email', 'message'];

/** Writes the report; with `--check`, then exits 5 when a row missed its target (the file is written first). */
export async function runServiceLevel(o: ServiceLevelOptions, deps: Deps): Promise<void> {
  // Decided before any request: a bad --output extension must not cost a month of API calls.
  const output = outputRequest(o, deps.stdout.isTTY === true);
  checkReportOutput(output, deps, o);
  chosenColumns(output, SERVICE_LEVEL_COLUMNS);
  const table = await serviceLevelTable(o, deps);
  await writeReport(table, output, deps, serviceLevelMeta(o, table, deps.clock.now()), personWatching(o, deps));
  if (o.check) {
    const missed = table.rows.filter((r) => r.target_met === false).length;
    if (missed > 0) throw new TargetMissedError(`--check: ${missed} of ${table.rows.length} rows missed their service-level target`);
  }
}

interface Accumulated {
  acc: ServiceLevelAccumulator;
  rw: ReportWindow | undefined;
  queueNames: Map<string, string>;
  /** Stored history brings the goals its rows are measured against. */
  goalOf?: GoalOf;
}

/** How every row is measured: its goal, the thresholds the aggregates views need, and what the API groups on. */
export interface Measure {
  goalOf: GoalOf;
  selection: ServiceLevelSelection;
  /** The queues' own listing entries, when read (names come with them). */
  queues: DirectoryQueue[];
}

/**
 * The service-level report as a table: window → goals → plan → fetch → accumulate → rows, from aggregates
 * (default), details, or an exported details file.
 */
export async function serviceLevelTable(o: ServiceLevelOptions, deps: Deps): Promise<ReportTable & { rows: ServiceLevelRow[] }> {
  const window = windowRequest(o);
  const run = await openRunContext(o, deps);
  try {
    const source = run.source;
    // --db needs nothing from the API: its goals were stored with its rows.
    const measure = source.kind === 'db' ? undefined : await measureOf(o, run, source.client);
    const { acc, rw, queueNames, goalOf } =
      source.kind === 'api'
        ? await fetchServiceLevel(run, source.client, o.source, reportWindow(window, run.config.tz, deps.clock.now()), measure!, deps)
        : source.kind === 'db'
          ? await fromDb(run.config.db, reportWindow(window, run.config.tz, deps.clock.now()), o, deps)
          : await fromFile(run, source.path, window, measure!, deps);
    reportSkipped(run);
    const out = rw && isTotalInterval(o) ? totalWindow(rw) : rw;
    const rows =
      rw && out
        ? serviceLevelRows(acc, {
            formula: o.formula,
            goalOf: goalOf ?? measure!.goalOf,
            by: o.by,
            queueNames,
            startMs: rw.window.startMs,
            endMs: rw.window.endMs,
            bucketEndMs: out.bucketEndMs,
            ...(out !== rw ? { rowBucket: out.bucketOf } : {}),
            formatTime: out.formatTime,
          })
        : [];
    const printed = rw && { start: rw.formatTime(rw.window.startMs), end: rw.formatTime(rw.window.endMs) };
    return { columns: SERVICE_LEVEL_COLUMNS, rows, window: printed, timeZone: run.config.tz };
  } finally {
    run.progress.done();
    await run.close();
  }
}

/**
 * Queue names to ids, and each row's goal: `--threshold <s>` (and `--target`) for all, or with `--threshold queue`
 * each queue's own per media type, read from the queues (the selected ones, else all: any may have traffic).
 */
export async function measureOf(
  o: Pick<ServiceLevelOptions, 'queue' | 'threshold' | 'target' | 'media' | 'shortAbandon' | 'by'>,
  run: RunContext, client: ApiClient | undefined): Promise<Measure> {
  const named = o.queue.find((q) => !UUID.test(q));
  if (named !== undefined && !client) {
    throw new UsageError(`--queue: "${named}" is not an id; with --input and no API credentials give queue ids (names are looked up through the API)`);
  }
  const queueIds = named !== undefined && client ? await (await directory()).resolveQueueIds(client, o.queue) : o.queue;
  const fallback: ServiceLevelGoal = {
    thresholdMs: o.threshold === 'queue' ? DEFAULT_THRESHOLD_MS : Math.round(o.threshold * 1000),
    targetPct: o.target ?? null,
  };
  let queues: DirectoryQueue[] | undefined;
  if (o.threshold === 'queue') {
    if (client) {
      const { getQueuesByIds, listQueues } = await directory();
      queues = queueIds.length > 0 ? [...(await getQueuesByIds(client, queueIds, run.skipped)).values()] : await listQueues(client, { skipped: run.skipped });
    } else {
      run.logger.warn(
        `--threshold queue: no API credentials to read the queues' own targets, so every row is measured at ${fallback.thresholdMs / 1000} s` +
          `${fallback.targetPct === null ? ' with no target' : ` against --target ${fallback.targetPct}`}; set GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET, or give --threshold <seconds> and --target <pct>`,
      );
    }
  }
  const perQueue = queues !== undefined;
  const goalOf = queues ? queueGoals(queues, fallback) : fixedGoal(fallback.thresholdMs, fallback.targetPct);
  const thresholdsMs = queues ? distinctThresholdsMs(queues, o.media.length > 0 ? o.media : MEDIA_WITH_SETTINGS, fallback) : [fallback.thresholdMs];
  const selection: ServiceLevelSelection = {
    queueIds,
    media: o.media,
    thresholdsMs,
    shortAbandonMs: Math.round(o.shortAbandon * 1000),
    groupBy: serviceLevelGroupBy(o.by, perQueue),
  };
  return { goalOf, selection, queues: queues ?? [] };
}

/** The API part of the report over `rw`: also what `sync` stores. */
export async function fetchServiceLevel(
  run: RunContext,
  client: ApiClient,
  source: ServiceLevelOptions['source'],
  rw: ReportWindow,
  measure: Measure,
  deps: Deps,
): Promise<Accumulated & { rw: ReportWindow }> {
  const { selection, goalOf } = measure;
  const queueNames = new Map(measure.queues.map((q) => [q.id, q.name ?? '']));
  // Check --queue ids first: a typo should fail in one request, not after a month of data.
  const unchecked = selection.queueIds.filter((id) => !queueNames.has(id));
  if (unchecked.length > 0) for (const [id, name] of await queueNamesOf(client, unchecked, true, run)) queueNames.set(id, name);
  const acc = new ServiceLevelAccumulator();
  if (source === 'aggregates') {
    const [{ queryConversationAggregates }, { addServiceLevelAggregates }, { planServiceLevelQueries }] = await Promise.all([
      import('../api/analytics.js'),
      import('../metrics/service-level-from-aggregates.js'),
      import('./plan-queries.js'),
    ]);
    // The rangeBound views count within-threshold answers (one view per threshold) and short abandons server-side.
    const plan = planServiceLevelQueries(rw.window, selection);
    let done = 0;
    await mapConcurrent(plan, CONCURRENCY, async ({ primary, body }) => {
      const response = await queryConversationAggregates(client, body, run.skipped);
      addServiceLevelAggregates(acc, response, { bucketOf: rw.bucketOf, goalOf, groupBy: selection.groupBy, primary });
      run.progress.update(++done, plan.length, PROGRESS_UNIT);
    });
  } else {
    const [{ detailsAvailability, fetchDetails }, { planDetailsQueries }] = await Promise.all([import('./fetch-details.js'), import('./plan-details.js')]);
    const options = { ...detailsOptions(selection, goalOf, rw), skipped: run.skipped };
    const plan = planDetailsQueries(rw.window, selection, await detailsAvailability(client, run.logger));
    await fetchDetails(plan, client, run, deps, (c) => addServiceLevelDetails(acc, c, options));
  }
  const missing = [...acc.queueIds()].filter((id) => !queueNames.has(id));
  if (missing.length > 0) for (const [id, name] of await queueNamesOf(client, missing, false, run)) queueNames.set(id, name);
  return { acc, rw, queueNames };
}

/**
 * `--db`: the stored history, no API call and no credentials. With `--threshold queue` each row keeps the goal it
 * was stored with; a numeric threshold (which must be the stored one) takes --target as the API report does.
 */
async function fromDb(db: DbConfig, rw: ReportWindow, o: ServiceLevelOptions, deps: Deps): Promise<Accumulated> {
  const [{ openStore, thisProcess }, { readStoredServiceLevel }, { dbTarget }] = await Promise.all([
    import('../store/open-store.js'),
    import('../store/read-service-level.js'),
    import('../store/target.js'),
  ]);
  const store = await openStore(dbTarget(db.target, deps.cwd), 'read', db.pg, thisProcess(deps.clock.now()));
  try {
    const request = { queueIds: o.queue, media: o.media, threshold: o.threshold, shortAbandonS: o.shortAbandon };
    const stored = await readStoredServiceLevel(store, rw, request);
    const goalOf = o.threshold === 'queue' ? stored.goalOf : fixedGoal(Math.round(o.threshold * 1000), o.target ?? null);
    return { rw, acc: stored.acc, queueNames: stored.queueNames, goalOf };
  } finally {
    await store.close();
  }
}

async function fromFile(run: RunContext, path: string, request: WindowRequest, measure: Measure, deps: Deps): Promise<Accumulated> {
  const acc = new ServiceLevelAccumulator();
  // The records carry queue names (acd participants are named after their queues), so a file needs no API for them.
  const queueNames = new Map<string, string>();
  const rw = await readInputFile(path, request, run, deps, SERVICE_LEVEL_METRICS, (span) => {
    const options = { ...detailsOptions(measure.selection, measure.goalOf, span), queueNames };
    return (metric) => addServiceLevelObservation(acc, metric, options);
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
  const queues = await (await directory()).getQueuesByIds(client, ids, run.skipped);
  if (mustExist) {
    const unknown = ids.find((id) => !queues.has(id));
    if (unknown !== undefined) throw new UsageError(`--queue: no queue with id "${unknown}" in this org; see gcx-metrics list queues`);
  }
  return new Map([...queues].map(([id, q]) => [id, q.name ?? '']));
}

/**
 * The API and database parts load on first use, like this one: a 10-record --input report should not compile
 * zod's API schemas, the HTTP layer or the stores.
 */
function directory(): Promise<typeof import('../api/directory.js')> {
  return import('../api/directory.js');
}
