import { REPORT_DEFAULTS } from '../cli/defaults.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../log.js';
import { redact } from '../redact.js';
import { isoZ } from '../time/format.js';
import { CHUNK_MS } from '../api/limits.js';
import { openStore, thisProcess } from '../store/open-store.js';
import { storedOccupancyRows } from '../store/occupancy-rows.js';
import { storedServiceLevelRows } from '../store/service-level-rows.js';
import type { Store, StoreOptions, TableReplacement } from '../store/store.js';
import { columnIndex, QUEUE_MEMBERS_TABLE, QUEUE_SNAPSHOTS_TABLE, SERVICE_LEVEL_TABLE, TABLE_OF, type ReportName, type StoredRow, type SyncSettings, type SyncState } from '../store/tables.js';
import { dbTarget } from '../store/target.js';
import { parseInterval } from '../time/duration.js';
import { ceilToGrid } from '../time/grid.js';
import { describeWindow } from '../time/report-window.js';
import { splitWindow } from '../time/chunk.js';
import type { IntervalSpec, Window } from '../time/types.js';
import { parseWindowBound } from '../time/window.js';
import type { Session } from '../session.js';
import { apiSource } from '../sources/api-source.js';
import type { ApiClient } from '../api/http.js';
import { nowSource, type NowPrepared } from '../sources/now-source.js';
import { storedSnapshotRows } from '../store/snapshot-rows.js';
import { snapshotRows as snapshotRowsOf } from './now.js';
import { resolveSelection } from '../sources/api/select-agents.js';
import { directoryUpserts, fetchDirectorySnapshot } from '../sources/directory-snapshot.js';
import type { Measure } from '../sources/measure.js';
import type { SyncSpec } from '../spec/sync-spec.js';
import { checkSettings, planSyncRun, resolveSyncSettings, type ResolvedSync, type SyncRun } from './sync-plan.js';

/**
 * `gcx-metrics sync`: lock the database (a second sync exits 6 at once), check the fixed settings, plan each
 * report's run from its high-water mark, then in ONE write transaction replace the covered intervals with rows
 * fetched slice by slice from the API and advance the marks. Any failure before the commit — API, signal,
 * kill -9 — rolls it all back; the lock goes with the process. (Readers are not blocked meanwhile: SQLite runs in
 * WAL mode and PostgreSQL readers never wait for a writer.)
 */
