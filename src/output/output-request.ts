import type { Format } from './formats.js';

/** Where a report goes and how it is written; decided from the flags before any request. */
export interface OutputRequest {
  format: Format;
  /** Undefined: stdout. */
  path?: string | undefined;
  /** --columns as typed; checked against the report's columns before any request (selectColumns). */
  columns?: string[] | undefined;
  hideEmpty?: boolean;
  /** --all: a terminal table shows every row (it hides rows where nothing happened by default). */
  all?: boolean;
  quiet?: boolean;
}
