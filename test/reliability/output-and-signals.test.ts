import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN, runCli } from '../e2e/cli.js';
import { hasStackTrace, listFiles, startRig, tempDir } from './support.js';
import { canUnshare, inPrivateMount, shq } from '../private-mount.js';

/**
 * What a cron job can rely on about its output: where it goes (files, links, devices, stdout), that it is checked
 * before any request, and that a signal in the middle of writing leaves the previous report exactly as it was.
 * Reports here read an empty --input file, so no API is involved unless a test says so.
 */

const OLD = 'interval_start,old report\n';
/** 100 fixed agent ids: with a window they give a zero row per agent and interval, without any data. */
const AGENTS = Array.from({ length: 100 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`).join(',');
const SMALL = ['occupancy', '--input', 'empty.json', '--agent', AGENTS.slice(0, 36), '--from', '2026-11-10', '--to', '2026-11-10', '--tz', 'UTC'];
/** About 860,000 rows: seconds of writing, so a signal can land in the middle of it. */
const LONG = ['occupancy', '--input', 'empty.json', '--agent', AGENTS, '--from', '2025-01-01', '--to', '2025-03-31', '--interval', '15m', '--tz', 'UTC'];

let dir: string;
beforeEach(() => {
  dir = tempDir('gcx-out-');
  fs.writeFileSync(path.join(dir, 'empty.json'), '[]');
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const oneLine = (stderr: string) => {
  expect(stderr).toMatch(/^gcx-metrics: [^\n]+\n$/);
  expect(hasStackTrace(stderr)).toBe(false);
};

describe('--output names', () => {
  it('"-" is stdout: the report is printed and no file named "-" appears', async () => {
    const r = await runCli([...SMALL, '--output', '-'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout.split('\n')[0]).toMatch(/^interval_start,interval_end,agent_id,/);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1 + 48);
    expect(listFiles(dir)).toEqual(['empty.json']);
  });

  it('a trailing slash is exit 2, and neither f.csv nor anything else is written', async () => {
    const r = await runCli([...SMALL, '--output', 'f.csv/'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gcx-metrics: --output f.csv/: names a directory, not a file; give a file name such as report.csv\n');
    expect(listFiles(dir)).toEqual(['empty.json']);
  });

  it('the --input file as --output (also through a hard link) is exit 2 and the input is left alone', async () => {
    fs.linkSync(path.join(dir, 'empty.json'), path.join(dir, 'same.json'));
    for (const out of ['empty.json', 'same.json']) {
      const r = await runCli([...SMALL, '--output', out], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`gcx-metrics: --output ${out}: is the --input file itself (empty.json); write the report to another file\n`);
    }
    expect(fs.readFileSync(path.join(dir, 'empty.json'), 'utf8')).toBe('[]');
  });

  it('a symlinked report: the link survives and its target gets the new report', async () => {
    fs.mkdirSync(path.join(dir, 'reports'));
    fs.writeFileSync(path.join(dir, 'reports', 'r.csv'), OLD);
    fs.symlinkSync('reports/r.csv', path.join(dir, 'latest.csv'));
    const r = await runCli([...SMALL, '--output', 'latest.csv'], { cwd: dir });
    expect(r.code, r.stderr).toBe(0);
    expect(fs.lstatSync(path.join(dir, 'latest.csv')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'reports', 'r.csv'), 'utf8').split('\n')).toHaveLength(1 + 48 + 1);
    expect(listFiles(dir)).toEqual(['empty.json', 'latest.csv', 'reports/r.csv']);
  });

  it('a missing directory is exit 2 in words, before any request to the API', async () => {
    const rig = await startRig();
    try {
      const r = await runCli(['service-level', '--since', '30d', '--output', 'nope/sl.csv'], { cwd: dir, env: rig.env });
      expect(r.code).toBe(2);
      expect(r.stderr).toBe(`gcx-metrics: --output nope/sl.csv: directory ${fs.realpathSync(dir)}/nope does not exist\n`);
      expect(rig.proxy.entries()).toEqual([]);
    } finally {
      await rig.close();
    }
  });
});

describe.concurrent('a signal while the report is being written: exit 128+n, one line, the old report intact, no temp file', () => {
  for (const [signal, code] of [['SIGTERM', 143], ['SIGHUP', 129], ['SIGINT', 130]] as const) {
    it(signal, async () => {
      const work = tempDir('gcx-sig-');
      try {
        fs.writeFileSync(path.join(work, 'empty.json'), '[]');
        fs.writeFileSync(path.join(work, 'report.csv'), OLD);
        let pid: number | undefined;
        const run = runCli([...LONG, '--output', 'report.csv'], { cwd: work, onSpawn: (p) => (pid = p), timeoutMs: 120_000 });
        let finished = false;
        void run.then(() => (finished = true));
        // The temp file appears when writing starts; the signal goes out as soon as it is seen.
        while (!finished && !fs.readdirSync(work).some((n) => n.endsWith('.tmp'))) await new Promise((r) => setTimeout(r, 5));
        expect(finished, 'the run ended before its write phase was seen').toBe(false);
        process.kill(pid!, signal);
        const r = await run;
        expect(r.code, r.stderr).toBe(code);
        expect(r.stderr).toBe(`gcx-metrics: interrupted (${signal})\n`);
        expect(fs.readFileSync(path.join(work, 'report.csv'), 'utf8')).toBe(OLD);
        expect(listFiles(work)).toEqual(['empty.json', 'report.csv']);
      } finally {
        fs.rmSync(work, { recursive: true, force: true });
      }
    }, 120_000);
  }
});

/** Spawns the CLI with its own pipes, so a test can close the reading end the way `| head -1` does. */
function spawnCli(args: string[], onStart: (child: ReturnType<typeof spawn>) => void): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: { PATH: process.env.PATH ?? '', TZ: 'UTC' } });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.on('error', reject).on('close', (code) => resolve({ code, stderr }));
    onStart(child);
  });
}

describe('a reader that goes away', () => {
  it('stdout closed after the first line (`| head -1`): exit 0, nothing on stderr', async () => {
    let first = '';
    const r = await spawnCli(LONG, (child) => {
      child.stdout!.setEncoding('utf8').once('data', (d: string) => {
        first = d.split('\n')[0]!;
        child.stdout!.destroy();
      });
    });
    expect(first).toMatch(/^interval_start,/);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('stderr closed before the error is written: still the error\'s exit code, not a crash', async () => {
    const r = await spawnCli(['occupancy', '--input', 'missing.json'], (child) => child.stderr!.destroy());
    expect(r.code).toBe(2);
  });
});

/**
 * Devices, as root, only inside a private mount namespace: a tmpfs over an empty temp directory holds the device
 * nodes, and nothing outside the namespace (least of all the real /dev) ever sees them.
 */
// Under CI (root) these must run; anywhere else a missing unshare skips them.
const runDeviceTests = canUnshare || process.env.CI === 'true';
if (!runDeviceTests) console.warn('skipping device-output tests: they need root and unshare -m');

interface NsResult {
  code: number;
  stderr: string;
  /** `stat -c %F` of each device node afterwards. */
  kinds: Record<string, string>;
  /** Names in the device directory afterwards. */
  names: string[];
}

/** Runs the CLI once in a private mount namespace; `redirect` is appended to its shell command line. */
function inNamespace(args: string[], redirect: string): NsResult {
  const devices = tempDir('gcx-dev-');
  const results = tempDir('gcx-res-');
  try {
    const q = shq;
    const script = [
      'set -e',
      `D=${q(devices)}; R=${q(results)}`,
      'mount -t tmpfs tmpfs "$D"',
      'mknod "$D/null" c 1 3; mknod "$D/full" c 1 7; ln -s "$D/null" "$D/null-link"',
      `printf '[]' > "$D/empty.json"; printf 'old' > "$D/r.csv"; ln "$D/r.csv" "$D/r-link.csv"`,
      'cd "$D"',
      'set +e',
      `${q(process.execPath)} ${q(BIN)} ${args.map(q).join(' ')} ${redirect}; echo $? > "$R/code"`,
      'for n in null full null-link; do printf "%s=%s\\n" "$n" "$(stat -L -c %F "$D/$n")"; done > "$R/kinds"',
      'ls -A "$D" > "$R/names"',
    ].join('\n');
    const run = inPrivateMount(script, 60_000);
    expect(run.status, run.stderr).toBe(0);
    const read = (n: string) => fs.readFileSync(path.join(results, n), 'utf8');
    const errFile = path.join(results, 'stderr');
    return {
      code: Number(read('code')),
      stderr: fs.existsSync(errFile) ? read('stderr') : '',
      kinds: Object.fromEntries(read('kinds').trim().split('\n').map((l) => l.split('=') as [string, string])),
      names: read('names').trim().split('\n'),
    };
  } finally {
    fs.rmSync(results, { recursive: true, force: true });
    fs.rmSync(devices, { recursive: true, force: true });
  }
}

const DEVICES_INTACT = { null: 'character special file', full: 'character special file', 'null-link': 'character special file' };
const NAMES = ['empty.json', 'full', 'null', 'null-link', 'r-link.csv', 'r.csv'];
/** stderr to the results directory, which lies outside the tmpfs. */
const ERR = '2> "$R/stderr"';

describe.skipIf(!runDeviceTests)('devices as --output, stdout and stderr (root, private mount namespace)', () => {
  it('--output to a null device: written through, the device node stays a device, no temp file', () => {
    const r = inNamespace([...SMALL, '--output', 'null'], ERR);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.kinds).toEqual(DEVICES_INTACT);
    expect(r.names).toEqual(NAMES);
  });

  it('--output to a symlink to a device: the device is written, the link stays', () => {
    const r = inNamespace([...SMALL, '--output', 'null-link'], ERR);
    expect(r.code, r.stderr).toBe(0);
    expect(r.kinds).toEqual(DEVICES_INTACT);
    expect(r.names).toEqual(NAMES);
  });

  it('--output to a full device: one line in words, exit 2, the device stays', () => {
    const r = inNamespace([...SMALL, '--output', 'full'], ERR);
    expect(r.code).toBe(2);
    oneLine(r.stderr);
    expect(r.stderr).toMatch(/--output full: cannot write: no space left on device \(ENOSPC\)/);
    expect(r.kinds).toEqual(DEVICES_INTACT);
    expect(r.names).toEqual(NAMES);
  });

  it('stdout to a full device: one line, exit 2, no stack trace', () => {
    const r = inNamespace(SMALL, `> "$D/full" ${ERR}`);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('gcx-metrics: stdout: cannot write: no space left on device (ENOSPC)\n');
  });

  it('stderr to a full device: a failing run keeps its exit code instead of crashing', () => {
    const r = inNamespace(['occupancy', '--input', 'missing.json'], '2> "$D/full"');
    expect(r.code).toBe(2);
  });

  it('stderr to a full device: a successful run whose warning cannot be written still exits 0', () => {
    // Replacing a hard-linked file warns on stderr.
    const r = inNamespace([...SMALL, '--output', 'r.csv'], '2> "$D/full"');
    expect(r.code).toBe(0);
    expect(r.names).toEqual(NAMES);
  });
});