export async function runSync(given: SyncSpec, session: Session, deps: Deps): Promise<void> {
  // GCX_DB and PG* were resolved with every other setting (flags > environment > .env) when the session opened.
  const { db } = session.config;
  const target = dbTarget(db.target, deps.cwd);
  const run = session;
  let store: Store | undefined;
  let failed = false;
  try {
    if (!session.client) throw new Error('internal: sync needs the API');
    const client = session.client;
    const source = apiSource(client, session, deps);
    // Names and emails become ids once, before the lock: the stored settings and every fetch below use the ids.
    const ids = await resolveSelection(client, { agents: given.agent, groups: given.group, queues: given.queue, media: given.media });
    const o: SyncSpec = { ...given, agent: ids.agents, group: ids.groups, queue: ids.queues };
    // The snapshot's queues and goals are read before the lock too (an unknown queue is exit 2, the database untouched).
    const snapshot = o.report.includes('now') ? await snapshotSource(client, session, o) : undefined;
    const holder = thisProcess(deps.clock.now());
    store = await openStore(target, 'sync', db.pg, holder, storeOptions(deps));
    await store.acquireLock(holder);
    const states = await store.readStates();
    const nowMs = deps.clock.now();
    // A run that names no zone (no --tz, GCX_TZ or .env) keeps the database's, as it keeps every other setting.
    const runTz = run.config.tzIsDefault && states[0] ? states[0].settings.tz : run.config.tz;
    // `now` snapshots have no grid and no high-water mark: only the interval reports have stored settings.
    const intervalReports = o.report.filter((r): r is ReportName => r !== 'now');
    const resolved = new Map(intervalReports.map((report) => [report, resolveSyncSettings(o, report, states.find((s) => s.report === report), states[0])]));
    const wanted = intervalReports.map((report) => {
      const r = resolved.get(report)!;
      return [report, settingsOf(report, r, parseInterval(r.interval), runTz)] as [ReportName, SyncSettings];
    });
    checkSettings(states, wanted, store.label, nowMs);
    // The grid stays the one the database was started with (checkSettings let only an equivalent zone through).
    const tz = states[0]?.settings.tz ?? runTz;
    const plans: Array<{ run: SyncRun; settings: SyncSettings; spec: ResolvedSync }> = [];
    for (const [report, settings] of wanted) {
      const state = states.find((s) => s.report === report);
      const spec = resolved.get(report)!;
      const interval = parseInterval(spec.interval);
      const end = o.to === undefined ? nowMs : Math.min(nowMs, ceilToGrid(parseWindowBound(o.to, '--to', tz, 'end'), interval, tz));
      const from = o.from === undefined ? undefined : parseWindowBound(o.from, '--from', tz, 'start');
      const planned = planSyncRun({ report, state, interval, tz, nowMs: end, restate: o.restate, backfill: o.backfill, fromMs: from });
      if (planned) plans.push({ run: planned, settings: { ...settings, tz }, spec });
    }
    if (plans.length === 0 && !snapshot) {
      run.logger.info(`sync: ${store.label} is up to date (no complete interval since the last run)`);
      return;
    }
    const written = new Map<ReportName, number>();
    // The queues whose members staffing --db needs: --queue, and every queue with service-level rows in this run.
    const queues = new Set<string>(resolved.get('service-level')?.queue ?? o.queue);
    const replacements: TableReplacement[] = plans.map((p) => {
      const rows = fetchSlices(p.run, tz, parseInterval(p.spec.interval), sliceFetcher(p.run.report, p.spec, source), (n) =>
        written.set(p.run.report, (written.get(p.run.report) ?? 0) + n),
      );
      return { table: TABLE_OF[p.run.report], fromMs: p.run.fromMs, toMs: p.run.toMs, rows: p.run.report === 'service-level' ? queuesOf(rows, queues) : rows };
    });
    const serviceLevel = plans.find((p) => p.run.report === 'service-level');
    if (serviceLevel) {
      const asOf = serviceLevel.run.coveredToMs;
      // After the service-level rows in the same transaction: `values` is read once they have all been written.
      replacements.push({
        table: QUEUE_MEMBERS_TABLE,
        fromMs: serviceLevel.run.fromMs,
        toMs: serviceLevel.run.toMs,
        keyed: { column: 'queue_id', values: () => [...queues].sort() },
        rows: memberRows(source, () => [...queues], asOf),
      });
    }
    // One snapshot of the queues now, observed under the lock and written in the same transaction: a failed or killed
    // run leaves none of its rows. Its second is replaced if a run already wrote one then.
    let snapshotRows = 0;
    if (snapshot) {
      // Whole seconds, as observed_at prints: both databases then hold the same instant.
      const atMs = Math.floor(deps.clock.now() / 1000) * 1000;
      const fromMs = atMs;
      replacements.push({
        table: QUEUE_SNAPSHOTS_TABLE,
        fromMs,
        toMs: fromMs + 1000,
        rows: (async function* () {
          const rows = storedSnapshotRows(snapshotRowsOf(snapshot, await snapshot.refresh(atMs), 'genesys'));
          snapshotRows = rows.length;
          yield* rows;
        })(),
      });
    }
    const newStates: SyncState[] = plans.map((p) => ({
      report: p.run.report,
      coveredFromMs: p.run.coveredFromMs,
      coveredToMs: p.run.coveredToMs,
      settings: p.settings,
    }));
    // Dims: queue and agent names and goals as the directory has them now, for the BI views; stamped with the run's
    // high-water mark, so the same sync run twice leaves the database identical.
    // A snapshot-only run (`--report now`) moves no high-water mark and refreshes no dimension.
    const upserts =
      newStates.length === 0 ? [] : directoryUpserts(await fetchDirectorySnapshot(client, intervalReports, run.skipped), Math.max(...newStates.map((s) => s.coveredToMs)));
    await store.commit(replacements, newStates, upserts);
    for (const p of plans) run.logger.info(`sync: ${p.run.report} ${isoZ(p.run.fromMs)} to ${isoZ(p.run.toMs)}: ${written.get(p.run.report) ?? 0} rows`);
    if (snapshot) run.logger.info(`sync: now: a snapshot of ${snapshotRows} rows appended to queue_snapshots`);
    if (newStates.length > 0) run.logger.info(`sync: ${store.label} now holds ${newStates.map((s) => `${s.report} up to ${isoZ(s.coveredToMs)}`).join(', ')}`);
  } catch (error) {
    failed = true;
    throw error;
  } finally {
    run.progress.done();
    await closeStore(store, failed, run.logger);
  }
}

/**
 * Closes the store (releasing the lock). After a failure the first error wins: a close that fails too (the server
 * that ended the write's session cannot take the unlock either) is one --verbose line, never the error shown.
 */
async function closeStore(store: Store | undefined, failed: boolean, logger: Logger): Promise<void> {
  try {
    await store?.close();
  } catch (error) {
    if (!failed) throw error;
    logger.debug(redact(`sync: closing ${store?.label ?? 'the database'} after the failure below failed too: ${(error as Error).message ?? String(error)}`));
  }
}

/**
 * The run's rows, one ≤ 7-day slice at a time (the chunks a report of the whole window would send), pulled by
 * the store inside its write transaction: a catch-up after a long gap holds one slice's sums in memory, not the
 * gap, and a slice's rows are built one at a time as the store writes them (a week of 1,000 agents is ~300k rows).
 */
