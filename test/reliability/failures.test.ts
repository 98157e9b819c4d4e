import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../e2e/cli.js';
import type { SimOptions } from '../../src/sim/index.js';
import type { ProxyEntry, ProxyOptions } from './proxy.js';
import { DAY, EIGHT_DAYS, FAST_TIMEOUT, hasStackTrace, listFiles, startRig, tempDir, type Rig } from './support.js';

/**
 * Failures a cron job must report loudly: the right exit code, one line that says what went wrong, and the
 * report file that was there before left exactly as it was (no half-written file, no temp file).
 */

const OLD = 'interval_start,old report\n';

interface Outcome {
  r: CliResult;
  rig: Rig;
  /** Files in the working directory afterwards. */
  files: string[];
  /** The --output file's content afterwards (undefined if absent). */
  report: string | undefined;
}

/** Runs one command against its own (faulty) simulator, with an existing report.csv as --output. */
async function runAgainst(
  args: string[],
  sim: SimOptions,
  opts: { proxy?: ProxyOptions; existing?: boolean; timeoutMs?: number; interruptWhen?: (e: ProxyEntry) => boolean } = {},
): Promise<Outcome> {
  let interrupt: (() => void) | undefined;
  const wanted = new Promise<void>((resolve) => (interrupt = resolve));
  const rig = await startRig(sim, {
    ...opts.proxy,
    onRequest: (e) => {
      if (opts.interruptWhen?.(e)) interrupt!();
    },
  });
  const dir = tempDir();
  if (opts.existing !== false) fs.writeFileSync(path.join(dir, 'report.csv'), OLD);
  try {
    let pid: number | undefined;
    const run = runCli([...args, '--output', 'report.csv'], {
      env: rig.env,
      cwd: dir,
      timeoutMs: opts.timeoutMs ?? 25_000,
      onSpawn: (p) => (pid = p),
    });
    if (opts.interruptWhen) {
      await Promise.race([wanted, run]);
      if (pid !== undefined) process.kill(pid, 'SIGINT');
    }
    const r = await run;
    const file = path.join(dir, 'report.csv');
    return { r, rig, files: listFiles(dir), report: fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined };
  } finally {
    await rig.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Exit code, nothing on stdout, exactly one line on stderr, and the old report untouched with no temp file. */
function expectCleanFailure(o: Outcome, code: number): string {
  expect(o.r.code, o.r.stderr).toBe(code);
  expect(o.r.stdout).toBe('');
  expect(o.r.stderr).toMatch(/^gcx-metrics: [^\n]+\n$/);
  expect(hasStackTrace(o.r.stderr)).toBe(false);
  expect(o.report).toBe(OLD);
  expect(o.files).toEqual(['report.csv']);
  return o.r.stderr;
}

describe.concurrent('the API fails for good: exit 4, one line, the old report kept', () => {
  it('5xx on every attempt outlasts the retry budget: the line names the last status and its contextId', async () => {
    const o = await runAgainst(['service-level', '--threshold', '20', ...DAY], { faults: 'rate=1,seed=5,kinds=500+502+503+504' }, { timeoutMs: 60_000 });
    const line = expectCleanFailure(o, 4);
    const api = o.rig.proxy.entries().filter((e) => e.path.startsWith('/api/v2/'));
    // One request and its 4 retries, then the report gives up.
    expect(api.map((e) => e.path)).toEqual(Array(5).fill('/api/v2/analytics/conversations/aggregates/query'));
    const last = api.at(-1)!;
    expect(last.contextId).toMatch(/^[0-9a-f-]{36}$/);
    expect(line).toContain(String(last.status));
    expect(line).toContain(last.contextId!);
  }, 70_000);

  it('a 200 that is an HTML page, not JSON', async () => {
    const o = await runAgainst(['occupancy', ...DAY], { faults: 'at=1:html' });
    expect(expectCleanFailure(o, 4)).toMatch(/\/api\/v2\/analytics\/\S+ returned text\/html, not JSON/);
  });

  it('a 200 whose JSON body is cut off half-way', async () => {
    const o = await runAgainst(['service-level', '--threshold', '20', ...DAY], { faults: 'at=1:truncated' });
    expect(expectCleanFailure(o, 4)).toMatch(/conversations\/aggregates\/query .*truncated/);
  });

  it('a 200 whose body has a field of the wrong type names the field', async () => {
    const numericInterval = (e: ProxyEntry, body: string) => {
      if (!e.path.endsWith('/conversations/aggregates/query') || e.status !== 200) return undefined;
      const json = JSON.parse(body) as { results?: Array<{ data?: Array<Record<string, unknown>> }> };
      for (const r of json.results ?? []) for (const d of r.data ?? []) d.interval = 42;
      return JSON.stringify(json);
    };
    const o = await runAgainst(['service-level', '--threshold', '20', ...DAY], {}, { proxy: { rewrite: numericInterval } });
    expect(expectCleanFailure(o, 4)).toMatch(/does not match the API schema at results\[0\]\.data\[0\]\.interval/);
  });

  it('a details job that ends FAILED', async () => {
    // Eligible request 2 is the job submission (1 is the availability check).
    const o = await runAgainst(['service-level', '--threshold', '20', '--source', 'details', ...EIGHT_DAYS], { faults: 'at=2:jobFailed' });
    expect(expectCleanFailure(o, 4)).toMatch(/details job \S+ failed/);
  });

  it('a details job that ends EXPIRED while being polled', async () => {
    const o = await runAgainst(['service-level', '--threshold', '20', '--source', 'details', ...EIGHT_DAYS], { faults: 'at=3:jobExpired' });
    expect(expectCleanFailure(o, 4)).toMatch(/details job \S+ was expired/);
  });

  it('a details job that EXPIRED before its results were read', async () => {
    const o = await runAgainst(['service-level', '--threshold', '20', '--source', 'details', ...EIGHT_DAYS], { faults: 'at=4:jobExpired' });
    expect(expectCleanFailure(o, 4)).toMatch(/results .*EXPIRED|EXPIRED.*results/);
  });
});

describe('fields the API may leave out (its own models mark them optional): skipped, counted, never a crash or silence', () => {
  it('aggregate data points without an interval: the report is written from the others, with one warning line', async () => {
    let dropped = 0;
    const dropSomeIntervals = (e: ProxyEntry, body: string) => {
      if (!e.path.endsWith('/conversations/aggregates/query') || e.status !== 200) return undefined;
      const json = JSON.parse(body) as { results?: Array<{ data?: Array<Record<string, unknown>> }> };
      // The first three data points, whichever groups hold them (a group may have a single one).
      for (const d of (json.results ?? []).flatMap((r) => r.data ?? []).slice(0, 3)) {
        delete d.interval;
        dropped += 1;
      }
      return JSON.stringify(json);
    };
    const [full, o] = await Promise.all([
      runAgainst(['service-level', '--threshold', '20', ...DAY], {}, { timeoutMs: 80_000 }),
      runAgainst(['service-level', '--threshold', '20', ...DAY], {}, { proxy: { rewrite: dropSomeIntervals }, timeoutMs: 80_000 }),
    ]);
    expect(dropped).toBe(3);
    expect(o.r.code, o.r.stderr).toBe(0);
    expect(o.r.stderr).toBe('warning: 3 aggregate data points without interval skipped\n');
    const rows = (text: string | undefined) => (text ?? '').trimEnd().split('\n');
    expect(rows(o.report).length).toBeGreaterThan(10);
    expect(rows(o.report).length).toBeLessThanOrEqual(rows(full.report).length);
    expect(rows(o.report)).not.toEqual(rows(full.report));
  }, 90_000);
});

describe.concurrent('SIGINT during a long fetch: exit 130, no partial file, no temp file', () => {
  const firstApiRequest = (e: ProxyEntry) => e.path.startsWith('/api/v2/');

  it('an existing report is kept', async () => {
    const o = await runAgainst(['occupancy', ...DAY], { latencyMs: 10_000 }, { interruptWhen: firstApiRequest });
    expect(expectCleanFailure(o, 130)).toMatch(/interrupted/);
  });

  it('no report is created', async () => {
    const o = await runAgainst(['service-level', '--threshold', '20', ...DAY], { latencyMs: 10_000 }, { interruptWhen: firstApiRequest, existing: false });
    expect(o.r.code).toBe(130);
    expect(o.r.stdout).toBe('');
    expect(o.files).toEqual([]);
  });

  it('while waiting for a details job', async () => {
    const o = await runAgainst(['service-level', '--threshold', '20', '--source', 'details', ...EIGHT_DAYS], {}, {
      interruptWhen: (e) => e.method === 'POST' && e.path.endsWith('/details/jobs'),
    });
    expect(expectCleanFailure(o, 130)).toMatch(/interrupted/);
  });
});

describe('--request-timeout', () => {
  it('also bounds the token request: a login that hangs is abandoned and retried', async () => {
    const o = await runAgainst(['service-level', '--threshold', '20', ...DAY, ...FAST_TIMEOUT], { faults: 'oauth=on,at=1:slow,slowMs=5000' }, { existing: false });
    const logins = o.rig.proxy.entries().filter((e) => e.path === '/oauth/token');
    expect(logins.map((e) => e.outcome)).toEqual(['client-gone', 'relayed']);
    expect(o.r.code, o.r.stderr).toBe(0);
  });
});
