import type { SessionSpec } from './report-spec.js';

/** What `gcx-metrics sync` is asked to keep: which reports, over which grid and selection, measured how. */
export interface SyncSpec {
  /** `--db` as given; undefined: GCX_DB, else the default file. */
  db: string | undefined;
  report: Array<'occupancy' | 'service-level' | 'now'>;
  /** The interval as typed (`30m`): stored with the history. */
  interval: string;
  from: string | undefined;
  to: string | undefined;
  restate: string;
  backfill: string;
  agent: string[];
  group: string[];
  queue: string[];
  media: string[];
  threshold: number | 'queue';
  shortAbandon: number;
  session: SessionSpec;
}
