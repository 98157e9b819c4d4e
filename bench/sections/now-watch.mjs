/**
 * Issue 27: `now --watch` over 1,000 refreshes against the simulator. Peak memory must stay flat (RSS within 10 %
 * between refresh 100 and refresh 1,000), no file descriptor may be left behind, and each refresh costs at most 2
 * API requests for up to 100 queues. GCX_BENCH_WATCH_MS (read by the CLI for this bench only) shortens the pause
 * between refreshes from the flag's minimum of 5 s to nothing, so 1,000 refreshes take a minute, not 83.
 */
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { startSimBehindProxy } from '../lib/sim-run.mjs';
import { table } from '../lib/table.mjs';

const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const fds = (pid) => readdirSync(`/proc/${pid}/fd`).length;

export async function nowWatch({ quick, log, env }) {
  const refreshes = quick ? 300 : 1000;
  const early = quick ? 30 : 100;
  const queues = 100;
  log(`now-watch: ${refreshes} refreshes of ${queues} queues against the simulator, no pause between them`);
  const s = await startSimBehindProxy({ seed: 7, agents: 300, queues });
  const samples = new Map();
  let observations = 0;
  let before;
  let after;
  try {
    before = await s.stats();
    const child = spawn(process.execPath, ['bin/gcx-metrics.js', 'now', '--watch', '5', '--format', 'ndjson', '--verbose'], {
      env: { ...s.env(env), GCX_BENCH_WATCH_MS: '0' },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let buffered = '';
    const done = new Promise((resolve) => child.on('close', (code, signal) => resolve({ code, signal })));
    child.stderr.setEncoding('utf8').on('data', (text) => {
      buffered += text;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) {
        if (!line.includes('/queues/observations/query')) continue;
        observations++;
        // Sampled as the request of the next refresh starts: the previous refresh is written by then.
        if (observations === early + 1 || observations === refreshes + 1) samples.set(observations - 1, { rss: rssMb(child.pid), fds: fds(child.pid) });
        if (observations === refreshes + 1) child.kill('SIGTERM');
      }
    });
    const end = await done;
    if (samples.size < 2) throw new Error(`now --watch ended (${end.code ?? end.signal}) after ${observations} refreshes`);
  } finally {
    after = await s.stats();
    await s.close();
  }
  const api = after.requests.slice(before.requests.length).filter((r) => r.path.startsWith('/api/v2/analytics/'));
  const a = samples.get(early);
  const b = samples.get(refreshes);
  const growth = (b.rss - a.rss) / a.rss;
  return [
    `### now --watch: ${refreshes} refreshes of ${queues} queues (simulator, no pause between refreshes)`,
    table(
      ['measure', `refresh ${early}`, `refresh ${refreshes}`, 'change', 'target'],
      [
        ['CLI RSS', `${a.rss.toFixed(1)} MB`, `${b.rss.toFixed(1)} MB`, `${(growth * 100).toFixed(1)} %`, '≤ 10 %'],
        ['open file descriptors', String(a.fds), String(b.fds), String(b.fds - a.fds), '0'],
        ['analytics requests per refresh', '', (api.length / observations).toFixed(2), '', '≤ 2'],
      ],
    ),
    '',
  ].join('\n');
}
