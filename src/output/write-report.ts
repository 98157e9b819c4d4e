import type { Deps } from '../deps.js';
import type { NowRow } from '../metrics/now.js';
import type { Cell, Table } from './printed-table.js';
import { ACTIVITY_COLUMNS, isEmptyRow } from './empty-rows.js';
import type { ReportMeta } from './html/report-meta.js';
import type { HtmlRow } from './html/render-html.js';
import { checkOutputTarget } from './output-target.js';
import type { OutputRequest } from './output-request.js';
import { render } from './render.js';
import type { ReportTable } from './report-table.js';
import { selectColumns } from './select-columns.js';
import { useColor } from './use-color.js';
import { writeOutput } from './write.js';

/**
 * Checks `--output` before any API request (a month-long pull must not end on a missing directory), and refuses
 * the --input file itself as output. Says once when a hard-linked file will be replaced.
 */
export function checkReportOutput(output: OutputRequest, deps: Pick<Deps, 'cwd' | 'stderr'>, input?: string): void {
  if (output.path === undefined) return;
  const plan = checkOutputTarget(output.path, { cwd: deps.cwd, input });
  if (plan.kind === 'replace' && plan.warning && !output.quiet) deps.stderr.write(`warning: ${plan.warning}\n`);
}

/**
 * The --columns a report accepts, checked before any request: a typo costs one line and exit 2, not a month of
 * data fetched for nothing. Undefined when all columns are wanted.
 */
export function chosenColumns<C extends string>(output: OutputRequest, available: readonly C[]): C[] | undefined {
  return output.columns === undefined ? undefined : selectColumns(available, output.columns);
}

/**
 * The one formatting step and the write: typed rows become the contract's cells (times in the report's zone; epoch
 * ms for Parquet), --columns narrows every format (HTML: its table; the charts read the typed rows), --hide-empty
 * drops rows where nothing happened. On a terminal the table fits its width; notes (columns dropped, rows hidden)
 * go to stderr unless --quiet. With `announce` (a person is watching: stderr is a terminal, or --verbose), one
 * closing line on stderr says how many rows went where.
 */
export async function writeReport(table: ReportTable, output: OutputRequest, deps: Deps, meta: ReportMeta, announce = false): Promise<void> {
  const toTerminal = output.path === undefined && deps.stdout.isTTY === true;
  const note = (line: string) => {
    if (!output.quiet) deps.stderr.write(`${line}\n`);
  };
  const activity = table.report === 'list' ? [] : ACTIVITY_COLUMNS[table.report];
  // A person at a terminal wants the rows where something happened first (the quick start's day is 62 % zeros);
  // --all shows every row. `now` keeps its quiet queues (their agents are the point) and `list` has no activity.
  const hideByDefault = toTerminal && output.format === 'table' && !output.all && (table.report === 'occupancy' || table.report === 'staffing');
  const hideEmpty = output.hideEmpty === true || hideByDefault;
  const columns = chosenColumns(output, table.columns) ?? table.columns;
  const typed = table as { rows: Iterable<unknown>; cells: (row: unknown, time: (ms: number) => Cell) => Record<string, Cell> };
  // Parquet keeps instants as instants; every other format prints them in the report's zone.
  const time = output.format === 'parquet' ? (ms: number): Cell => ms : table.formatTime;
  let rows = 0;
  let hidden = 0;
  // Re-iterable, and counting the last full pass: a renderer may read the rows twice (column widths).
  const kept: Iterable<HtmlRow> = {
    *[Symbol.iterator]() {
      let n = 0;
      let dropped = 0;
      for (const row of typed.rows) {
        const cells = typed.cells(row, time);
        if (hideEmpty && isEmptyRow(cells, activity)) {
          dropped++;
          continue;
        }
        n++;
        yield { typed: row as HtmlRow['typed'], cells };
      }
      rows = n;
      hidden = dropped;
    },
  };
  const printed: Table = {
    columns,
    rows: {
      *[Symbol.iterator]() {
        for (const row of kept) yield row.cells;
      },
    },
  };
  const chunks =
    output.format === 'parquet'
      ? // Row group by row group as the rows come; the footer comes last, so the options made sure it goes to a file.
        (await import('./parquet.js')).parquetChunks(printed, { tz: meta.timeZone || undefined })
      : output.format === 'html' && table.report === 'now'
        ? [await wallboardPage(kept, table, meta)]
        : output.format === 'html'
        ? (await import('./html/render-html.js')).renderHtml({ columns, rows: kept, formatTime: table.formatTime, window: table.window }, meta)
        : await render(output.format, printed, {
            width: toTerminal ? deps.stdout.columns : undefined,
            height: toTerminal ? deps.stdout.rows : undefined,
            color: toTerminal && useColor(true, deps.env),
            chosen: output.columns !== undefined,
            note,
            dimRow: (row) => isEmptyRow(row, activity),
          });
  await writeOutput(chunks, output.path !== undefined ? { kind: 'file', path: output.path, cwd: deps.cwd } : { kind: 'stdout', stream: deps.stdout });
  if (output.hideEmpty && output.format === 'table' && toTerminal) {
    note(`${hidden} ${hidden === 1 ? 'row' : 'rows'} where nothing happened hidden (--hide-empty)`);
  } else if (hideByDefault && hidden > 0) {
    note(`${hidden} of ${hidden + rows} rows where nothing happened hidden; --all shows every row`);
  }
  if (announce) deps.stderr.write(`wrote ${rows} ${rows === 1 ? 'row' : 'rows'} to ${output.path ?? 'stdout'}\n`);
}


/** `now` as HTML is the wallboard: big numbers per queue from the typed rows (--columns shapes only the text formats). */
async function wallboardPage(rows: Iterable<HtmlRow>, table: ReportTable, meta: ReportMeta): Promise<string> {
  const { renderWallboard } = await import('./html/wallboard.js');
  const typed = [...rows].map((r) => r.typed as unknown as NowRow);
  const observedMs = table.window?.endMs ?? typed[0]?.observed_at;
  return renderWallboard(typed, {
    observedAt: observedMs === undefined ? (meta.generatedAt ?? '') : table.formatTime(observedMs),
    refreshSeconds: meta.refreshSeconds ?? 60,
    timeZone: table.timeZone,
  });
}
