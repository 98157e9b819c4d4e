import type { Deps } from '../deps.js';
import type { ApiClient } from '../api/http.js';
import { openStore, thisProcess } from '../store/open-store.js';
import { storedOccupancyRows } from '../store/occupancy-rows.js';
import { storedServiceLevelRows } from '../store/service-level-rows.js';
import type { Store, StoreOptions, TableReplacement } from '../store/store.js';
import { TABLE_OF, type ReportName, type StoredRow, type SyncSettings, type SyncState } from '../store/tables.js';
import { resolveDbTarget } from '../store/target.js';
import { parseInterval } from '../time/duration.js';
import { ceilToGrid } from '../time/grid.js';
import { describeWindow } from '../time/report-window.js';
import type { IntervalSpec } from '../time/types.js';
import { parseInstant } from '../time/window.js';
import { fetchOccupancy } from './occupancy.js';
import type { SyncOptions } from './options.js';
import { openRunContext, type RunContext } from './run-context.js';
import { resolveSelection } from './select-agents.js';
import { fetchServiceLevel, measureOf } from './service-level.js';
import { checkSettings, planSyncRun, type SyncRun } from './sync-plan.js';

/**
 * `gcx-metrics sync`: lock the database (a second sync exits 6 at once), check the fixed settings, plan each
 * report's run from its high-water mark, fetch everything from the API, then replace the covered intervals and
 * advance the marks in one transaction. Any failure before the commit — API, signal, kill -9 — leaves the database
 * as it was; the lock goes with the process.
 */
export async function runSync(given: SyncOptions, deps: Deps): Promise<void> {
  const target = resolveDbTarget(given.db, deps.env, deps.cwd);
  // The API side first: bad credentials or flags should fail before the database is touched.
  const run = await openRunContext({ ...given, db: undefined }, deps);
  let store: Store | undefined;
  try {
    if (run.source.kind !== 'api') throw new Error('internal: sync needs the API');
    const client = run.source.client;
    // Names and emails become ids once, before the lock: the stored settings and every fetch below use the ids.
    const ids = await resolveSelection(client, { agents: given.agent, groups: given.group, queues: given.queue, media: given.media });
    const o: SyncOptions = { ...given, agent: ids.agents, group: ids.groups, queue: ids.queues };
    const holder = thisProcess(deps.clock.now());
    store = await openStore(target, 'sync', deps.env, holder, storeOptions(deps));
    await store.acquireLock(holder);
    const states = await store.readStates();
    const nowMs = deps.clock.now();
    const interval = parseInterval(o.interval);
    const wanted = o.report.map((report) => [report, settingsOf(report, o, interval, run.config.tz)] as [ReportName, SyncSettings]);
    checkSettings(states, wanted, store.label, nowMs);
    // The grid stays the one the database was started with (checkSettings let only an equivalent zone through).
    const tz = states[0]?.settings.tz ?? run.config.tz;
    const plans: Array<{ run: SyncRun; settings: SyncSettings }> = [];
    for (const [report, settings] of wanted) {
      const state = states.find((s) => s.report === report);
      const end = o.to === undefined ? nowMs : Math.min(nowMs, ceilToGrid(parseInstant(o.to, '--to', tz, 'end'), interval, tz));
      const from = o.from === undefined ? undefined : parseInstant(o.from, '--from', tz, 'start');
      const planned = planSyncRun({ report, state, interval, tz, nowMs: end, restate: o.restate, backfill: o.backfill, fromMs: from });
      if (planned) plans.push({ run: planned, settings: { ...settings, tz } });
    }
    if (plans.length === 0) {
      run.logger.info(`sync: ${store.label} is up to date (no complete interval since the last run)`);
      return;
    }
    const replacements: TableReplacement[] = [];
    const newStates: SyncState[] = [];
    for (const p of plans) {
      const rows = await fetchRows(p.run, tz, interval, o, run, client, deps);
      replacements.push({ table: TABLE_OF[p.run.report], fromMs: p.run.fromMs, toMs: p.run.toMs, rows });
      newStates.push({ report: p.run.report, coveredFromMs: p.run.coveredFromMs, coveredToMs: p.run.coveredToMs, settings: p.settings });
      run.logger.info(`sync: ${p.run.report} ${isoZ(p.run.fromMs)} to ${isoZ(p.run.toMs)}: ${rows.length} rows`);
    }
    await store.commit(replacements, newStates);
    run.logger.info(`sync: ${store.label} now holds ${newStates.map((s) => `${s.report} up to ${isoZ(s.coveredToMs)}`).join(', ')}`);
  } finally {
    run.progress.done();
    await store?.close();
    await run.close();
  }
}

/** The report's rows over the run's window, fetched exactly as the report command fetches them. */
async function fetchRows(p: SyncRun, tz: string, interval: IntervalSpec, o: SyncOptions, run: RunContext, client: ApiClient, deps: Deps): Promise<StoredRow[]> {
  const rw = describeWindow({ startMs: p.fromMs, endMs: p.toMs, interval, tz });
  if (p.report === 'occupancy') {
    const { acc, agentIds, agentNames } = await fetchOccupancy(run, client, rw, { agents: o.agent, groups: o.group, queues: o.queue, media: o.media });
    return [...storedOccupancyRows(acc, rw.grid, agentIds, agentNames)];
  }
  // Stored rows are per queue and media; a numeric threshold has no target (reports add --target when they read).
  const measure = await measureOf({ ...o, target: undefined, by: 'queue,media' }, run, client);
  const { acc, queueNames } = await fetchServiceLevel(run, client, 'aggregates', rw, measure, deps);
  return storedServiceLevelRows(acc, { goalOf: measure.goalOf, queueNames, startMs: p.fromMs, endMs: p.toMs, bucketEndMs: rw.bucketEndMs });
}

/** What fixes the meaning of a report's stored rows, as text the user would type. */
function settingsOf(report: ReportName, o: SyncOptions, interval: IntervalSpec, tz: string): SyncSettings {
  const list = (flag: string, ids: readonly string[]) => (ids.length > 0 ? [`${flag} ${[...ids].sort().join(',')}`] : []);
  const selection = report === 'occupancy' ? [...list('--agent', o.agent), ...list('--group', o.group), ...list('--queue', o.queue)] : list('--queue', o.queue);
  return {
    interval: interval.label,
    tz,
    media: [...o.media].sort().join(','),
    selection: selection.join(' '),
    threshold: report === 'service-level' ? String(o.threshold) : '',
    shortAbandon: report === 'service-level' ? String(o.shortAbandon) : '',
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

const isoZ = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;
