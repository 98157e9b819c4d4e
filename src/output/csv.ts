import { stringify } from 'csv-stringify/sync';
import type { Cell, Table } from '../metrics/rows.js';
import { formatCell } from './format-cell.js';

/** Rows per csv-stringify call: big enough to amortise the call, small enough to stream. */
const BATCH = 500;

/**
 * RFC 4180 CSV: header always (also with no rows), `\n` line ends, fields quoted only when they hold a comma, quote
 * or line break (`Doe, "JD" Jane` → `"Doe, ""JD"" Jane"`), numbers unquoted, empty cells for null.
 */
export function* renderCsv<C extends string>(table: Table<C>): Iterable<string> {
  const toText = (records: string[][]) =>
    // csv-stringify quotes `\n` by itself but not a lone `\r`, which RFC 4180 also requires quoted.
    stringify(records, { record_delimiter: '\n', quoted_match: /\r/ });
  yield toText([[...table.columns]]);
  let batch: string[][] = [];
  for (const row of table.rows) {
    batch.push(table.columns.map((column) => formatCell(row[column] as Cell | undefined)));
    if (batch.length === BATCH) {
      yield toText(batch);
      batch = [];
    }
  }
  if (batch.length > 0) yield toText(batch);
}
