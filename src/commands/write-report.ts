import type { Deps } from '../cli/deps.js';
import type { CommonOptions } from '../cli/options.js';
import type { Table } from '../metrics/rows.js';
import { render } from '../output/render.js';
import { writeOutput } from '../output/write.js';

/** A table on a terminal, CSV for pipes and files (cron), unless --format says otherwise. */
export async function writeReport(table: Table, o: CommonOptions, deps: Deps): Promise<void> {
  const format = o.format ?? (o.output === undefined && deps.stdout.isTTY === true ? 'table' : 'csv');
  await writeOutput(
    render(format, table),
    o.output !== undefined ? { kind: 'file', path: o.output } : { kind: 'stdout', stream: deps.stdout },
  );
}
