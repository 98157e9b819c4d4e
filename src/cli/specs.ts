import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { FORMAT_BY_EXTENSION, FORMATS, isFormat } from '../output/formats.js';
import type { OutputRequest } from '../output/output-request.js';
import type { ListSpec } from '../spec/list-spec.js';
import type { OccupancySpec, ServiceLevelSpec, SessionSpec, SourceSpec, WindowSpec } from '../spec/report-spec.js';
import type { SimSpec } from '../spec/sim-spec.js';
import type { StaffingSpec } from '../spec/staffing-spec.js';
import { staffingNeedsTarget, type StaffingOptions } from './staffing-options.js';
import type { SyncSpec } from '../spec/sync-spec.js';
import type { NowSpec, NowWatch } from '../spec/now-spec.js';
import type { NowOptions } from './now-options.js';
import { parseInterval } from '../time/duration.js';
import { DEFAULT_INTERVAL } from '../time/defaults.js';
import { REPORT_DEFAULTS, TOTAL_INTERVAL } from './defaults.js';
import { checkNeedsTarget, type CommonOptions, type ListOptions, type OccupancyOptions, type ServiceLevelOptions, type SimCommandOptions, type SyncOptions } from './options.js';
import type { ServiceLevelFormula, ShortAbandon } from '../metrics/service-level.js';

/**
 * Validated flags → the typed spec of each command. This is where flags stop: everything below takes the spec's
 * domain values (window, selection, goals, source, output, session).
 */

/**
 * What a `--db` report takes from its database when the flag is not given (cli-contract.md, sync: "A --db report
 * that gives no --threshold, --short-abandon or --formula uses the ones the database was synced with"; issue 31: the
 * stored zone and interval too). Empty for other reports.
 */
export interface StoredDefaults {
  interval?: string;
  tz?: string;
  threshold?: number | 'queue';
  shortAbandon?: ShortAbandon;
  formula?: ServiceLevelFormula;
}

const isTotal = (interval: string) => interval.trim().toLowerCase() === TOTAL_INTERVAL;

/** With `--interval total` the window is resolved (and fetched) on the default grid, then reported as one bucket. */
export function windowSpec(o: CommonOptions, stored: StoredDefaults = {}): WindowSpec {
  const label = o.interval ?? stored.interval ?? REPORT_DEFAULTS.interval;
  const total = isTotal(label);
  return { request: { since: o.since, from: o.from, to: o.to, interval: parseInterval(total ? DEFAULT_INTERVAL : label) }, total, label };
}

function sessionSpec(
  o: Pick<CommonOptions, 'region' | 'tz' | 'demo' | 'requestTimeout' | 'quiet' | 'verbose'>,
  use: { needsApi: boolean; offline?: boolean; db?: string | undefined },
  stored: StoredDefaults = {},
): SessionSpec {
  return {
    region: o.region,
    tz: o.tz,
    defaultTz: stored.tz,
    demo: o.demo,
    requestTimeoutMs: o.requestTimeout * 1000,
    log: o.quiet ? 'quiet' : o.verbose ? 'verbose' : 'normal',
    ...use,
  };
}

/**
 * --format wins; else an --output file's extension chooses (x.json → json); else a table on a terminal and CSV for
 * pipes and files (cron). `--output -` is stdout, never a file named "-".
 */
