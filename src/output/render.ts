import type { Table } from '../metrics/rows.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderNdjson } from './ndjson.js';
import { renderHtml } from './html/render-html.js';
import type { ReportMeta } from './html/report-meta.js';
import { renderTable, type TableOptions } from './table.js';

import type { Format } from './formats.js';

export { FORMATS, type Format } from './formats.js';

/** What a format needs besides the rows: the table its terminal (width, colour, notes), HTML the report's parameters. */
export interface RenderOptions {
  table?: TableOptions;
  meta?: ReportMeta;
}

/** The text formats; Parquet is binary and has its own renderer (output/parquet.ts). */
export type TextFormat = Exclude<Format, 'parquet'>;

/** The renderer for a text `--format`: each yields text chunks for writeOutput. */
export function render<C extends string>(format: TextFormat, table: Table<C>, options: RenderOptions = {}): Iterable<string> {
  switch (format) {
    case 'table':
      return renderTable(table, options.table);
    case 'csv':
      return renderCsv(table);
    case 'json':
      return renderJson(table);
    case 'ndjson':
      return renderNdjson(table);
    case 'html':
      return renderHtml(table, options.meta ?? { report: table.columns.includes('agent_id' as C) ? 'occupancy' : 'service-level', timeZone: '', interval: '', source: '' });
  }
}
