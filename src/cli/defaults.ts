/**
 * Every flag default, declared once: the option schemas apply them and --help prints them. No imports beyond
 * other constant modules, so --help stays fast.
 */
import { RETRY_DEFAULTS } from '../api/retry-policy.js';
import { DEFAULT_THRESHOLD_MS } from '../metrics/service-level-goals.js';
import { DEFAULT_INTERVAL, DEFAULT_SINCE } from '../time/defaults.js';

export const REPORT_DEFAULTS = {
  since: DEFAULT_SINCE,
  interval: DEFAULT_INTERVAL,
  requestTimeoutS: RETRY_DEFAULTS.requestTimeoutMs / 1000,
  /** `queue`: each queue's own target per media type, as the Genesys queue views measure (issue 26). */
  threshold: 'queue',
  /** What `--threshold queue` falls back on for a queue/media without a configured duration, and --input without credentials. */
  thresholdS: DEFAULT_THRESHOLD_MS / 1000,
  formula: 'genesys',
  shortAbandonS: 0,
  source: 'aggregates',
} as const;

/** sync: the first run's window, and how much before the high-water mark each later run re-reads (late data). */
export const SYNC_DEFAULTS = { backfill: '24h', restate: '2h' } as const;
/** What sync can keep; `now` appends one snapshot of the queues per run (queue_snapshots). */
export const SYNC_REPORTS = ['occupancy', 'service-level', 'now'] as const;
/** What sync keeps when --report is not given: the interval reports, never the snapshots (they need a cron each minute). */
export const SYNC_DEFAULT_REPORTS = ['occupancy', 'service-level'] as const;

/** `now`: each queue's own goal unless --threshold says otherwise; --watch refreshes no faster than this. */
export const NOW_DEFAULTS = { threshold: 'queue', minWatchS: 5 } as const;

export const SIM_DEFAULTS = { port: 8787, seed: 7, agents: 40, latencyMs: 0 } as const;

export const FORMULAS = ['genesys', 'answered', 'offered', 'answered-flowout'] as const;

/** `--interval total`: one bucket spanning the whole window (resolved on the default grid). */
export const TOTAL_INTERVAL = 'total';
export const SOURCES = ['aggregates', 'details'] as const;

/** `--check` on service-level and staffing: intervals offered fewer contacts than this are reported but not checked (4 calls make a 0–100 % coin toss). */
export const CHECK_DEFAULTS = { minOffered: 10 } as const;
