import type { Deps } from '../cli/deps.js';
import type { OccupancyOptions } from '../cli/options.js';
import { queryConversationAggregates, queryUserAggregates } from '../api/analytics.js';
import type { ApiClient } from '../api/http.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import { getUsersByIds } from '../api/directory.js';
import { UsageError } from '../errors.js';
import { forEachInputRecord } from '../input/for-each-record.js';
import { OccupancyAccumulator, occupancyRows } from '../metrics/occupancy.js';
import { addAgentConversationAggregates, addRoutingStatusAggregates } from '../metrics/occupancy-from-aggregates.js';
import { addOccupancyDetails } from '../metrics/occupancy-from-details.js';
import { OCCUPANCY_COLUMNS, type Table } from '../metrics/rows.js';
import { splitWindow } from '../time/chunk.js';
import { agentConversationQuery, routingStatusQuery } from './query-bodies.js';
import { inputWindow } from './input-window.js';
import { describeWindow, noWindowFlags, reportWindow, type ReportWindow } from './report-window.js';
import { selectAgents } from './select-agents.js';
import { openSession, type Session } from './session.js';
import { writeReport } from './write-report.js';
import { batchesOf, CHUNK_MS, CONCURRENCY, MAX_USER_PREDICATES } from './limits.js';

export async function runOccupancy(o: OccupancyOptions, deps: Deps): Promise<void> {
  await writeReport(await occupancyTable(o, deps), o, deps);
}

/** The occupancy report as a table: from the API (aggregates), or from an exported details file. */
export async function occupancyTable(o: OccupancyOptions, deps: Deps): Promise<Table> {
  const session = await openSession(o, deps);
  try {
    const { acc, rw, agentIds } = session.client
      ? await fromApi(o, session, session.client, deps)
      : await fromInput(o, session, deps);
    const agentNames = session.client ? await getUsersByIds(session.client, agentIds) : new Map<string, string>();
    if (session.client) checkAgentsExist(o.agent, agentNames);
    const rows = rw ? occupancyRows(acc, { grid: rw.grid, agentIds, agentNames, formatTime: rw.formatTime }) : [];
    return { columns: OCCUPANCY_COLUMNS, rows };
  } finally {
    session.progress.done();
    await session.close();
  }
}

async function fromApi(o: OccupancyOptions, session: Session, client: ApiClient, deps: Deps) {
  const rw = reportWindow(o, session.config.tz, deps.clock.now());
  const selected = await selectAgents(client, o);
  if (selected?.length === 0) session.logger.warn('the selected group(s) and queue(s) have no members; the report is empty');
  const acc = new OccupancyAccumulator();
  const batches = selected ? batchesOf(selected, MAX_USER_PREDICATES) : [[]];
  const tasks = splitWindow(rw.window, CHUNK_MS).flatMap((chunk) =>
    batches.flatMap((userIds) => [
      async () =>
        addAgentConversationAggregates(acc, await queryConversationAggregates(client, agentConversationQuery(chunk, userIds, o.media)), rw.bucketOf),
      async () => addRoutingStatusAggregates(acc, await queryUserAggregates(client, routingStatusQuery(chunk, userIds)), rw.bucketOf),
    ]),
  );
  let done = 0;
  await mapConcurrent(tasks, CONCURRENCY, async (task) => {
    await task();
    session.progress.update(++done, tasks.length, 'requests');
  });
  const agentIds = selected ?? acc.activeAgents(rw.window.startMs, rw.window.endMs);
  return { acc, rw, agentIds };
}

async function fromInput(o: OccupancyOptions, session: Session, deps: Deps) {
  const fixed = noWindowFlags(o) ? undefined : reportWindow(o, session.config.tz, deps.clock.now());
  const span = inputWindow(o.interval, session.config.tz, fixed);
  const acc = new OccupancyAccumulator();
  const options = {
    bucketOf: span.bucketOf,
    startMs: span.startMs,
    endMs: span.endMs,
    userIds: o.agent.length > 0 ? new Set(o.agent) : undefined,
    mediaTypes: o.media.length > 0 ? new Set(o.media) : undefined,
  };
  await forEachInputRecord(o.input!, deps, (record) => addOccupancyDetails(acc, record, options));
  const rw: ReportWindow | undefined = fixed ?? (span.observed() ? describeWindow(span.observed()!) : undefined);
  const agentIds = o.agent.length > 0 ? o.agent : rw ? acc.activeAgents(rw.window.startMs, rw.window.endMs) : [];
  return { acc, rw, agentIds };
}

function checkAgentsExist(requested: readonly string[], names: ReadonlyMap<string, string>): void {
  const unknown = requested.find((id) => !names.has(id));
  if (unknown !== undefined) throw new UsageError(`--agent: no user with id "${unknown}" in this org; check the id`);
}
