/**
 * `now --watch` when stdout is not a terminal: each refresh's rows are appended to what was written before, so the
 * output is one growing CSV (header once, at the first refresh) or NDJSON feed (one object per line). Pure: the
 * refresh's index decides the header.
 */
import type { Table } from './printed-table.js';
import { renderCsv } from './csv.js';
import { renderNdjson } from './ndjson.js';

export type AppendFormat = 'csv' | 'ndjson';
export const APPEND_FORMATS: readonly AppendFormat[] = ['csv', 'ndjson'];

/** The text one refresh appends: refresh 0 of a CSV feed starts with the header, later ones never do. */
export function appendChunk<C extends string>(format: AppendFormat, table: Table<C>, refreshIndex: number): string {
  if (format === 'ndjson') return [...renderNdjson(table)].join('');
  const chunks = [...renderCsv(table)];
  // renderCsv yields the header line first, alone.
  return (refreshIndex === 0 ? chunks : chunks.slice(1)).join('');
}
