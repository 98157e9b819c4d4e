/** The built CLI as a whole: help, version, `gcx-metrics sim` as a child process, --output, usage errors. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { BIN, runCli } from './cli.js';
import { simEnv } from './sim-env.js';

const ONE_DAY = ['--from', '2026-11-10', '--to', '2026-11-10', '--tz', 'UTC'];
const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };

let sim: SimServer;
let tmp: string;
const children: ChildProcessWithoutNullStreams[] = [];

beforeAll(async () => {
  sim = await startSim({ port: 0 });
  tmp = mkdtempSync(join(tmpdir(), 'gcx-e2e-cli-'));
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
  await sim?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe('help and version', () => {
  it('--help lists the commands with examples and exits 0; --version prints package.json version', async () => {
    const [help, version] = await Promise.all([runCli(['--help']), runCli(['--version'])]);
    expect(help.code).toBe(0);
    for (const command of ['occupancy', 'service-level', 'sim']) expect(help.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
    expect(help.stdout).toMatch(/Examples?:/);
    expect(help.stdout).toMatch(/^\s+gcx-metrics occupancy --/m);
    expect(help.stdout).toMatch(/^\s+gcx-metrics service-level --/m);
    expect(version.code).toBe(0);
    expect(version.stdout).toBe(`${pkg.version}\n`);
  });
});

describe('gcx-metrics sim as a child process', () => {
  it('prints the three env lines, serves a report run with exactly that env, and exits 130 on SIGINT', async () => {
    const child = spawn(process.execPath, [BIN, 'sim', '--port', '0'], {
      env: { PATH: process.env.PATH ?? '', TZ: 'UTC' },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    children.push(child);
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
      child.on('exit', (code, signal) => resolve({ code, signal })),
    );
    let stdout = '';
    child.stdout.setEncoding('utf8');
    const lines = await new Promise<string[]>((resolve, reject) => {
      child.stdout.on('data', (d: string) => {
        stdout += d;
        const got = stdout.split('\n');
        if (got.length > 3) resolve(got.slice(0, 3));
      });
      child.on('exit', () => reject(new Error(`sim exited before printing its env: ${stdout}`)));
    });
    expect(lines[0]).toMatch(/^GENESYS_CLOUD_API_URL=http:\/\/127\.0\.0\.1:[1-9]\d*$/);
    expect(lines[1]).toMatch(/^GENESYS_CLOUD_CLIENT_ID=\S+$/);
    expect(lines[2]).toMatch(/^GENESYS_CLOUD_CLIENT_SECRET=\S+$/);
    const env = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));

    // Same default seed as the in-process sim, so the same report, byte for byte.
    const [viaChild, viaInProcess] = await Promise.all([
      runCli(['service-level', ...ONE_DAY], { env }),
      runCli(['service-level', ...ONE_DAY], { env: simEnv(sim) }),
    ]);
    expect(viaChild.stderr).toBe('');
    expect(viaChild.code).toBe(0);
    expect(viaChild.stdout.split('\n').length).toBeGreaterThan(100);
    expect(viaChild.stdout).toBe(viaInProcess.stdout);

    child.kill('SIGINT');
    expect(await exited).toEqual({ code: 130, signal: null });
    expect(stdout.split('\n').filter((l) => l !== '')).toHaveLength(3);
  });
});

describe('--output and usage errors', () => {
  it('--output writes the bytes CSV stdout would carry, and a failed run leaves the file untouched', async () => {
    const file = join(tmp, 'sl.csv');
    const [stdout, toFile] = await Promise.all([
      runCli(['service-level', ...ONE_DAY], { env: simEnv(sim) }),
      runCli(['service-level', ...ONE_DAY, '--output', file], { env: simEnv(sim) }),
    ]);
    expect(toFile.code).toBe(0);
    expect(toFile.stdout).toBe('');
    expect(stdout.stdout.length).toBeGreaterThan(1000);
    expect(readFileSync(file, 'utf8')).toBe(stdout.stdout);

    writeFileSync(file, 'keep me\n');
    const failed = await runCli(['service-level', ...ONE_DAY, '--queue', '00000000-0000-4000-8000-0000000000cc', '--output', file], {
      env: simEnv(sim),
    });
    expect(failed.code).toBe(2);
    expect(readFileSync(file, 'utf8')).toBe('keep me\n');
    expect(readdirSync(tmp)).toEqual(['sl.csv']);
  });

  it('bad flag values exit 2 with one line naming the flag and no stack trace', async () => {
    const cases = [
      ['occupancy', '--interval', '7m'],
      ['service-level', '--since', '2x'],
      ['service-level', '--tz', 'Mars/Olympus'],
      ['service-level', '--formula', 'median'],
    ];
    const runs = await Promise.all(cases.map((args) => runCli([...args], { env: simEnv(sim) })));
    runs.forEach((r, i) => {
      const flag = cases[i]![1]!;
      expect(r.code, flag).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr.trimEnd().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr, flag).toContain(flag);
      expect(r.stderr, flag).toContain(cases[i]![2]);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    });
  });
});
