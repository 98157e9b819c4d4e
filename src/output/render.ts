import type { Table } from './printed-table.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderNdjson } from './ndjson.js';
import type { TableOptions } from './table.js';

import type { Format } from './formats.js';

export { FORMATS, type Format } from './formats.js';

/** The text formats; Parquet (binary) and HTML (charts from the typed rows) have their own writers. */
export type TextFormat = Exclude<Format, 'parquet' | 'html'>;

/**
 * The renderer for a text `--format`: each yields text chunks for writeOutput. The terminal table (string-width's
 * Unicode tables) loads only when asked for: a CSV for a cron job never compiles it.
 */
export async function render<C extends string>(format: TextFormat, table: Table<C>, options: TableOptions = {}): Promise<Iterable<string>> {
  switch (format) {
    case 'table': {
      const { renderTable } = await import('./table.js');
      return renderTable(table, options);
    }
    case 'csv':
      return renderCsv(table);
    case 'json':
      return renderJson(table);
    case 'ndjson':
      return renderNdjson(table);
  }
}