export function outputSpec(o: Pick<CommonOptions, 'format' | 'output' | 'columns' | 'hideEmpty' | 'quiet'> & { all?: boolean }, stdoutIsTTY: boolean): OutputRequest {
  const path = o.output === '-' ? undefined : o.output;
  const shape = { columns: o.columns, hideEmpty: o.hideEmpty, all: o.all === true, quiet: o.quiet };
  if (o.format !== undefined) return { format: o.format, path, ...shape };
  if (path === undefined) return { format: stdoutIsTTY ? 'table' : 'csv', ...shape };
  const extension = /\.[^./\\]+$/.exec(path)?.[0].toLowerCase();
  const named = extension !== undefined ? FORMAT_BY_EXTENSION[extension] : undefined;
  // No extension (`report`, `/dev/stdout`) or `.txt`: CSV, the text format. Any other extension is a format asked
  // for by name (`x.xlsx`); writing CSV under it would be a silent surprise.
  if (extension === undefined || extension === '.txt') return { format: 'csv', path, ...shape };
  if (named === undefined) {
    const known = Object.keys(FORMAT_BY_EXTENSION).filter((e) => isFormat(FORMAT_BY_EXTENSION[e]!));
    throw new UsageError(
      `--output: "${path}" has an extension this version does not write (${extension}); add --format ${FORMATS.filter((f) => f !== 'table').join('|')}, or name the file ${known.join(', ')} or .txt (CSV)`,
    );
  }
  if (!isFormat(named)) {
    throw new UsageError(
      `--output: "${path}" asks for ${named} by its extension, which this version cannot write; use --format ${FORMATS.filter((f) => f !== 'table').join('|')} or another extension`,
    );
  }
  return { format: named, path, ...shape };
}

/** A person is watching: the closing line and the progress bar are for them, never for cron's mail. */
const announce = (o: Pick<CommonOptions, 'quiet' | 'verbose'>, deps: Pick<Deps, 'stderr'>): boolean => !o.quiet && (o.verbose || deps.stderr.isTTY === true);

function sourceSpec(o: { input?: string | undefined; db?: string | undefined }, via: 'aggregates' | 'details'): SourceSpec {
  if (o.input !== undefined) return { kind: 'file', path: o.input };
  if (o.db !== undefined) return { kind: 'db' };
  return { kind: 'api', via };
}

const use = (source: SourceSpec, db: string | undefined) => ({ needsApi: source.kind === 'api', offline: source.kind === 'db', db });

export function occupancySpec(o: OccupancyOptions, deps: Pick<Deps, 'stdout' | 'stderr'>, stored: StoredDefaults = {}): OccupancySpec {
  const source = sourceSpec(o, 'aggregates');
  return {
    window: windowSpec(o, stored),
    selection: { agents: o.agent, groups: o.group, queues: o.queue, media: o.media },
    source,
    output: outputSpec(o, deps.stdout.isTTY === true),
    session: sessionSpec(o, use(source, o.db), stored),
    announce: announce(o, deps),
  };
}

export function serviceLevelSpec(o: ServiceLevelOptions, deps: Pick<Deps, 'stdout' | 'stderr'>, stored: StoredDefaults = {}): ServiceLevelSpec {
  const source = sourceSpec(o, o.source);
  const threshold = o.threshold ?? stored.threshold ?? REPORT_DEFAULTS.threshold;
  if (o.check && typeof threshold === 'number' && o.target === undefined) throw checkNeedsTarget();
  return {
    window: windowSpec(o, stored),
    selection: { queues: o.queue, media: o.media },
    goals: {
      threshold,
      target: o.target,
      shortAbandon: o.shortAbandon ?? stored.shortAbandon ?? REPORT_DEFAULTS.shortAbandonS,
      formula: o.formula ?? stored.formula ?? REPORT_DEFAULTS.formula,
    },
    by: o.by,
    check: o.check,
    minOffered: o.minOffered,
    source,
    output: outputSpec(o, deps.stdout.isTTY === true),
    session: sessionSpec(o, use(source, o.db), stored),
    announce: announce(o, deps),
  };
}

export function staffingSpec(o: StaffingOptions, deps: Pick<Deps, 'stdout' | 'stderr'>, stored: StoredDefaults = {}): StaffingSpec {
  const source = sourceSpec(o, 'aggregates');
  const threshold = o.threshold ?? stored.threshold ?? REPORT_DEFAULTS.threshold;
  if (o.check && typeof threshold === 'number' && o.target === undefined) throw staffingNeedsTarget();
  return {
    window: windowSpec(o, stored),
    selection: { queues: o.queue, media: o.media },
    goals: {
      threshold,
      target: o.target,
      shortAbandon: o.shortAbandon ?? stored.shortAbandon ?? REPORT_DEFAULTS.shortAbandonS,
      formula: o.formula ?? stored.formula ?? REPORT_DEFAULTS.formula,
    },
    shrinkagePct: o.shrinkage,
    maxOccupancyPct: o.maxOccupancy,
    check: o.check,
    minOffered: o.minOffered,
    source,
    output: outputSpec(o, deps.stdout.isTTY === true),
    session: sessionSpec(o, use(source, o.db), stored),
    announce: announce(o, deps),
  };
}

