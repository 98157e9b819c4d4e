import type { ServiceLevelFormula, ShortAbandon } from '../metrics/service-level.js';
import type { SessionSpec } from './report-spec.js';

/**
 * What `gcx-metrics sync` is asked to keep: which reports, over which grid and selection, measured how. The settings
 * a database fixes are undefined (lists empty) when not given: a later run takes the stored ones (cli-contract.md,
 * sync), the first run the defaults.
 */
export interface SyncSpec {
  /** `--db` as given; undefined: GCX_DB, else the default file. */
  db: string | undefined;
  report: Array<'occupancy' | 'service-level' | 'now'>;
  /** The interval as typed (`30m`): stored with the history. */
  interval: string | undefined;
  from: string | undefined;
  to: string | undefined;
  restate: string;
  backfill: string;
  agent: string[];
  group: string[];
  queue: string[];
  media: string[];
  threshold: number | 'queue' | undefined;
  shortAbandon: ShortAbandon | undefined;
  formula: ServiceLevelFormula | undefined;
  session: SessionSpec;
}
