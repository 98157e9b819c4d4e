import type { Deps } from '../deps.js';
import type { Table } from '../metrics/rows.js';
import { ACTIVITY_COLUMNS, isEmptyRow, withoutEmptyRows } from '../output/empty-rows.js';
import type { ReportMeta } from '../output/html/report-meta.js';
import { checkOutputTarget } from '../output/output-target.js';
import { render } from '../output/render.js';
import { selectColumns } from '../output/select-columns.js';
import { useColor } from '../output/use-color.js';
import { writeOutput } from '../output/write.js';
import type { OutputRequest } from './report-request.js';

/**
 * Checks `--output` before any API request (a month-long pull must not end on a missing directory), and refuses
 * the --input file itself as output. Says once when a hard-linked file will be replaced.
 */
export function checkReportOutput(output: OutputRequest, deps: Deps, o: { input?: string | undefined; quiet?: boolean }): void {
  if (output.path === undefined) return;
  const plan = checkOutputTarget(output.path, { cwd: deps.cwd, input: o.input });
  if (plan.kind === 'replace' && plan.warning && !o.quiet) deps.stderr.write(`warning: ${plan.warning}\n`);
}

/**
 * The --columns a report accepts, checked before any request: a typo costs one line and exit 2, not a month of
 * data fetched for nothing. Undefined when all columns are wanted.
 */
export function chosenColumns<C extends string>(output: OutputRequest, available: readonly C[]): C[] | undefined {
  return output.columns === undefined ? undefined : selectColumns(available, output.columns);
}

/**
 * Renders and writes the table. --columns narrows every format (HTML: its table; the charts use every column),
 * --hide-empty drops rows where nothing happened. On a terminal the table fits its width; notes (columns dropped,
 * rows hidden) go to stderr unless --quiet. With `announce` (a person is watching: stderr is a terminal, or
 * --verbose), one closing line on stderr says how many rows went where.
 */
export async function writeReport(table: Table, output: OutputRequest, deps: Deps, meta: ReportMeta, announce = false): Promise<void> {
  const toTerminal = output.path === undefined && deps.stdout.isTTY === true;
  const note = (line: string) => {
    if (!output.quiet) deps.stderr.write(`${line}\n`);
  };
  const kept = output.hideEmpty ? withoutEmptyRows(table.rows, ACTIVITY_COLUMNS[meta.report]) : undefined;
  let rows = 0;
  // Re-iterable, and counting the last full pass: a renderer may read the rows twice (column widths).
  const counted: Table = {
    columns: chosenColumns(output, table.columns) ?? table.columns,
    rows: {
      *[Symbol.iterator]() {
        let n = 0;
        for (const row of kept?.rows ?? table.rows) {
          n++;
          yield row;
        }
        rows = n;
      },
    },
  };
  await writeOutput(
    // Parquet's footer comes last, so the file is built whole; options.ts made sure it goes to a file.
    output.format === 'parquet'
      ? [(await import('../output/parquet.js')).renderParquet(counted, { tz: meta.timeZone || undefined })]
      : await render(output.format, counted, {
          table: {
            width: toTerminal ? deps.stdout.columns : undefined,
            color: toTerminal && useColor(true, deps.env),
            chosen: output.columns !== undefined,
            note,
            dimRow: (row) => isEmptyRow(row, ACTIVITY_COLUMNS[meta.report]),
          },
          meta,
        }),
    output.path !== undefined ? { kind: 'file', path: output.path, cwd: deps.cwd } : { kind: 'stdout', stream: deps.stdout },
  );
  if (kept && output.format === 'table' && toTerminal) {
    const hidden = kept.hidden();
    note(`${hidden} ${hidden === 1 ? 'row' : 'rows'} where nothing happened hidden (--hide-empty)`);
  }
  if (announce) deps.stderr.write(`wrote ${rows} ${rows === 1 ? 'row' : 'rows'} to ${output.path ?? 'stdout'}\n`);
}

/** A person is watching: the closing line and the progress bar are for them, never for cron's mail. */
export const personWatching = (o: { quiet: boolean; verbose: boolean }, deps: Pick<Deps, 'stderr'>): boolean =>
  !o.quiet && (o.verbose || deps.stderr.isTTY === true);
