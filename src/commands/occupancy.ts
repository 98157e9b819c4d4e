import type { Deps } from '../deps.js';
import { queryConversationAggregates, queryUserAggregates } from '../api/analytics.js';
import { getUsersByIds } from '../api/directory.js';
import type { ApiClient } from '../api/http.js';
import { CONCURRENCY } from '../api/limits.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import { UsageError } from '../errors.js';
import { OccupancyAccumulator, occupancyRows } from '../metrics/occupancy.js';
import { addAgentConversationAggregates, addRoutingStatusAggregates } from '../metrics/occupancy-from-aggregates.js';
import { addOccupancyObservation, AGENT_METRICS } from '../metrics/occupancy-from-details.js';
import { OCCUPANCY_COLUMNS } from '../metrics/rows.js';
import { openStore, thisProcess } from '../store/open-store.js';
import { readStoredOccupancy } from '../store/read-occupancy.js';
import { resolveDbTarget } from '../store/target.js';
import { reportWindow, type ReportWindow, type WindowRequest } from '../time/report-window.js';
import type { OccupancyOptions } from './options.js';
import { planOccupancyQueries } from './plan-queries.js';
import { readInputFile } from './read-input-file.js';
import { isTotalInterval, outputRequest, setOrAll, totalWindow, windowRequest } from './report-request.js';
import { openRunContext, reportSkipped, type RunContext } from './run-context.js';
import { resolveSelection, selectAgents, type AgentSelection } from './select-agents.js';
import { checkReportOutput, chosenColumns, personWatching, writeReport } from './write-report.js';
import { PROGRESS_UNIT } from '../output/progress.js';
import { occupancyMeta, type ReportTable } from './report-meta.js';

export async function runOccupancy(o: OccupancyOptions, deps: Deps): Promise<void> {
  // Decided before any request: a bad --output extension or --columns name must not cost a month of API calls.
  const output = outputRequest(o, deps.stdout.isTTY === true);
  checkReportOutput(output, deps, o);
  chosenColumns(output, OCCUPANCY_COLUMNS);
  const table = await occupancyTable(o, deps);
  await writeReport(table, output, deps, occupancyMeta(o, table, deps.clock.now()), personWatching(o, deps));
}

interface Accumulated {
  acc: OccupancyAccumulator;
  rw: ReportWindow | undefined;
  agentIds: string[];
  agentNames: Map<string, string>;
}

/** The occupancy report as a table: window → plan → fetch → accumulate → rows, from the API or a details file. */
export async function occupancyTable(o: OccupancyOptions, deps: Deps): Promise<ReportTable> {
  const window = windowRequest(o);
  const selection: AgentSelection = { agents: o.agent, groups: o.group, queues: o.queue, media: o.media };
  const run = await openRunContext(o, deps);
  try {
    const source = run.source;
    const { acc, rw, agentIds, agentNames } =
      source.kind === 'api'
        ? await fetchOccupancy(run, source.client, reportWindow(window, run.config.tz, deps.clock.now()), selection)
        : source.kind === 'db'
          ? await fromDb(source.target, reportWindow(window, run.config.tz, deps.clock.now()), selection, deps)
          : await fromFile(run, source.path, window, selection, deps);
    reportSkipped(run);
    // --interval total: fetched on the default grid, then every bucket added into the window's one.
    const out = rw && isTotalInterval(o) ? totalWindow(rw) : rw;
    const sums = out && out !== rw ? acc.rebucketed(out.bucketOf) : acc;
    const rows = out ? occupancyRows(sums, { grid: out.grid, agentIds, agentNames, formatTime: out.formatTime }) : [];
    const printed = rw && { start: rw.formatTime(rw.window.startMs), end: rw.formatTime(rw.window.endMs) };
    return { columns: OCCUPANCY_COLUMNS, rows, window: printed, timeZone: run.config.tz };
  } finally {
    run.progress.done();
    await run.close();
  }
}

/** The API part of the report over `rw`: also what `sync` stores. */
export async function fetchOccupancy(run: RunContext, client: ApiClient, rw: ReportWindow, given: AgentSelection): Promise<Accumulated & { rw: ReportWindow }> {
  const selection = await resolveSelection(client, given);
  const selected = await selectAgents(client, selection, run.skipped);
  if (selected?.length === 0) run.logger.warn('the selected group(s) and queue(s) have no members; the report is empty');
  const plan = planOccupancyQueries(rw.window, { agentIds: selected, media: selection.media });
  const acc = new OccupancyAccumulator();
  let done = 0;
  await mapConcurrent(plan, CONCURRENCY, async (query) => {
    if (query.endpoint === 'conversations') addAgentConversationAggregates(acc, await queryConversationAggregates(client, query.body, run.skipped), rw.bucketOf);
    else addRoutingStatusAggregates(acc, await queryUserAggregates(client, query.body, run.skipped), rw.bucketOf);
    run.progress.update(++done, plan.length, PROGRESS_UNIT);
  });
  const agentIds = selected ?? acc.activeAgents(rw.window.startMs, rw.window.endMs);
  const agentNames = await getUsersByIds(client, agentIds, run.skipped);
  const unknown = selection.agents.find((id) => !agentNames.has(id));
  if (unknown !== undefined) throw new UsageError(`--agent: no user with id "${unknown}" in this org; check the id`);
  return { acc, rw, agentIds, agentNames };
}

/** `--db`: the stored history, no API call and no credentials. */
async function fromDb(target: string, rw: ReportWindow, selection: AgentSelection, deps: Deps): Promise<Accumulated> {
  const store = await openStore(resolveDbTarget(target, deps.env, deps.cwd), 'read', deps.env, thisProcess(deps.clock.now()));
  try {
    return { rw, ...(await readStoredOccupancy(store, rw, selection.agents, selection.media)) };
  } finally {
    await store.close();
  }
}

async function fromFile(run: RunContext, path: string, request: WindowRequest, selection: AgentSelection, deps: Deps): Promise<Accumulated> {
  const acc = new OccupancyAccumulator();
  const userIds = setOrAll(selection.agents);
  const mediaTypes = setOrAll(selection.media);
  const rw = await readInputFile(path, request, run, deps, AGENT_METRICS, (span) => {
    const options = { bucketOf: span.bucketOf, startMs: span.startMs, endMs: span.endMs, userIds, mediaTypes };
    return (metric) => addOccupancyObservation(acc, metric, options);
  });
  const agentIds = selection.agents.length > 0 ? selection.agents : rw ? acc.activeAgents(rw.window.startMs, rw.window.endMs) : [];
  return { acc, rw, agentIds, agentNames: new Map() };
}
