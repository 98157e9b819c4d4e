import { UsageError } from '../errors.js';
import type { ReportName, SyncSettings, SyncState } from '../store/tables.js';
import { parseInterval, parseSince } from '../time/duration.js';
import { floorToGrid } from '../time/grid.js';
import { IANAZone } from 'luxon';
import type { IntervalSpec } from '../time/types.js';
import { resolveWindow } from '../time/window.js';

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
}

/**
 * What one run of one report covers. First run: the `--backfill` window, exactly as a report's `--since` would
 * give it. Later runs: from the high-water mark minus `--restate` (floored to the grid, never before the stored
 * range) to the last complete interval — after downtime that is the whole gap, fetched in chunks like a long
 * report. Undefined when there is nothing complete to fetch yet.
 */
export function planSyncRun(p: PlanInput): SyncRun | undefined {
  if (!p.state) {
    const since = flagDuration(p.backfill, '--backfill');
    const w = resolveWindow({ since, interval: p.interval, tz: p.tz, nowMs: p.nowMs });
    return { report: p.report, fromMs: w.startMs, toMs: w.endMs, coveredFromMs: w.startMs, coveredToMs: w.endMs };
  }
  const restate = flagDuration(p.restate, '--restate', true);
  const restateMs = restate === '0' ? 0 : parseSince(restate).ms;
  const { coveredFromMs, coveredToMs } = p.state;
  const toMs = floorToGrid(p.nowMs, p.interval, p.tz);
  const fromMs = Math.max(coveredFromMs, floorToGrid(coveredToMs - restateMs, p.interval, p.tz));
  if (toMs <= fromMs) return undefined;
  return { report: p.report, fromMs, toMs, coveredFromMs, coveredToMs: Math.max(coveredToMs, toMs) };
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
};

/** The settings a report's stored rows depend on; '' where the report has no such setting. */
export function describeSetting(key: keyof SyncSettings, value: string): string {
  if (key === 'selection') return value === '' ? 'no selection (every agent or queue with activity)' : value;
  if (key === 'media' && value === '') return '--media all';
  return `${FLAG_OF[key]} ${value}`;
}

/**
 * Settings change what stored rows mean, so they are fixed at a database's first sync: a run that asks for others
 * exits 2 naming the stored values (interval, threshold and short-abandon per the contract; the grid's zone, media
 * and selection too, since mixing them would make the history silently inconsistent).
 */
export function checkSettings(stored: readonly SyncState[], report: ReportName, wanted: SyncSettings, label: string, nowMs: number): void {
  const differing = new Map<keyof SyncSettings, { was: string; now: string }>();
  for (const state of stored) {
    // Interval and zone are fixed for the whole database (both reports roll up on one grid); the rest per report.
    const keys: Array<keyof SyncSettings> = state.report === report ? (Object.keys(FLAG_OF) as Array<keyof SyncSettings>) : ['interval', 'tz'];
    for (const key of keys) {
      if (state.settings[key] === wanted[key] || differing.has(key)) continue;
      if (key === 'tz' && sameGrid(state.settings.interval, state.settings.tz, wanted.tz, nowMs)) continue;
      differing.set(key, { was: state.settings[key], now: wanted[key] });
    }
  }
  if (differing.size === 0) return;
  const was = [...differing].map(([k, v]) => describeSetting(k, v.was)).join(', ');
  const now = [...differing].map(([k, v]) => describeSetting(k, v.now)).join(', ');
  throw new UsageError(
    `${label} was first synced with ${was}; this run asks for ${now}. These settings are fixed per database: run with the stored values, or sync into another --db`,
  );
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
