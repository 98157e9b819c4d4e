import type { Deps } from '../deps.js';
import { occupancyRows } from '../metrics/occupancy.js';
import { OCCUPANCY_COLUMNS, type OccupancyRow } from '../metrics/rows.js';
import { occupancyTable as typedTable, type ReportTable } from '../output/report-table.js';
import { writeReport } from '../output/write-report.js';
import { reportSkipped, type Session } from '../session.js';
import type { ReportSource } from '../sources/report-source.js';
import type { OccupancySpec } from '../spec/report-spec.js';
import { occupancyMeta } from './report-meta.js';
import { totalWindow } from '../time/total-window.js';

/** `gcx-metrics occupancy`: spec → source → accumulated sums → typed rows → write. */
export async function runOccupancy(spec: OccupancySpec, session: Session, source: ReportSource, deps: Deps): Promise<void> {
  const table = await occupancyReport(spec, session, source);
  session.progress.done();
  await writeReport(table, spec.output, deps, occupancyMeta(spec, source, table, deps.clock.now()), spec.announce);
}

/** The report's typed rows over its window; every agent selected (or active) gets a row for every interval. */
export async function occupancyReport(spec: OccupancySpec, session: Session, source: ReportSource): Promise<ReportTable> {
  const { acc, rw, agentIds, agentNames } = await source.occupancy({ window: { request: spec.window.request }, selection: spec.selection, total: spec.window.total });
  reportSkipped(session);
  // --interval total: every bucket added into the window's one (the API source already asks for that one alone).
  const out = rw && spec.window.total ? totalWindow(rw) : rw;
  const sums = out && out !== rw ? acc.rebucketed(out.bucketOf) : acc;
  const rows: Iterable<OccupancyRow> = { [Symbol.iterator]: () => (out ? occupancyRows(sums, { grid: out.grid, agentIds, agentNames }) : [][Symbol.iterator]()) };
  return typedTable(rows, { window: rw?.window, timeZone: session.config.tz, formatTime: (rw ?? out)?.formatTime ?? isoUtc }, OCCUPANCY_COLUMNS);
}

const isoUtc = (ms: number) => new Date(ms).toISOString();
