import type { DbConfig } from '../config/resolve.js';
import type { Deps } from '../deps.js';
import type { AggregatesFold } from '../api/analytics.js';
import type { ApiClient } from '../api/http.js';
import type { UsableAggregates } from '../api/usable-records.js';
import { CONCURRENCY } from '../api/limits.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import { UsageError } from '../errors.js';
import { OccupancyAccumulator, occupancyRows } from '../metrics/occupancy.js';
import { addOccupancyObservation, AGENT_METRICS } from '../metrics/occupancy-from-details.js';
import { OCCUPANCY_COLUMNS } from '../metrics/rows.js';
import { reportWindow, type ReportWindow, type WindowRequest } from '../time/report-window.js';
import type { OccupancyOptions } from './options.js';
import { readInputFile } from './read-input-file.js';
import { isTotalInterval, outputRequest, setOrAll, totalWindow, windowRequest } from './report-request.js';
import { openRunContext, reportSkipped, type RunContext } from './run-context.js';
import type { AgentSelection } from './select-agents.js';
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
          ? await fromDb(run.config.db, reportWindow(window, run.config.tz, deps.clock.now()), selection, deps)
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

/**
 * The API part of the report over `rw`: also what `sync` stores. With a selection the names come first: the users
 * listing read for them tells the org's size, which decides whether the aggregates are filtered by the API or here.
 */
export async function fetchOccupancy(run: RunContext, client: ApiClient, rw: ReportWindow, given: AgentSelection): Promise<Accumulated & { rw: ReportWindow }> {
  // Loaded on first use, so an --input or --db report does not compile the API layer and its schemas.
  const [{ streamAggregates }, { getUserNames }, { addAgentConversationAggregates, addRoutingStatusAggregates }, { chooseAgentFiltering, planOccupancyQueries }, { resolveSelection, selectAgents }] =
    await Promise.all([
      import('../api/analytics.js'),
      import('../api/user-names.js'),
      import('../metrics/occupancy-from-aggregates.js'),
      import('./plan-queries.js'),
      import('./select-agents.js'),
    ]);
  const selection = await resolveSelection(client, given);
  const selected = await selectAgents(client, selection, run.skipped);
  if (selected?.length === 0) run.logger.warn('the selected group(s) and queue(s) have no members; the report is empty');
  const known = selected && (await getUserNames(client, selected, run.skipped));
  if (known) checkAgentsExist(selection.agents, known.names);
  const filtering = selected ? chooseAgentFiltering(selected.length, known?.orgUsers) : 'server';
  const plan = planOccupancyQueries(rw.window, { agentIds: selected, media: selection.media, filtering });
  const keep = filtering === 'local' ? new Set(selected) : undefined;
  const acc = new OccupancyAccumulator();
  let done = 0;
  await mapConcurrent(plan, CONCURRENCY, async (query) => {
    const add = query.endpoint === 'conversations' ? addAgentConversationAggregates : addRoutingStatusAggregates;
    const fold: AggregatesFold<OccupancyAccumulator> = {
      start: () => new OccupancyAccumulator(),
      add: (part, results) => add(part, keep ? onlyAgents(results, keep) : results, rw.bucketOf),
    };
    acc.addAll(await streamAggregates(client, query.endpoint, query.body, fold, run.skipped));
    run.progress.update(++done, plan.length, PROGRESS_UNIT);
  });
  const agentIds = selected ?? acc.activeAgents(rw.window.startMs, rw.window.endMs);
  const agentNames = known?.names ?? (await getUserNames(client, agentIds, run.skipped)).names;
  return { acc, rw, agentIds, agentNames };
}

function checkAgentsExist(agents: readonly string[], names: ReadonlyMap<string, string>): void {
  const unknown = agents.find((id) => !names.has(id));
  if (unknown !== undefined) throw new UsageError(`--agent: no user with id "${unknown}" in this org; check the id`);
}

/** The result groups of the selected agents (an unfiltered answer holds every agent of the org). */
function onlyAgents(response: UsableAggregates, keep: ReadonlySet<string>): UsableAggregates {
  return { results: response.results.filter((r) => r.group.userId !== undefined && keep.has(r.group.userId)) };
}

/** `--db`: the stored history, no API call and no credentials. */
async function fromDb(db: DbConfig, rw: ReportWindow, selection: AgentSelection, deps: Deps): Promise<Accumulated> {
  const [{ openStore, thisProcess }, { readStoredOccupancy }, { dbTarget }] = await Promise.all([
    import('../store/open-store.js'),
    import('../store/read-occupancy.js'),
    import('../store/target.js'),
  ]);
  const store = await openStore(dbTarget(db.target, deps.cwd), 'read', db.pg, thisProcess(deps.clock.now()));
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
