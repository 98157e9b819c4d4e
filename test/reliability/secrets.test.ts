import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../e2e/cli.js';
import { createOrg, startSim, writeConversationsNdjson, type SimOptions } from '../../src/sim/index.js';
import type { ProxyEntry } from './proxy.js';
import { DAY, EIGHT_DAYS, leaksIn, leaksInFiles, startRig, tempDir, type Rig } from './support.js';

/**
 * Secrets never leak: every command and failure path runs with --verbose and a known client secret, and neither
 * the secret, the Basic credentials built from it, nor any token the simulator issued appears in stdout, stderr or
 * any file the run leaves behind. A `.env` holding the secret is read, never echoed, never changed.
 */

const CLIENT_ID = 'reliability-leak-client';
const SECRET = 'Kn0wn-Client-Secret-for-leak-tests-7f3a9c2e';
const WRONG_SECRET = 'Wr0ng-Client-Secret-for-leak-tests-55d1b0';
const BASIC = Buffer.from(`${CLIENT_ID}:${SECRET}`).toString('base64');
const SIM: SimOptions = { clientId: CLIENT_ID, clientSecret: SECRET };

let clean: Rig;
let ndjson = '';
beforeAll(async () => {
  clean = await startRig(SIM);
  const org = createOrg({ seed: 7, agents: 40, queues: 6 });
  const start = Date.parse('2026-11-10T00:00:00Z');
  await writeConversationsNdjson(org, start, start + 3_600_000, (s) => {
    ndjson += s;
  });
});
afterAll(() => clean?.close());

interface Run {
  args: string[];
  /** A simulator of its own (faults), else the shared clean one; null: no simulator at all. */
  sim?: SimOptions | null;
  env?: Record<string, string>;
  files?: Record<string, string>;
  stdin?: string;
  code: number;
  /** Send SIGINT when this request reaches the proxy. */
  interruptWhen?: (e: ProxyEntry) => boolean;
  /** Secrets known only to this run. */
  extraSecrets?: string[];
}

