/** Item 5: start-up time of the bundled CLI against a bare `node -e 0`, and a 10-record --input report. */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOrg, iterateConversations } from '../../dist/sim.js';
import { check, measure } from '../lib/measure.mjs';
import { ms, ratio, table } from '../lib/table.mjs';

const RUNS = 10;
const TARGETS = { 'gcx-metrics --version': '≤ 2.00×', 'gcx-metrics --help': '≤ 2.00×', 'service-level --input (10 records)': '≤ 2.50×' };

export async function coldstart({ dir, log, env }) {
  const tenRecords = join(dir, 'ten.ndjson');
  const day = Date.UTC(2026, 9, 1);
  const records = [];
  for (const c of iterateConversations(createOrg({ seed: 7, agents: 20, queues: 3 }), day, day + 86_400_000)) {
    records.push(JSON.stringify(c));
    if (records.length === 10) break;
  }
  writeFileSync(tenRecords, `${records.join('\n')}\n`);
  const cases = [
    ['node -e 0', ['-e', '0']],
    ['gcx-metrics --version', ['bin/gcx-metrics.js', '--version']],
    ['gcx-metrics --help', ['bin/gcx-metrics.js', '--help']],
    ['service-level --input (10 records)', ['bin/gcx-metrics.js', 'service-level', '--input', tenRecords, '--format', 'csv']],
  ];
  const times = new Map(cases.map(([name]) => [name, []]));
  log(`cold start: ${RUNS} rounds of ${cases.length} commands, interleaved`);
  // Interleaved rounds, so a noisy moment on the machine hits every command alike.
  for (let i = 0; i < RUNS; i++) {
    for (const [name, args] of cases) {
      const run = check(await measure(process.execPath, args, { env, rss: false, stdout: 'pipe' }), name);
      times.get(name).push(run.wallMs);
    }
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
  const base = median(times.get('node -e 0'));
  const rows = cases.map(([name]) => {
    const m = median(times.get(name));
    return [name, ms(m), ms(Math.min(...times.get(name))), ms(Math.max(...times.get(name))), ratio(m, base), TARGETS[name] ?? ''];
  });
  return [
    `### 5. Cold start (median of ${RUNS}, spawned from Node, stdout piped)`,
    table(['command', 'median', 'min', 'max', 'vs node -e 0', 'target'], rows),
  ].join('\n');
}
