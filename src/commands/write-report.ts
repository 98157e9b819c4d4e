import type { Deps } from '../deps.js';
import type { Table } from '../metrics/rows.js';
import { render } from '../output/render.js';
import { checkOutputTarget } from '../output/output-target.js';
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
 * Renders and writes the table. With `announce` (a person is watching: stderr is a terminal, or --verbose), one
 * closing line on stderr says how many rows went where.
 */
export async function writeReport(table: Table, output: OutputRequest, deps: Deps, announce = false): Promise<void> {
  let rows = 0;
  // Re-iterable, and counting the last full pass: a renderer may read the rows twice (column widths).
  const counted: Table = {
    columns: table.columns,
    rows: {
      *[Symbol.iterator]() {
        let n = 0;
        for (const row of table.rows) {
          n++;
          yield row;
        }
        rows = n;
      },
    },
  };
  await writeOutput(
    render(output.format, counted),
    output.path !== undefined ? { kind: 'file', path: output.path, cwd: deps.cwd } : { kind: 'stdout', stream: deps.stdout },
  );
  if (announce) deps.stderr.write(`wrote ${rows} ${rows === 1 ? 'row' : 'rows'} to ${output.path ?? 'stdout'}\n`);
}

/** A person is watching: the closing line and the progress bar are for them, never for cron's mail. */
export const personWatching = (o: { quiet: boolean; verbose: boolean }, deps: Pick<Deps, 'stderr'>): boolean =>
  !o.quiet && (o.verbose || deps.stderr.isTTY === true);