async function* fetchSlices(p: SyncRun, tz: string, interval: IntervalSpec, fetchSlice: SliceFetcher, count: (rows: number) => void): AsyncGenerator<StoredRow> {
  for (const slice of splitWindow({ startMs: p.fromMs, endMs: p.toMs, interval, tz }, CHUNK_MS)) {
    let n = 0;
    for (const row of await fetchSlice(slice)) {
      n++;
      yield row;
    }
    count(n);
  }
}

type SliceFetcher = (slice: Window) => Promise<Iterable<StoredRow>>;

const SL_QUEUE = columnIndex(SERVICE_LEVEL_TABLE, 'queue_id');

/** The rows as they pass, noting each queue id in `queues`. */
async function* queuesOf(rows: AsyncIterable<StoredRow>, queues: Set<string>): AsyncGenerator<StoredRow> {
  for await (const row of rows) {
    queues.add(String(row[SL_QUEUE]));
    yield row;
  }
}

/**
 * queue_members rows (queue_id, agent_id, joined, last_seen) from the queue members listing, which keeps joined
 * members only. `queueIds` is read when the rows are pulled, i.e. after the service-level rows named their queues.
 */
async function* memberRows(source: ReturnType<typeof apiSource>, queueIds: () => string[], asOfMs: number): AsyncGenerator<StoredRow> {
  const members = await source.queueMembers(queueIds());
  for (const id of [...members.keys()].sort()) for (const agent of [...new Set(members.get(id))].sort()) yield [id, agent, true, asOfMs];
}

/** A report's rows over one slice, fetched exactly as the report command fetches them, as the store keeps them. */
function sliceFetcher(report: ReportName, o: ResolvedSync, source: ReturnType<typeof apiSource>): SliceFetcher {
  if (report === 'occupancy') {
    return async (slice) => {
      const resolved = describeWindow(slice);
      const { acc, agentIds, agentNames } = await source.occupancy({ window: { resolved }, selection: { agents: o.agent, groups: o.group, queues: o.queue, media: o.media } });
      return storedOccupancyRows(acc, resolved.grid, agentIds, agentNames);
    };
  }
  // The goals are read once per run. Stored rows are per queue and media; a numeric threshold has no target
  // (reports add --target when they read).
  const query = { selection: { queues: o.queue, media: o.media }, goals: { threshold: o.threshold, target: undefined, shortAbandon: o.shortAbandon }, by: 'queue,media' as const };
  let measure: Promise<Measure> | undefined;
  return async (slice) => {
    measure ??= source.measure(query);
    const resolved = describeWindow(slice);
    const { acc, queueNames, goalOf } = await source.serviceLevelMeasured({ ...query, window: { resolved } }, await measure);
    return storedServiceLevelRows(acc, { formula: o.formula, goalOf, queueNames, startMs: slice.startMs, endMs: slice.endMs, bucketEndMs: resolved.bucketEndMs });
  };
}

/**
 * The `now` source of a sync: its selection and threshold are sync's (--queue, --media, --threshold,
 * --short-abandon); a numeric threshold has no target, as in the stored service_level rows.
 */
function snapshotSource(client: ApiClient, session: Session, o: SyncSpec): Promise<NowPrepared> {
  return nowSource(client, session).prepare({
    selection: { queues: o.queue, media: o.media },
    goals: { threshold: o.threshold ?? REPORT_DEFAULTS.threshold, target: undefined, shortAbandon: o.shortAbandon ?? REPORT_DEFAULTS.shortAbandonS },
  });
}

/** What fixes the meaning of a report's stored rows, as text the user would type. */
function settingsOf(report: ReportName, o: ResolvedSync, interval: IntervalSpec, tz: string): SyncSettings {
  const list = (flag: string, ids: readonly string[]) => (ids.length > 0 ? [`${flag} ${[...ids].sort().join(',')}`] : []);
  const selection = report === 'occupancy' ? [...list('--agent', o.agent), ...list('--group', o.group), ...list('--queue', o.queue)] : list('--queue', o.queue);
  return {
    interval: interval.label,
    tz,
    media: [...o.media].sort().join(','),
    selection: selection.join(' '),
    threshold: report === 'service-level' ? String(o.threshold) : '',
    shortAbandon: report === 'service-level' ? String(o.shortAbandon) : '',
    formula: report === 'service-level' ? o.formula : '',
  };
}

/**
 * GCX_TEST_HANG_AFTER_FIRST_WRITE (tests only): stop inside the write transaction, after its first rows, and wait
 * to be killed — the kill -9 test needs a sync that is certainly mid-write.
 */
function storeOptions(deps: Deps): StoreOptions {
  if (deps.env.GCX_TEST_HANG_AFTER_FIRST_WRITE !== '1') return {};
  return {
    afterFirstWrite: () =>
      new Promise<void>(() => {
        deps.stderr.write('gcx-metrics: test hook: holding the write transaction open until killed\n');
        setInterval(() => {}, 60_000);
      }),
  };
}

