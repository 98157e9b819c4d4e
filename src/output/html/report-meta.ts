import type { ServiceLevelFormula } from '../../metrics/service-level.js';

/**
 * What the HTML page says about how the report was made, besides its rows: the commands build it from their
 * validated options. Everything is display text except what the charts compute with (`formula`).
 */
export interface ReportMeta {
  report: 'occupancy' | 'service-level' | 'staffing' | 'now';
  /** The window as printed in the rows (ISO-8601 with offsets); absent when a file report held no data. */
  window?: { start: string; end: string };
  timeZone: string;
  /** The report's interval as given (`30m`). */
  interval: string;
  /** Where the numbers came from: `aggregates`, `details`, `demo`, or the input file's name. */
  source: string;
  /** service-level: the SL % denominator, used for the window totals; `genesys` when absent. */
  formula?: ServiceLevelFormula;
  /** Further parameters worth a line, in display order: threshold, short abandon, selection, … */
  parameters?: ReadonlyArray<readonly [name: string, value: string]>;
  /** now: seconds between the wallboard's reloads (the --watch interval; a one-off page: 60, a cron minute). */
  refreshSeconds?: number;
  /** When the report was made (ISO-8601), from the caller's clock. */
  generatedAt?: string;
}
