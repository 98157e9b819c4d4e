import type { Deps } from '../deps.js';
import { TargetMissedError } from '../errors.js';
import { SERVICE_LEVEL_COLUMNS, type ServiceLevelRow } from '../metrics/rows.js';
import { serviceLevelRows } from '../metrics/service-level.js';
import { serviceLevelTable, type ReportTable } from '../output/report-table.js';
import { writeReport } from '../output/write-report.js';
import { reportSkipped, type Session } from '../session.js';
import type { ReportSource } from '../sources/report-source.js';
import type { ServiceLevelSpec } from '../spec/report-spec.js';
import { serviceLevelMeta } from './report-meta.js';
import { totalWindow } from '../time/total-window.js';
import { checkMessage, uncheckedText, type Miss } from './check-misses.js';

/** `gcx-metrics service-level`: spec → source → accumulated counts → typed rows → write; then `--check`. */
export async function runServiceLevel(spec: ServiceLevelSpec, session: Session, source: ReportSource, deps: Deps): Promise<void> {
  const { table, rows } = await serviceLevelReport(spec, session, source);
  session.progress.done();
  await writeReport(table, spec.output, deps, serviceLevelMeta(spec, source, table, deps.clock.now()), spec.announce);
  if (spec.check) {
    const checked = rows.filter((r) => r.counts.offered >= spec.minOffered);
    const misses = checked.filter((r) => r.targetMet === false).map(
      (r): Miss => ({ queue: r.queueName, media: r.mediaType, startMs: r.startMs, why: `${r.serviceLevelPct ?? ''} % < ${r.targetPct ?? ''}` }),
    );
    const unchecked = { rows: rows.length - checked.length, minOffered: spec.minOffered };
    if (misses.length > 0) {
      throw new TargetMissedError(checkMessage({ what: 'missed their service-level target', misses, rows: rows.length, tz: session.config.tz, unchecked }));
    }
    if (unchecked.rows > 0) session.logger.info(`--check: every checked row met its target${uncheckedText(unchecked)}`);
  }
}

/** The report's typed rows: every (interval, queue, media type) with traffic, each measured against its goal. */
export async function serviceLevelReport(spec: ServiceLevelSpec, session: Session, source: ReportSource): Promise<{ table: ReportTable; rows: ServiceLevelRow[] }> {
  const { formula, ...goals } = spec.goals;
  const { acc, rw, queueNames, goalOf } = await source.serviceLevel({ window: { request: spec.window.request }, selection: spec.selection, goals, by: spec.by, total: spec.window.total });
  reportSkipped(session);
  const out = rw && spec.window.total ? totalWindow(rw) : rw;
  const rows =
    rw && out
      ? serviceLevelRows(acc, {
          formula,
          goalOf,
          by: spec.by,
          queueNames,
          startMs: rw.window.startMs,
          endMs: rw.window.endMs,
          bucketEndMs: out.bucketEndMs,
          ...(out !== rw ? { rowBucket: out.bucketOf } : {}),
        })
      : [];
  const table = serviceLevelTable(rows, { window: rw?.window, timeZone: session.config.tz, formatTime: rw?.formatTime ?? isoUtc }, SERVICE_LEVEL_COLUMNS);
  return { table, rows };
}

const isoUtc = (ms: number) => new Date(ms).toISOString();
