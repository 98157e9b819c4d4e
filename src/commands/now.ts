import type { Deps } from '../deps.js';
import { TargetMissedError } from '../errors.js';
import { checkMessage, type Miss } from './check-misses.js';
import { NOW_COLUMNS, nowRows, type NowAlertOptions, type NowRow } from '../metrics/now.js';
import type { ServiceLevelFormula } from '../metrics/service-level.js';
import type { ReportMeta } from '../output/html/report-meta.js';
import { nowTable } from '../output/report-table.js';
import { writeReport } from '../output/write-report.js';
import { reportSkipped, type Session } from '../session.js';
import type { NowObserved, NowPrepared, NowSource } from '../sources/now-source.js';
import type { NowSpec } from '../spec/now-spec.js';
import { formatLocal } from '../time/format.js';
import { watchNow } from './now-watch.js';

/** One refresh's rows, and where its "today" started. */
export interface NowSnapshot {
  rows: NowRow[];
  todayStartMs: number;
  observedAtMs: number;
}

/** What a refresh observed → the typed rows, measured and alerted as asked (sync's snapshots use this too). */
export function snapshotRows(prepared: NowPrepared, observed: NowObserved, formula: ServiceLevelFormula, alerts: NowAlertOptions = {}): NowRow[] {
  return nowRows({
    observations: observed.observations,
    today: observed.today,
    goalOf: prepared.goalOf,
    formula,
    observedAtMs: observed.observedAtMs,
    queueIds: prepared.queueIds,
    queueNames: prepared.queueNames,
    alerts,
  });
}

/**
 * `gcx-metrics now`: the queues and goals read once, then one refresh (observations + today's aggregates) → typed
 * rows → one report through writeReport, and `--check` exit 5 when any row has an alert; or with `--watch`, the
 * same refresh repeated until interrupted (now-watch.ts).
 */
export async function runNow(spec: NowSpec, session: Session, source: NowSource, deps: Deps): Promise<void> {
  const { formula, ...goals } = spec.goals;
  const prepared = await source.prepare({ selection: spec.selection, goals });
  let skippedReported = false;
  const take = async (atMs: number): Promise<NowSnapshot> => {
    const observed = await prepared.refresh(atMs);
    // Once per run: a watch must not repeat the same warning every few seconds.
    if (!skippedReported) reportSkipped(session);
    skippedReported = true;
    return { rows: snapshotRows(prepared, observed, formula, spec.alerts), todayStartMs: observed.todayStartMs, observedAtMs: observed.observedAtMs };
  };
  const tz = session.config.tz;
  const formatTime = (ms: number) => formatLocal(ms, tz);
  if (spec.watch !== undefined) {
    session.progress.done();
    await watchNow({ ...spec, watch: spec.watch }, take, { tz, formatTime }, deps);
    return;
  }
  const snapshot = await take(deps.clock.now());
  session.progress.done();
  const table = nowTable(snapshot.rows, { window: { startMs: snapshot.todayStartMs, endMs: snapshot.observedAtMs }, timeZone: tz, formatTime }, NOW_COLUMNS);
  await writeReport(table, spec.output, deps, nowMeta(source, tz, deps.clock.now()), spec.announce);
  if (spec.check) {
    const misses = snapshot.rows.filter((r) => r.alerts.length > 0).map((r): Miss => ({ queue: r.queue_name, media: r.media_type, why: r.alerts.join(';') }));
    if (misses.length > 0) throw new TargetMissedError(checkMessage({ what: 'have alerts', misses, rows: snapshot.rows.length, tz }));
  }
}

/** The page's header facts (the wallboard shows the observation time and the zone; a one-off page reloads each minute). */
export function nowMeta(source: Pick<NowSource, 'label'>, tz: string, nowMs: number, refreshSeconds = 60): ReportMeta {
  return { report: 'now', timeZone: tz, interval: 'now', source: source.label, refreshSeconds, generatedAt: new Date(nowMs).toISOString() };
}
