import type { Deps } from '../deps.js';
import { TargetMissedError } from '../errors.js';
import { STAFFING_COLUMNS, type StaffingRow } from '../metrics/rows.js';
import { OnQueueTime, sharedAgents, staffingRows } from '../metrics/staffing-rows.js';
import { staffingMetricCells } from '../output/report-cells.js';
import { checkMessage, uncheckedText, type Miss } from './check-misses.js';
import { staffingTable, type ReportTable } from '../output/report-table.js';
import { writeReport } from '../output/write-report.js';
import type { Session } from '../session.js';
import type { ReportSource } from '../sources/report-source.js';
import type { StaffingSpec } from '../spec/staffing-spec.js';
import { occupancyReport } from './occupancy.js';
import { staffingMeta } from './report-meta.js';
import { serviceLevelReport } from './service-level.js';

/** Media Erlang C models as they are: one contact at a time per agent. */
const ONE_AT_A_TIME = new Set(['voice', 'callback']);

/**
 * `gcx-metrics staffing`: the service-level rows (counts, AHT, goals) per queue × media × interval, the queues'
 * members, their on-queue time over the same grid, then Erlang C per row → write; then `--check` on the printed gap.
 */
export async function runStaffing(spec: StaffingSpec, session: Session, source: ReportSource, deps: Deps): Promise<void> {
  const { table, rows } = await staffingReport(spec, session, source);
  session.progress.done();
  await writeReport(table, spec.output, deps, staffingMeta(spec, source, table, deps.clock.now()), spec.announce);
  if (spec.check) {
    // The printed gap, so the exit status agrees with the report (an exact −0.004 prints 0 and is not short).
    const checked = rows.filter((r) => r.values.offered >= spec.minOffered);
    const misses = checked.flatMap((r): Miss[] => {
      const cells = staffingMetricCells(r.values);
      const gap = cells.staffing_gap;
      if (!(typeof gap === 'number' && gap < 0)) return [];
      return [{ queue: r.queueName, media: r.mediaType, startMs: r.startMs, why: `${cells.staffed_agents} staffed < ${cells.required_agents} required` }];
    });
    const unchecked = { rows: rows.length - checked.length, minOffered: spec.minOffered };
    if (misses.length > 0) {
      throw new TargetMissedError(checkMessage({ what: 'were short (staffed_agents below required_agents)', misses, rows: rows.length, tz: session.config.tz, unchecked }));
    }
    if (unchecked.rows > 0) session.logger.info(`--check: no checked row was short${uncheckedText(unchecked)}`);
  }
}

export async function staffingReport(spec: StaffingSpec, session: Session, source: ReportSource): Promise<{ table: ReportTable; rows: StaffingRow[] }> {
  const concurrent = spec.selection.media.filter((m) => !ONE_AT_A_TIME.has(m));
  if (concurrent.length > 0) {
    session.logger.info(
      `note: ${concurrent.join(', ')}: Erlang C assumes one contact at a time per agent; agents who handle several at once need fewer than required_agents says (it is conservative)`,
    );
  }
  const sl = await serviceLevelReport({ ...spec, by: 'queue,media', check: false }, session, source);
  const queueIds = [...new Set(sl.rows.map((r) => r.queueId).filter((id): id is string => id !== null))];
  const members = queueIds.length > 0 ? await source.queueMembers(queueIds) : new Map<string, string[]>();
  const agents = [...new Set([...members.values()].flat())];
  const onQueue = new OnQueueTime();
  if (agents.length > 0) {
    // The same window and grid as the service-level rows; on-queue time is per agent, not per media type.
    const occupancy = await occupancyReport(
      { window: spec.window, selection: { agents, groups: [], queues: [], media: [] }, source: spec.source, output: spec.output, session: spec.session, announce: false },
      session,
      source,
    );
    if (occupancy.report !== 'occupancy') throw new Error('internal: occupancy report expected');
    for (const row of occupancy.rows) onQueue.add(row);
  }
  const shared = sharedAgents(members);
  if (shared > 0) {
    session.logger.info(
      `note: ${shared} ${shared === 1 ? 'agent is a member' : 'agents are members'} of more than one of these queues and ${shared === 1 ? 'counts' : 'count'} fully in each queue's staffed_agents; summed over queues, staffed_agents overstates the headcount`,
    );
  }
  const rows = staffingRows(sl.rows, members, onQueue, { shrinkagePct: spec.shrinkagePct, maxOccupancyPct: spec.maxOccupancyPct });
  const table = staffingTable(rows, { window: sl.table.window, timeZone: sl.table.timeZone, formatTime: sl.table.formatTime }, STAFFING_COLUMNS);
  return { table, rows };
}
