/**
 * Issue 29, `--interval total` row: bytes received for a 7-day total of the 1,000-agent org, occupancy and service
 * level, against the same report on the 30-minute grid (which is what `--interval total` fetched before: the grid,
 * summed here). Now each ≤ 7-day chunk is one query without a granularity: the API answers one bucket and does the
 * sums. The counts of the total rows are checked against the 30-minute rows summed (same counts, both ways).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from '../lib/measure.mjs';
import { ORG, utcDays } from '../lib/data.mjs';
import { runAgainstSim, startSimBehindProxy } from '../lib/sim-run.mjs';
import { bytes, ratio, secs, table } from '../lib/table.mjs';

const DAYS = 7;
const TARGET_RATIO = 20;

/** Sums of `counts` columns per `keys` columns of a CSV (simulated names hold no comma or quote). */
function sums(text, keys, counts) {
  const [header, ...lines] = text.trimEnd().split('\n');
  const cols = header.split(',');
  const at = (name) => cols.indexOf(name);
  const out = new Map();
  for (const line of lines) {
    const c = line.split(',');
    const key = keys.map((k) => c[at(k)]).join('|');
    const acc = out.get(key) ?? counts.map(() => 0);
    counts.forEach((name, i) => (acc[i] += Number(c[at(name)] || 0)));
    out.set(key, acc);
  }
  return out;
}

const sameSums = (a, b) => a.size === b.size && [...a].every(([k, v]) => b.get(k)?.every((x, i) => x === v[i]));

/** `sizes` lets a quick check run it small. */
export async function total({ quick, log, env, dir }, sizes = { agents: quick ? 100 : ORG.agents, days: DAYS }) {
  const org = { ...ORG, agents: sizes.agents };
  const window = utcDays(sizes.days);
  const reports = [
    { report: 'occupancy', keys: ['agent_id'], counts: ['handled'] },
    { report: 'service-level', keys: ['queue_id', 'media_type'], counts: ['offered', 'answered', 'answered_within', 'abandoned', 'abandoned_short', 'flowout'] },
  ];
  const s = await startSimBehindProxy(org);
  const rows = [];
  const notes = [];
  try {
    for (const { report, keys, counts } of reports) {
      const runs = {};
      for (const interval of ['30m', 'total']) {
        log(`${report} --interval ${interval}, ${sizes.days} days, ${org.agents} agents`);
        const out = join(dir, `total-${report}-${interval}.csv`);
        const args = [report, ...window, '--interval', interval, '--request-timeout', '600', '--format', 'csv', '--output', out, '--quiet'];
        runs[interval] = { ...check(await runAgainstSim(s, args, { env }), `${report} --interval ${interval}`), text: readFileSync(out, 'utf8') };
      }
      const before = runs['30m'];
      const after = runs.total;
      const same = sameSums(sums(before.text, keys, counts), sums(after.text, keys, counts));
      rows.push([report, `${before.byKind.aggregates ?? 0} / ${after.byKind.aggregates ?? 0}`, bytes(before.bytesReceived), bytes(after.bytesReceived),
        `÷ ${(before.bytesReceived / Math.max(1, after.bytesReceived)).toFixed(1)}`, `÷ ≥ ${TARGET_RATIO}`, secs(before.wallMs), secs(after.wallMs),
        same ? 'same' : '**DIFFERENT**']);
    }
  } finally {
    await s.close();
  }
  notes.push(`Before = the 30-minute grid, which \`--interval total\` fetched and summed here until issue 29; the counts column compares the total rows with the 30-minute rows summed per ${'agent / queue and media'}. ` +
    'Byte-identical output against the previous build was checked when the change was made (--demo, 2 and 10 days, Europe/London across a DST change).');
  return [
    `### \`--interval total\` over ${sizes.days} days: the API sums (${org.agents} agents, ${org.queues} queues)`,
    table(['report', 'aggregates queries (grid / total)', 'bytes before (grid)', 'bytes after (total)', 'ratio', 'target', 'wall before', 'wall after', 'counts'], rows),
    '',
    ...notes,
  ].join('\n');
}
