import type { Format } from '../output/formats.js';
import { parseInterval } from '../time/duration.js';
import type { WindowRequest } from '../time/report-window.js';
import type { CommonOptions } from './options.js';

/** Where the report goes: a format (undefined = decided by where it is written) and a file or stdout. */
export interface OutputRequest {
  format?: Format | undefined;
  path?: string | undefined;
}

/** Options → the domain values every report starts from; done once, at the top of each command. */
export function windowRequest(o: CommonOptions): WindowRequest {
  return { since: o.since, from: o.from, to: o.to, interval: parseInterval(o.interval) };
}

export function outputRequest(o: CommonOptions): OutputRequest {
  return { format: o.format, path: o.output };
}

/** A set for filtering records, or undefined when nothing is selected (everything passes). */
export const setOrAll = (values: readonly string[]): Set<string> | undefined => (values.length > 0 ? new Set(values) : undefined);
