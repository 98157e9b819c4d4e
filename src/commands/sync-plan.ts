import { REPORT_DEFAULTS } from '../cli/defaults.js';
import { UsageError } from '../errors.js';
import type { ServiceLevelFormula, ShortAbandon } from '../metrics/service-level.js';
import type { SyncSpec } from '../spec/sync-spec.js';
import { storedSettingValues } from '../store/stored-settings.js';
import type { ReportName, SyncSettings, SyncState } from '../store/tables.js';
import { parseInterval, parseSince } from '../time/duration.js';
import { floorToGrid } from '../time/grid.js';
import { IANAZone } from 'luxon';
import type { IntervalSpec } from '../time/types.js';
import { resolveWindow } from '../time/window.js';

const DAY = parseInterval('1d');

export interface SyncRun {
  report: ReportName;
  /** The intervals this run fetches and replaces: [fromMs, toMs) on the stored grid. */
  fromMs: number;
  toMs: number;
  /** What the stored rows cover after this run. */
  coveredFromMs: number;
  coveredToMs: number;
}

export interface PlanInput {
  report: ReportName;
  state: SyncState | undefined;
  interval: IntervalSpec;
  tz: string;
  nowMs: number;
  restate: string;
  backfill: string;
  /** `--from`: where the run starts instead of the backfill window or the mark minus --restate. */
  fromMs?: number | undefined;
}

/**
 * What one run of one report covers. First run: the `--backfill` window as a report's `--since` would give it,
 * widened to the start of its first local day. Later runs: from the high-water mark minus `--restate` (floored to the grid, never before the stored
 * range) to the last complete interval — after downtime that is the whole gap, fetched in chunks like a long
 * report. Undefined when there is nothing complete to fetch yet.
 */
export function planSyncRun(p: PlanInput): SyncRun | undefined {
  const toMs = floorToGrid(p.nowMs, p.interval, p.tz);
  const explicitFrom = p.fromMs === undefined ? undefined : floorToGrid(p.fromMs, p.interval, p.tz);
  if (!p.state) {
    const since = flagDuration(p.backfill, '--backfill');
    // From the start of the backfill's first local day: the first day is then whole, so daily roll-ups of it work.
    const backfillStart = resolveWindow({ since, sinceFlag: '--backfill', interval: p.interval, tz: p.tz, nowMs: p.nowMs }).startMs;
    const fromMs = explicitFrom ?? floorToGrid(backfillStart, DAY, p.tz);
    return toMs > fromMs ? { report: p.report, fromMs, toMs, coveredFromMs: fromMs, coveredToMs: toMs } : undefined;
  }
  const restate = flagDuration(p.restate, '--restate', true);
  const restateMs = restate === '0' ? 0 : parseSince(restate).ms;
  const { coveredFromMs, coveredToMs } = p.state;
  if (explicitFrom !== undefined && explicitFrom > coveredToMs) {
    const iso = new Date(coveredToMs).toISOString();
    throw new UsageError(`--from: the stored history ends at ${iso}; a later --from would leave a gap. Use --from ${iso} or earlier, or leave --from out`);
  }
  const fromMs = explicitFrom ?? Math.max(coveredFromMs, floorToGrid(coveredToMs - restateMs, p.interval, p.tz));
  if (toMs <= fromMs) return undefined;
  // The covered range must stay one span: a run ending before it starts would mark the gap as covered, unfetched.
  if (toMs < coveredFromMs) {
    const iso = new Date(coveredFromMs).toISOString();
    throw new UsageError(
      `--to: the stored history starts at ${iso}; an earlier --to would leave a gap. Use --to ${iso} or later (with your --from), or leave --to out`,
    );
  }
  return { report: p.report, fromMs, toMs, coveredFromMs: Math.min(coveredFromMs, fromMs), coveredToMs: Math.max(coveredToMs, toMs) };
}

/** A `90m`/`24h`/`7d` duration for a sync flag, named as that flag when it is wrong ('0' where zero is allowed). */
export function flagDuration(text: string, flag: string, zeroAllowed = false): string {
  if (zeroAllowed && /^0[mhdw]?$/.test(text.trim())) return '0';
  try {
    parseSince(text);
    return text;
  } catch {
    throw new UsageError(`${flag}: "${text}" is not a duration; use e.g. 90m, 2h, 24h or 7d`);
  }
}

const FLAG_OF: Record<keyof SyncSettings, string> = {
  interval: '--interval',
  tz: '--tz',
  media: '--media',
  selection: 'selection',
  threshold: '--threshold',
  shortAbandon: '--short-abandon',
  formula: '--formula',
};

/** One report's settings for this run, every one decided: given, else stored, else the default. */
export interface ResolvedSync {
  interval: string;
  agent: string[];
  group: string[];
  queue: string[];
  media: string[];
  threshold: number | 'queue';
  shortAbandon: ShortAbandon;
  formula: ServiceLevelFormula;
}

