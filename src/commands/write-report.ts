import type { Deps } from '../deps.js';
import type { Table } from '../metrics/rows.js';
import { render } from '../output/render.js';
import { writeOutput } from '../output/write.js';
import type { OutputRequest } from './report-request.js';

export async function writeReport(table: Table, output: OutputRequest, deps: Deps): Promise<void> {
  await writeOutput(
    render(output.format, table),
    output.path !== undefined ? { kind: 'file', path: output.path } : { kind: 'stdout', stream: deps.stdout },
  );
}
