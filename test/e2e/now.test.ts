import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import type { Deps } from '../../src/deps.js';
import { startSim } from '../../src/sim/index.js';
import { testDeps } from '../commands/support.js';
import { BIN, runCli } from './cli.js';
import { simEnv } from './sim-env.js';

const HEADER =
  'observed_at,queue_id,queue_name,media_type,waiting,longest_wait_s,alerting,interacting,on_queue_agents,idle_agents,not_responding_agents,off_queue_agents,offered_today,answered_today,abandoned_today,service_level_today_pct,threshold_s,target_pct,target_met,alerts';

describe('now --demo (the built CLI)', { timeout: 90_000 }, () => {
  it('prints a row per queue and media type of the simulated org, every queue present', async () => {
    const r = await runCli(['now', '--demo', '--tz', 'UTC', '--quiet'], { timeoutMs: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const [header, ...lines] = r.stdout.trimEnd().split('\n');
    expect(header).toBe(HEADER);
    const rows = lines.map((l) => l.split(','));
    // The demo org's six queues each have at least one row; every row's observed_at is the same instant.
    expect(new Set(rows.map((c) => c[2])).size).toBe(6);
    expect(new Set(rows.map((c) => c[0])).size).toBe(1);
    for (const c of rows) expect(c).toHaveLength(20);
  });

  it('--watch on a pipe ends on SIGINT after its write with exit 0, leaving whole NDJSON lines', async () => {
    const child = spawn(process.execPath, [BIN, 'now', '--demo', '--watch', '5', '--format', 'ndjson', '--queue', 'Sales', '--quiet'], {
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    await new Promise<void>((resolve) =>
      child.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
        if (out.endsWith('\n')) resolve();
      }),
    );
    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(err).toBe('');
    const lines = out.trimEnd().split('\n');
    for (const line of lines) expect(JSON.parse(line)).toMatchObject({ queue_name: 'Sales' });
  });
});

describe('requests per refresh', { timeout: 90_000 }, () => {
  it('100 queues cost one observations query and one aggregates query per refresh; the queue listing once per run', async () => {
    const sim = await startSim({ port: 0, queues: 100 });
    try {
      const t = testDeps(new Date().toISOString(), simEnv(sim));
      let now = Date.now();
      let sleeps = 0;
      const controller = new AbortController();
      const deps: Deps = {
        ...t.deps,
        signal: controller.signal,
        clock: {
          now: () => now,
          async sleep(ms) {
            now += ms;
            if (++sleeps === 3) controller.abort(new Error('stop'));
          },
        },
      };
      expect(await run(['now', '--watch', '5', '--format', 'csv', '--tz', 'UTC', '--quiet'], deps)).toBe(0);
      const analytics = sim.requests().filter((r) => r.path.startsWith('/api/v2/analytics/'));
      // Two requests per refresh, three refreshes (the order within a refresh is the network's).
      expect(analytics.map((r) => r.path).sort()).toEqual([
        ...Array<string>(3).fill('/api/v2/analytics/conversations/aggregates/query'),
        ...Array<string>(3).fill('/api/v2/analytics/queues/observations/query'),
      ]);
      expect(sim.requests().filter((r) => r.path === '/api/v2/routing/queues')).toHaveLength(1);
      const [header, ...lines] = t.stdout().trimEnd().split('\n');
      expect(header).toBe(HEADER);
      // Three refreshes of 100 queues, each queue at least one row per refresh.
      expect(new Set(lines.map((l) => l.split(',')[1])).size).toBe(100);
    } finally {
      await sim.close();
    }
  });
});