/**
 * A sync run's settings for one report: what the run gives wins (checkSettings then refuses it if it differs from
 * the stored), and what it leaves out is the stored value, so a cron line written for an older default keeps
 * working (cli-contract.md, sync). The interval is the database's (any report's); the rest the report's own.
 * The selection is taken whole: occupancy's from --agent/--group/--queue, service-level's from --queue.
 */
export function resolveSyncSettings(o: SyncSpec, report: ReportName, own: SyncState | undefined, any: SyncState | undefined): ResolvedSync {
  const stored = own ? storedSettingValues(own.settings) : undefined;
  const flags = report === 'occupancy' ? (['agent', 'group', 'queue'] as const) : (['queue'] as const);
  const givenSelection = flags.some((f) => o[f].length > 0);
  const fromStore = (flag: 'agent' | 'group' | 'queue') =>
    (flags as readonly string[]).includes(flag) && !givenSelection && stored ? (stored.selection.get(`--${flag}`) ?? []) : o[flag];
  return {
    interval: o.interval ?? (any ? any.settings.interval : undefined) ?? REPORT_DEFAULTS.interval,
    agent: fromStore('agent'),
    group: fromStore('group'),
    queue: fromStore('queue'),
    media: o.media.length > 0 ? o.media : (stored?.media ?? []),
    threshold: o.threshold ?? stored?.threshold ?? REPORT_DEFAULTS.threshold,
    shortAbandon: o.shortAbandon ?? stored?.shortAbandon ?? REPORT_DEFAULTS.shortAbandonS,
    formula: o.formula ?? stored?.formula ?? REPORT_DEFAULTS.formula,
  };
}

/** The settings a report's stored rows depend on; '' where the report has no such setting. */
export function describeSetting(key: keyof SyncSettings, value: string): string {
  if (key === 'selection') return value === '' ? 'no selection (every agent or queue with activity)' : value;
  if (key === 'media' && value === '') return '--media all';
  return `${FLAG_OF[key]} ${value}`;
}

/**
 * Settings change what stored rows mean, so they are fixed at a database's first sync: a run that asks for others
 * exits 2 naming the stored values (interval, zone, threshold, short-abandon, formula, media and selection, per the
 * contract). A setting the run did not give was taken from the store (resolveSyncSettings), so it always matches.
 */
export function checkSettings(stored: readonly SyncState[], wanted: ReadonlyArray<[ReportName, SyncSettings]>, label: string, nowMs: number): void {
  const differing = new Map<keyof SyncSettings, { was: string; now: string }>();
  for (const [report, settings] of wanted) {
    for (const state of stored) {
      // Interval and zone are fixed for the whole database (both reports roll up on one grid); the rest per report.
      const keys: Array<keyof SyncSettings> = state.report === report ? (Object.keys(FLAG_OF) as Array<keyof SyncSettings>) : ['interval', 'tz'];
      for (const key of keys) {
        const was = storedText(state, key);
        if (was === settings[key] || differing.has(key)) continue;
        if (key === 'tz' && sameGrid(state.settings.interval, state.settings.tz, settings.tz, nowMs)) continue;
        differing.set(key, { was, now: settings[key] });
      }
    }
  }
  if (differing.size === 0) return;
  const order = Object.keys(FLAG_OF) as Array<keyof SyncSettings>;
  const sorted = [...differing].sort(([a], [b]) => order.indexOf(a) - order.indexOf(b));
  const was = sorted.map(([k, v]) => describeSetting(k, v.was)).join(', ');
  const now = sorted.map(([k, v]) => describeSetting(k, v.now)).join(', ');
  throw new UsageError(
    `${label} was first synced with ${was}; this run asks for ${now}. These settings are fixed per database: run with the stored values, or sync into another --db`,
  );
}

/**
 * A stored setting as text. The formula is service-level's alone (an upgrade fills the new column of every report's
 * row); service-level rows stored before the formula was kept were genesys's.
 */
function storedText(state: SyncState, key: keyof SyncSettings): string {
  const text = state.settings[key];
  if (key !== 'formula') return text;
  return state.report !== 'service-level' ? '' : text === '' ? 'genesys' : text;
}

/**
 * Do two zones cut the same grid? Sub-day buckets do when the zones' offsets differ by whole buckets, in winter and
 * in summer (UTC and Europe/London at 30m: yes; UTC and Asia/Kolkata at 1h: no); days only in the same zone.
 */
export function sameGrid(intervalLabel: string, a: string, b: string, nowMs: number): boolean {
  const interval = parseInterval(intervalLabel);
  if (interval.fixedMs === undefined) return a === b;
  const HALF_YEAR = 182 * 86_400_000;
  return [nowMs, nowMs + HALF_YEAR].every((ms) => ((IANAZone.create(a).offset(ms) - IANAZone.create(b).offset(ms)) * 60_000) % interval.fixedMs! === 0);
}
