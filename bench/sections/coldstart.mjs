/** Item 5: start-up time of the bundled CLI against a bare `node -e 0`. */
import { check, measure } from '../lib/measure.mjs';
import { ms, ratio, table } from '../lib/table.mjs';

const RUNS = 10;

export async function coldstart({ log, env }) {
  const cases = [
    ['node -e 0', ['-e', '0']],
    ['gcx-metrics --version', ['bin/gcx-metrics.js', '--version']],
    ['gcx-metrics --help', ['bin/gcx-metrics.js', '--help']],
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
    return [name, ms(m), ms(Math.min(...times.get(name))), ms(Math.max(...times.get(name))), ratio(m, base), name === 'node -e 0' ? '' : '≤ 2.00×'];
  });
  return [
    `### 5. Cold start (median of ${RUNS}, spawned from Node, stdout piped)`,
    table(['command', 'median', 'min', 'max', 'vs node -e 0', 'target'], rows),
  ].join('\n');
}
