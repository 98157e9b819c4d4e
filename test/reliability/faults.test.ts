import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../e2e/cli.js';
import { startSim, type SimOptions, type SimServer } from '../../src/sim/index.js';
import { DAY, EIGHT_DAYS, FAST_TIMEOUT, listFiles, retryAfterViolations, simEnv, startRig, tempDir } from './support.js';

/**
 * Faults survived end to end: the built CLI against a simulator that fails 20 % of requests (429 with Retry-After,
 * 5xx, resets, responses slower than --request-timeout, tokens revoked mid-run) must write byte-for-byte the file a
 * fault-free run writes, and must never send a request before a 429's Retry-After has elapsed.
 */

const KINDS = ['429', '500', '502', '503', '504', 'reset', 'slow', 'expire'] as const;
const spec = (seed: number) => `rate=0.2,seed=${seed},kinds=${KINDS.join('+')},retryAfter=1,slowMs=5000`;

/** Seeds chosen so that the first requests of each scenario draw faults, and together they draw every kind. */
const SCENARIOS: Array<{ name: string; args: string[]; seed: number; sim?: SimOptions }> = [
  { name: 'occupancy', args: ['occupancy', ...DAY], seed: 10 },
  { name: 'service-level, aggregates', args: ['service-level', ...DAY], seed: 54 },
  // The faulty simulator's datalake ends at noon of the first day: a job, then a day and a half of synchronous pages.
  { name: 'service-level, details (job + synchronous pages)', args: ['service-level', '--source', 'details', ...DAY], seed: 42, sim: { dataLagMs: Date.now() - Date.parse('2026-11-10T12:00:00Z') } },
  { name: 'service-level, details (async job)', args: ['service-level', '--source', 'details', ...EIGHT_DAYS], seed: 6 },
];

let clean: SimServer;
const expected = new Map<string, string>();
const kindsSeen = new Set<string>();

beforeAll(async () => {
  clean = await startSim({ port: 0, jobPollsUntilFulfilled: 0 });
  await Promise.all(
    SCENARIOS.map(async (s) => {
      const dir = tempDir();
      const r = await runCli([...s.args, '--output', 'out.csv'], { env: simEnv(clean), cwd: dir });
      if (r.code !== 0) throw new Error(`fault-free ${s.name} failed (${r.code}): ${r.stderr}`);
      expected.set(s.name, fs.readFileSync(path.join(dir, 'out.csv'), 'utf8'));
      fs.rmSync(dir, { recursive: true, force: true });
    }),
  );
}, 60_000);
afterAll(() => clean?.close());

describe.concurrent('faults survived', () => {
  for (const s of SCENARIOS) {
    it(`${s.name}: with 20 % random faults the output is byte-identical to the fault-free run`, async () => {
      const want = expected.get(s.name)!;
      // A report with real rows, so that "identical" means something.
      expect(want.split('\n').length).toBeGreaterThan(100);

      const rig = await startRig({ faults: spec(s.seed), ...s.sim });
      const dir = tempDir();
      let r: CliResult;
      try {
        r = await runCli([...s.args, ...FAST_TIMEOUT, '--verbose', '--output', 'out.csv'], {
          env: rig.env,
          cwd: dir,
          timeoutMs: 45_000,
        });
      } finally {
        // Closing first lets requests still held by a `slow` fault reach the simulator's log.
        await rig.close();
      }
      try {
        expect(r.code, r.stderr.slice(-2000)).toBe(0);
        expect(r.stdout).toBe('');
        expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe(want);
        expect(listFiles(dir)).toEqual(['out.csv']);

        const faults = rig.sim.requests().filter((e) => e.fault !== undefined);
        expect(faults.length, 'the seed drew no fault for this scenario').toBeGreaterThan(0);
        for (const f of faults) kindsSeen.add(f.fault!);

        // Every 429 the simulator sent reached the client through the proxy, with its Retry-After.
        const simLimited = rig.sim.requests().filter((e) => e.status === 429);
        const seen = rig.proxy.entries().filter((e) => e.status === 429);
        expect(seen.map((e) => e.retryAfter)).toEqual(simLimited.map((e) => String(e.retryAfterS)));
        expect(retryAfterViolations(rig.proxy.entries())).toEqual([]);
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    }, 60_000);
  }

  it('a 429 with Retry-After 1 s makes the client wait 1 s, not until the rate-limit window resets', async () => {
    const rig = await startRig({ faults: 'at=1:429,retryAfter=1' });
    const dir = tempDir();
    try {
      // Killed after 15 s: a client that waits out the whole 60-second window fails here rather than hanging.
      const r = await runCli(['service-level', ...DAY, '--verbose', '--output', 'out.csv'], { env: rig.env, cwd: dir, timeoutMs: 15_000 });
      const waits = [...r.stderr.matchAll(/waiting (\d+) ms/g)].map((m) => Number(m[1]));
      expect(waits).toContain(1000);
      expect(Math.max(...waits), r.stderr).toBeLessThanOrEqual(1000);
      expect(r.code).toBe(0);
      expect(fs.readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe(expected.get('service-level, aggregates'));
      expect(retryAfterViolations(rig.proxy.entries())).toEqual([]);
    } finally {
      await rig.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});

describe('the fault scenarios together', () => {
  it('drew every fault kind: 429, 500, 502, 503, 504, reset, slow, expire', () => {
    expect([...kindsSeen].sort()).toEqual([...KINDS].sort());
  });
});