/**
 * The pause between `--watch` refreshes. GCX_BENCH_WATCH_MS (bench/sections/now-watch.mjs only; undocumented for
 * users) replaces it, so a bench can run 1,000 refreshes in a minute instead of 83; the flag's 5 s minimum holds
 * for everyone else.
 */
function watchEveryMs(watchS: number, env: Record<string, string | undefined> | undefined): number {
  const bench = env?.GCX_BENCH_WATCH_MS;
  return bench !== undefined && /^\d+$/.test(bench) ? Number(bench) : Math.round(watchS * 1000);
}

export function nowSpec(o: NowOptions, deps: Pick<Deps, 'stdout' | 'stderr'> & Partial<Pick<Deps, 'env'>>): NowSpec {
  const isTTY = deps.stdout.isTTY === true;
  const output = outputSpec(o, isTTY);
  return {
    selection: { queues: o.queue, media: o.media },
    goals: { threshold: o.threshold, target: o.target, shortAbandon: o.shortAbandon, formula: o.formula },
    alerts: { maxWaiting: o.maxWaiting, maxWaitS: o.maxWait },
    check: o.check,
    watch: o.watch === undefined ? undefined : { everyMs: watchEveryMs(o.watch, deps.env), mode: nowWatchMode(output, isTTY) },
    output,
    session: sessionSpec(o, { needsApi: true }),
    announce: announce(o, deps),
  };
}

/**
 * Where each `--watch` refresh goes (see NowWatchMode). A format that cannot grow by appending (a JSON array, a
 * table that is not on a terminal, Parquet) and a file that is not an HTML page are refused: for a feed in a file,
 * append stdout with the shell (`>> queues.ndjson`).
 */
export function nowWatchMode(output: OutputRequest, stdoutIsTTY: boolean): NowWatch['mode'] {
  if (output.path !== undefined) {
    if (output.format === 'html') return 'wallboard';
    throw new UsageError(
      `--watch with --output ${output.path}: only an HTML page (--output wall.html) is rewritten at each refresh; for a CSV or NDJSON feed, append stdout: --format ${output.format === 'ndjson' ? 'ndjson' : 'csv'} >> ${output.path}`,
    );
  }
  if (output.format === 'table' && stdoutIsTTY) return 'screen';
  if (output.format === 'csv' || output.format === 'ndjson') return 'append';
  throw new UsageError(
    `--watch with --format ${output.format} to stdout: refreshes can only be appended as csv or ndjson${stdoutIsTTY ? '' : ' (stdout is not a terminal, so no live table)'}; use --format csv|ndjson, or --output wall.html for a wallboard page`,
  );
}

export function syncSpec(o: SyncOptions): SyncSpec {
  return {
    db: o.db,
    report: o.report,
    interval: o.interval,
    from: o.from,
    to: o.to,
    restate: o.restate,
    backfill: o.backfill,
    agent: o.agent,
    group: o.group,
    queue: o.queue,
    media: o.media,
    threshold: o.threshold,
    shortAbandon: o.shortAbandon,
    formula: o.formula,
    session: sessionSpec(o, { needsApi: true, db: o.db }),
  };
}

export function listSpec(o: ListOptions, deps: Pick<Deps, 'stdout'>): ListSpec {
  return { what: o.what, queue: o.queue, group: o.group, output: outputSpec(o, deps.stdout.isTTY === true), session: sessionSpec(o, { needsApi: true }) };
}

export const simSpec = (o: SimCommandOptions): SimSpec => ({ ...o });
