/**
 * What each command is asked to do, as domain values: the CLI turns validated flags into one of these specs
 * (src/cli/specs.ts) and nothing below the CLI reads a flag. Window, selection, goals, source, output and the
 * session's settings each have one shape from the flags to the rows.
 */
import type { ServiceLevelBy, ServiceLevelFormula, ShortAbandon } from '../metrics/service-level.js';
import type { OutputRequest } from '../output/output-request.js';
import type { WindowRequest } from '../time/window.js';

/** How a run talks to the world: configuration inputs, logging, and whether it needs API credentials. */
export interface SessionSpec {
  region?: string | undefined;
  tz?: string | undefined;
  /** Start the simulated org in-process and report on it. */
  demo: boolean;
  requestTimeoutMs: number;
  log: 'quiet' | 'normal' | 'verbose';
  /** false: the API is used only when credentials happen to be configured (a file report's queue targets). */
  needsApi: boolean;
  /** true: no API at all (a database report). */
  offline?: boolean;
  /** `--db` as given: resolved with GCX_DB and the PG* settings like every setting (src/config/resolve.ts). */
  db?: string | undefined;
  /** The zone when neither --tz nor GCX_TZ names one, instead of the system's (a database report: the stored zone). */
  defaultTz?: string | undefined;
}

/** Where a report's numbers come from. */
export type SourceSpec =
  | { kind: 'api'; via: 'aggregates' | 'details' }
  | { kind: 'file'; path: string }
  | { kind: 'db' };

/** The report window as asked: `--interval total` is fetched on the default grid and reported as one bucket. */
export interface WindowSpec {
  request: WindowRequest;
  total: boolean;
  /** The interval as typed, for page headers (`30m`, `total`). */
  label: string;
}

/** Who an occupancy report covers: --agent ids (or emails), the members of each --group and --queue, --media. */
export interface AgentSelection {
  agents: string[];
  groups: string[];
  queues: string[];
  media: string[];
}

export interface QueueSelection {
  /** Ids or exact names. */
  queues: string[];
  media: string[];
}

/** How service level is measured: one threshold for all, or each queue's own; short abandons; the formula. */
export interface ServiceLevelGoals {
  threshold: number | 'queue';
  /** The SL % goal with a numeric threshold (or for queues without one). */
  target: number | undefined;
  /** Seconds (0 = none), or `org`: Genesys's own tShortAbandon. */
  shortAbandon: ShortAbandon;
  formula: ServiceLevelFormula;
}

export interface OccupancySpec {
  window: WindowSpec;
  selection: AgentSelection;
  source: SourceSpec;
  output: OutputRequest;
  session: SessionSpec;
  /** A person is watching (stderr a terminal, or --verbose): the closing line and the progress bar are for them. */
  announce: boolean;
}

export interface ServiceLevelSpec {
  window: WindowSpec;
  selection: QueueSelection;
  goals: ServiceLevelGoals;
  by: ServiceLevelBy;
  check: boolean;
  /** `--check` leaves rows offered fewer contacts than this unchecked. */
  minOffered: number;
  source: SourceSpec;
  output: OutputRequest;
  session: SessionSpec;
  announce: boolean;
}
