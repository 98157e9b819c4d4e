/**
 * Issue 29, Parquet row: CLI peak RSS of a 30-minute occupancy export to Parquet over the whole 1,000-agent org at
 * a week and at a month, against the simulator. Rows go out row group by row group as they are made, so memory
 * should be flat from a week to a month (before: the whole table in memory, 424 MB for a week).
 */
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parquetMetadata } from 'hyparquet';
import { check } from '../lib/measure.mjs';
import { ORG, settledDay, utcDays } from '../lib/data.mjs';
import { runAgainstSim, startSimBehindProxy } from '../lib/sim-run.mjs';
import { bytes, mb, ratio, secs, table } from '../lib/table.mjs';

const BASELINE_WEEK_MB = 424;
const TARGET_MB = 200;

/** `sizes` lets a quick check run it small. */
export async function parquet({ quick, log, env, dir }, sizes = { agents: quick ? 100 : ORG.agents, days: [7, 30] }) {
  const org = { ...ORG, agents: sizes.agents };
  const lastDay = settledDay();
  const s = await startSimBehindProxy(org);
  const rows = [];
  try {
    for (const days of sizes.days) {
      const out = join(dir, `occupancy-${org.agents}-${days}d.parquet`);
      const window = [...utcDays(days, lastDay), '--interval', '30m'];
      log(`occupancy --format parquet, ${days} days, ${org.agents} agents`);
      const args = ['occupancy', ...window, '--request-timeout', '600', '--format', 'parquet', '--output', out, '--quiet'];
      const r = check(await runAgainstSim(s, args, { env }), `occupancy --format parquet, ${days} days`);
      const file = readFileSync(out);
      const meta = parquetMetadata(file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength));
      const baseline = days === 7 && org.agents === ORG.agents ? BASELINE_WEEK_MB : undefined;
      rows.push([`${days} days`, String(meta.num_rows), meta.row_groups.length, bytes(statSync(out).size), secs(r.wallMs), mb(r.peakRssMB),
        baseline ? `${baseline} MB (whole table)` : '', baseline ? ratio(r.peakRssMB, baseline) : '', `≤ ${TARGET_MB} MB, flat`]);
    }
  } finally {
    await s.close();
  }
  return [
    `### Parquet output: occupancy, 30 minutes, every agent (${org.agents} agents), written row group by row group`,
    table(['window', 'rows', 'row groups', 'file', 'wall', 'CLI peak RSS', 'baseline', 'ratio', 'target'], rows),
  ].join('\n');
}
