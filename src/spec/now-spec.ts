import type { NowAlertOptions } from '../metrics/now.js';
import type { OutputRequest } from '../output/output-request.js';
import type { QueueSelection, ServiceLevelGoals, SessionSpec } from './report-spec.js';

/**
 * How `now --watch` writes each refresh, decided from the output before any request:
 * - `screen`: stdout is a terminal and the format a table: one frame redrawn in place on the alternate screen;
 * - `append`: CSV or NDJSON to stdout, each refresh's rows added to what came before (header once);
 * - `wallboard`: an HTML `--output` file, replaced atomically at each refresh (the page reloads itself).
 */
export type NowWatchMode = 'screen' | 'append' | 'wallboard';

export interface NowWatch {
  everyMs: number;
  mode: NowWatchMode;
}

/** `gcx-metrics now`: which queues, measured how, alerting when, written where, once or every few seconds. */
export interface NowSpec {
  selection: QueueSelection;
  goals: ServiceLevelGoals;
  alerts: NowAlertOptions;
  check: boolean;
  /** Undefined: one report. */
  watch: NowWatch | undefined;
  output: OutputRequest;
  session: SessionSpec;
  announce: boolean;
}
