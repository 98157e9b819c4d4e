import type { NowColumn, NowRow } from '../metrics/now.js';
import type { OccupancyColumn, OccupancyRow, ServiceLevelColumn, ServiceLevelRow, StaffingColumn, StaffingRow } from '../metrics/rows.js';
import type { Cell, Table } from './printed-table.js';
import { nowCells, occupancyCells, serviceLevelCells, staffingCells, type TimeCell } from './report-cells.js';

interface Typed<K extends string, R, C extends string> {
  report: K;
  columns: readonly C[];
  /** Streamed: a month of a big org is more rows than should be held at once. Re-iterable. */
  rows: Iterable<R>;
  cells: (row: R, time: TimeCell) => Record<C, Cell>;
}

/**
 * A report as its writer receives it: typed rows, the one function that prints them, and what the run decided on
 * the way (the window, the zone times print in). Every format starts here; text formats print cells, Parquet and
 * the HTML charts read the typed rows.
 */
export type ReportTable = (
  | Typed<'occupancy', OccupancyRow, OccupancyColumn>
  | Typed<'service-level', ServiceLevelRow, ServiceLevelColumn>
  | Typed<'staffing', StaffingRow, StaffingColumn>
  | Typed<'now', NowRow, NowColumn>
  | Typed<'list', Record<string, Cell>, string>
) & {
  /** The window the rows cover; undefined when there was nothing to cover (an empty input file). */
  window?: { startMs: number; endMs: number } | undefined;
  timeZone: string;
  /** An instant as the report prints it (ISO-8601 with the zone's offset, seconds precision). */
  formatTime: (ms: number) => string;
};

export const occupancyTable = (rows: Iterable<OccupancyRow>, run: Omit<ReportTable, 'report' | 'columns' | 'rows' | 'cells'>, columns: readonly OccupancyColumn[]): ReportTable => ({
  report: 'occupancy',
  columns,
  rows,
  cells: occupancyCells,
  ...run,
});

export const serviceLevelTable = (
  rows: Iterable<ServiceLevelRow>,
  run: Omit<ReportTable, 'report' | 'columns' | 'rows' | 'cells'>,
  columns: readonly ServiceLevelColumn[],
): ReportTable => ({ report: 'service-level', columns, rows, cells: serviceLevelCells, ...run });

export const staffingTable = (rows: Iterable<StaffingRow>, run: Omit<ReportTable, 'report' | 'columns' | 'rows' | 'cells'>, columns: readonly StaffingColumn[]): ReportTable => ({
  report: 'staffing',
  columns,
  rows,
  cells: staffingCells,
  ...run,
});

/** `now`: the window is today so far, [local midnight, the moment of observation]. */
export const nowTable = (rows: Iterable<NowRow>, run: Omit<ReportTable, 'report' | 'columns' | 'rows' | 'cells'>, columns: readonly NowColumn[]): ReportTable => ({
  report: 'now',
  columns,
  rows,
  cells: nowCells,
  ...run,
});

/** Rows that are already cells (listings): printed as they are. */
export const cellTable = (table: Table, timeZone = ''): ReportTable => ({
  report: 'list',
  columns: table.columns,
  rows: table.rows,
  cells: (row) => row,
  timeZone,
  formatTime: (ms) => new Date(ms).toISOString(),
});

/** The report as printed cells, row by row as they are read (times in the report's zone). */
export function printedTable(table: ReportTable): Table {
  const { columns, formatTime } = table;
  const t = table as Typed<string, unknown, string>;
  return {
    columns,
    rows: {
      *[Symbol.iterator]() {
        for (const row of t.rows) yield t.cells(row, formatTime);
      },
    },
  };
}

/** The printed window, for page headers. */
export function printedWindow(table: Pick<ReportTable, 'window' | 'formatTime'>): { start: string; end: string } | undefined {
  return table.window && { start: table.formatTime(table.window.startMs), end: table.formatTime(table.window.endMs) };
}
