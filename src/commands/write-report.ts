import type { Deps } from '../deps.js';
import type { Table } from '../metrics/rows.js';
import { render } from '../output/render.js';
import { writeOutput } from '../output/write.js';
import type { OutputRequest } from './report-request.js';

/** A table on a terminal, CSV for pipes and files (cron), unless --format says otherwise. */
export async function writeReport(table: Table, output: OutputRequest, deps: Deps): Promise<void> {
  const format = output.format ?? (output.path === undefined && deps.stdout.isTTY === true ? 'table' : 'csv');
  await writeOutput(
    render(format, table),
    output.path !== undefined ? { kind: 'file', path: output.path } : { kind: 'stdout', stream: deps.stdout },
  );
}