/** Runs the CLI and asserts the exit code and that no secret is anywhere it wrote. Returns the result. */
async function runChecked(run: Run): Promise<{ r: CliResult; tokens: string[] }> {
  let interrupt: (() => void) | undefined;
  const wanted = new Promise<void>((resolve) => (interrupt = resolve));
  const own = run.sim ? await startRig({ ...SIM, ...run.sim }, { onRequest: (e) => run.interruptWhen?.(e) && interrupt!() }) : undefined;
  const rig = run.sim === null ? undefined : (own ?? clean);
  const dir = tempDir('gcx-leak-');
  try {
    for (const [name, content] of Object.entries(run.files ?? {})) fs.writeFileSync(path.join(dir, name), content);
    const tokensBefore = new Set(rig?.proxy.tokens() ?? []);
    let pid: number | undefined;
    const pending = runCli(run.args, {
      env: { ...(rig?.env ?? {}), ...run.env },
      cwd: dir,
      // Generous: these runs are concurrent, and a loaded two-core machine makes each several times slower.
      timeoutMs: 80_000,
      onSpawn: (p) => (pid = p),
      ...(run.stdin !== undefined ? { stdin: run.stdin } : {}),
    });
    if (run.interruptWhen) {
      await Promise.race([wanted, pending]);
      if (pid !== undefined) process.kill(pid, 'SIGINT');
    }
    const r = await pending;
    // Tokens issued during this run (the shared simulator also served earlier runs: those are checked too).
    const tokens = rig?.proxy.tokens() ?? [];
    const secrets = [SECRET, BASIC, WRONG_SECRET, ...tokens, ...(run.extraSecrets ?? [])];
    expect(r.code, r.stderr.slice(-1500)).toBe(run.code);
    expect(leaksIn(r.stdout, secrets), 'stdout').toEqual([]);
    expect(leaksIn(r.stderr, secrets), 'stderr').toEqual([]);
    expect(leaksInFiles(dir, secrets, ['.env']), 'files').toEqual([]);
    for (const [name, content] of Object.entries(run.files ?? {})) {
      expect(fs.readFileSync(path.join(dir, name), 'utf8'), `${name} changed`).toBe(content);
    }
    return { r, tokens: tokens.filter((t) => !tokensBefore.has(t)) };
  } finally {
    await own?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const V = '--verbose';

describe.concurrent('no secret or token in any output, log, error or file', { timeout: 90_000 }, () => {
  it('occupancy to a file', async () => {
    const { r, tokens } = await runChecked({ args: ['occupancy', ...DAY, V, '--output', 'report.csv'], code: 0 });
    expect(r.stderr).toMatch(/debug: POST \/api\/v2\/analytics\/\S+ → 200/);
    expect(tokens.length + clean.proxy.tokens().length).toBeGreaterThan(0);
  });

  it('service-level (aggregates) as JSON on stdout', async () => {
    const { r } = await runChecked({ args: ['service-level', ...DAY, V, '--format', 'json'], code: 0 });
    expect(r.stdout.startsWith('[')).toBe(true);
  });

  it('service-level from the details query', async () => {
    await runChecked({ args: ['service-level', '--source', 'details', ...DAY, V], code: 0 });
  });

  it('service-level from a details job', async () => {
    const { r } = await runChecked({ args: ['service-level', '--source', 'details', ...EIGHT_DAYS, V], code: 0 });
    expect(r.stderr).toMatch(/details job/);
  });

  it('a token expiring mid-run and a 503, survived', async () => {
    const { tokens } = await runChecked({
      args: ['occupancy', ...DAY, V],
      sim: { faults: 'at=1:expire;3:503' },
      code: 0,
    });
    expect(tokens.length).toBeGreaterThanOrEqual(2);
  });

  it('a wrong client secret (exit 3)', async () => {
    await runChecked({ args: ['occupancy', ...DAY, V], env: { GENESYS_CLOUD_CLIENT_SECRET: WRONG_SECRET }, code: 3 });
  });

  it('401 even with a fresh token (exit 3)', async () => {
    const { tokens } = await runChecked({ args: ['service-level', ...DAY, V], sim: { faults: 'at=1:expire;2:expire' }, code: 3 });
    expect(tokens.length).toBe(2);
  });

  it('an HTML page instead of JSON (exit 4)', async () => {
    await runChecked({ args: ['occupancy', ...DAY, V], sim: { faults: 'at=1:html' }, code: 4 });
  });

  it('a truncated body (exit 4)', async () => {
    await runChecked({ args: ['service-level', ...DAY, V, '--output', 'r.csv'], sim: { faults: 'at=1:truncated' }, code: 4 });
  });

  it('a details job that fails (exit 4)', async () => {
    await runChecked({ args: ['service-level', '--source', 'details', '--threshold', '20', ...EIGHT_DAYS, V], sim: { faults: 'at=2:jobFailed' }, code: 4 });
  });

  it('a login host that refuses connections (exit 4)', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    await runChecked({
      args: ['occupancy', ...DAY, V],
      sim: null,
      env: { GENESYS_CLOUD_API_URL: `http://127.0.0.1:${port}`, GENESYS_CLOUD_CLIENT_ID: CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET: SECRET },
      code: 4,
    });
  });

  it('SIGINT mid-fetch (exit 130)', async () => {
    await runChecked({
      args: ['occupancy', ...DAY, V, '--output', 'r.csv'],
      sim: { latencyMs: 10_000 },
      interruptWhen: (e) => e.path.startsWith('/api/v2/'),
      code: 130,
    });
  });

  it('--input from a file, credentials in the environment', async () => {
    await runChecked({ args: ['service-level', ...DAY, V, '--input', 'day.ndjson'], files: { 'day.ndjson': ndjson }, code: 0 });
  });

  it('--input with a bad line (exit 2)', async () => {
    await runChecked({ args: ['occupancy', ...DAY, V, '--input', '-'], stdin: `${ndjson}{oops\n`, code: 2 });
  });

  it('an unknown region (exit 2)', async () => {
    await runChecked({ args: ['occupancy', ...DAY, V, '--region', 'mars-1'], code: 2 });
  });

  it('an API URL that carries the secret and is rejected (exit 2)', async () => {
    const { r } = await runChecked({ args: ['occupancy', ...DAY, V], env: { GENESYS_CLOUD_API_URL: `http://127.0.0.1:1/?token=${SECRET}` }, code: 2 });
    expect(r.stderr).toMatch(/GENESYS_CLOUD_API_URL/);
  });

  it('credentials from .env: read, used, never echoed', async () => {
    const env = `GENESYS_CLOUD_CLIENT_ID=${CLIENT_ID}\nGENESYS_CLOUD_CLIENT_SECRET=${SECRET}\nGENESYS_CLOUD_API_URL=${clean.env.GENESYS_CLOUD_API_URL}\n`;
    const { r } = await runChecked({ args: ['occupancy', ...DAY, V], sim: null, files: { '.env': env }, code: 0 });
    expect(r.stdout.split('\n').length).toBeGreaterThan(100);
  });

  it('credentials from .env and a bad flag (exit 2)', async () => {
    const env = `GENESYS_CLOUD_CLIENT_ID=${CLIENT_ID}\nGENESYS_CLOUD_CLIENT_SECRET=${SECRET}\n`;
    await runChecked({ args: ['service-level', ...DAY, V, '--threshold', 'abc'], sim: null, files: { '.env': env }, code: 2 });
  });

  it('--demo: the demo org secret and its tokens stay hidden too', async () => {
    // Tokens depend only on the seed and issue order: a seed-7 simulator issues the ones the demo's will.
    const twin = await startSim({ port: 0 });
    const demoTokens: string[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const res = await fetch(`${twin.url}/oauth/token`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from(`${twin.clientId}:${twin.clientSecret}`).toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials',
        });
        demoTokens.push(((await res.json()) as { access_token: string }).access_token);
      }
      const { r } = await runChecked({
        args: ['occupancy', ...DAY, V, '--demo'],
        sim: null,
        extraSecrets: [twin.clientSecret, ...demoTokens],
        code: 0,
      });
      expect(r.stderr).toMatch(/debug: .* → 200/);
    } finally {
      await twin.close();
    }
  });

  it('the sim command does not echo the caller’s secret', async () => {
    // The sim serves until interrupted: collect what it printed in its first 3 s, then it is killed.
    const r = await runCli(['sim', '--port', '0'], {
      env: { GENESYS_CLOUD_CLIENT_ID: CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET: SECRET },
      timeoutMs: 3000,
    });
    expect(r.stdout).toMatch(/^GENESYS_CLOUD_API_URL=http:\/\/127\.0\.0\.1:\d+\n/);
    expect(leaksIn(r.stdout + r.stderr, [SECRET, BASIC])).toEqual([]);
  });

  it('a PostgreSQL password in --db never shows, whatever characters it holds and whether or not the URL parses', async () => {
    // Port 1 on loopback refuses at once: a URL that parses ends in exit 6, one that does not in exit 2.
    const cases: Array<[string, number]> = [
      ['postgresql://u:Secret@pw99word-abcdef@127.0.0.1:1/db', 6],
      ['postgresql://u:my/Secretpw99-ghijkl@127.0.0.1:1/db', 2],
      ['postgresql://u:my#Secretpw99-ghijkl@127.0.0.1:1/db', 2],
      ['postgresql://u:my?Secretpw99-ghijkl@127.0.0.1:1/db', 2],
      ['postgresql://u:bad%zzSecretpw99-ghijkl@127.0.0.1:1/db', 2],
    ];
    for (const [url, code] of cases) {
      const r = await runCli(['occupancy', '--db', url, '--since', '1d', '--verbose'], { env: {} });
      expect(r.code, `${url}: ${r.stderr}`).toBe(code);
      expect(r.stderr).toContain('u:***@127.0.0.1:1/db');
      expect(leaksIn(r.stdout + r.stderr, ['pw99word-abcdef', 'Secretpw99-ghijkl'])).toEqual([]);
    }
  });

  it('--help and --version', async () => {
    for (const args of [['--help'], ['--version'], ['occupancy', '--help']]) {
      const r = await runCli(args, { env: { GENESYS_CLOUD_CLIENT_ID: CLIENT_ID, GENESYS_CLOUD_CLIENT_SECRET: SECRET } });
      expect(r.code).toBe(0);
      expect(leaksIn(r.stdout + r.stderr, [SECRET, BASIC])).toEqual([]);
    }
  });
});
