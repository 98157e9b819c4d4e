import type { Table } from '../metrics/rows.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderNdjson } from './ndjson.js';
import type { ReportMeta } from './html/report-meta.js';
import type { TableOptions } from './table.js';

import type { Format } from './formats.js';

export { FORMATS, type Format } from './formats.js';

/** What a format needs besides the rows: the table its terminal (width, colour, notes), HTML the report's parameters. */
export interface RenderOptions {
  table?: TableOptions;
  meta?: ReportMeta;
}

/** The text formats; Parquet is binary and has its own renderer (output/parquet.ts). */
export type TextFormat = Exclude<Format, 'parquet'>;

/**
 * The renderer for a text `--format`: each yields text chunks for writeOutput. The terminal table (string-width's
 * Unicode tables) and HTML (charts, styles) load only when asked for: a CSV for a cron job never compiles them.
 */
export async function render<C extends string>(format: TextFormat, table: Table<C>, options: RenderOptions = {}): Promise<Iterable<string>> {
  switch (format) {
    case 'table': {
      const { renderTable } = await import('./table.js');
      return renderTable(table, options.table);
    }
    case 'csv':
      return renderCsv(table);
    case 'json':
      return renderJson(table);
    case 'ndjson':
      return renderNdjson(table);
    case 'html': {
      const { renderHtml } = await import('./html/render-html.js');
      return renderHtml(table, options.meta ?? { report: table.columns.includes('agent_id' as C) ? 'occupancy' : 'service-level', timeZone: '', interval: '', source: '' });
    }
  }
}
