import type { Cell } from '../printed-table.js';
import { formatCell } from '../format-cell.js';
import { escapeHtml } from './escape-html.js';
import { displayTime } from './display-time.js';

/** Rows the page's table holds at most: beyond this a browser crawls, and the CSV is the tool anyway. */
export const MAX_TABLE_ROWS = 10_000;

const cellHtml = (cell: Cell | boolean | undefined) => {
  if (typeof cell === 'number') return `<td class="n">${escapeHtml(formatCell(cell))}</td>`;
  if (typeof cell === 'boolean') return `<td>${cell}</td>`;
  // Times as people write them (`2026-11-20 15:00`), not raw ISO-8601; the CSV keeps the offset.
  return `<td>${escapeHtml(displayTime(formatCell(cell ?? null)))}</td>`;
};

/** One `<tr>` with the row's cells as CSV prints them (seconds stay seconds). */
export function rowHtml(columns: readonly string[], row: Record<string, Cell>): string {
  return `<tr>${columns.map((c) => cellHtml(row[c])).join('')}</tr>\n`;
}

export function tableHead(columns: readonly string[]): string {
  return `<table class="rows"><thead><tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr></thead><tbody>\n`;
}
