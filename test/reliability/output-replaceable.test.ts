import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSim, type SimServer } from '../../src/sim/index.js';
import { BIN } from '../e2e/cli.js';
import { DAY, simEnv, tempDir } from './support.js';
import { canUnshare, shq } from '../private-mount.js';

/**
 * `--output FILE` that the report could not be renamed onto, or whose directory takes no new file although
 * access(2) says it is writable: exit 2 before the first API request, not after the whole window was fetched.
 * The CLI runs as another user (uid 65534) or in a private mount namespace, so both need root.
 */
const asRoot = process.getuid?.() === 0;
if (!asRoot) console.warn('skipping output-replaceable.test.ts: it needs root (setpriv to uid 65534, unshare -m)');

const NOBODY = 65534;
const q = shq;

let sim: SimServer;
beforeAll(async () => {
  sim = await startSim({ port: 0 });
});
afterAll(async () => {
  await sim?.close();
});

let dir: string;
beforeEach(() => {
  dir = tempDir('gcx-outrep-');
  // Searchable by uid 65534, as /tmp is.
  fs.chmodSync(dir, 0o755);
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/**
 * Runs `command` (shell), in which `cli ARGS…` runs the built CLI; its exit code and stderr. Asynchronously: the simulator
 * answers from this process's event loop.
 */
async function shell(command: string, prefix: string[] = []): Promise<{ code: number; stderr: string }> {
  // Writable by uid 65534 too.
  const res = fs.mkdtempSync(path.join(dir, 'res-'));
  fs.chmodSync(res, 0o777);
  const cli = `cli() { ${q(process.execPath)} ${q(BIN)} "$@" 2>${q(`${res}/err`)}; echo $? >${q(`${res}/code`)}; }`;
  const script = [cli, command].join('\n');
  const child = spawn(prefix[0] ?? 'sh', [...prefix.slice(1), ...(prefix.length ? ['sh'] : []), '-c', script], {
    env: { PATH: process.env.PATH ?? '', TZ: 'UTC', HOME: dir, ...simEnv(sim) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const status = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);
  expect(status, stderr).toBe(0);
  const result = { code: Number(fs.readFileSync(`${res}/code`, 'utf8')), stderr: fs.readFileSync(`${res}/err`, 'utf8') };
  fs.rmSync(res, { recursive: true, force: true });
  return result;
}

const REPORT = ['occupancy', ...DAY].join(' ');

describe.skipIf(!asRoot)('--output that cannot be replaced is exit 2 before any request', () => {
  it("another user's file in a sticky world-writable directory (rename would be EPERM): exit 2, no request, the file untouched", async () => {
    const sticky = path.join(dir, 'shared');
    fs.mkdirSync(sticky);
    fs.chmodSync(sticky, 0o1777);
    const report = path.join(sticky, 'r.csv');
    fs.writeFileSync(report, 'old\n');
    // The file is root's; the CLI runs as uid 65534, which may create files here but not replace root's.
    const before = sim.requests().length;
    const r = await shell(`cd ${q(dir)} && cli ${REPORT} --output ${q(report)}`, ['setpriv', '--reuid', `${NOBODY}`, '--regid', `${NOBODY}`, '--clear-groups']);
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^gcx-metrics: --output ${report.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: [^\n]*sticky[^\n]*\n$`));
    expect(sim.requests().length - before).toBe(0);
    expect(fs.readFileSync(report, 'utf8')).toBe('old\n');
    expect(fs.readdirSync(sticky)).toEqual(['r.csv']);
  });

  it.skipIf(!canUnshare)('a directory where no new file can be created (a tmpfs out of inodes): exit 2 naming why, no request, the file untouched', async () => {
    const full = path.join(dir, 'full');
    fs.mkdirSync(full);
    const before = sim.requests().length;
    // nr_inodes=2: the root directory and r.csv; the temp file beside r.csv cannot be created (ENOSPC).
    const r = await shell(
      [
        `mount -t tmpfs -o nr_inodes=2 tmpfs ${q(full)}`,
        `echo old > ${q(`${full}/r.csv`)}`,
        `cd ${q(dir)} && cli ${REPORT} --output ${q(`${full}/r.csv`)}`,
        `cat ${q(`${full}/r.csv`)} > ${q(`${dir}/after`)}; ls -A ${q(full)} > ${q(`${dir}/names`)}`,
      ].join('\n'),
      ['unshare', '-m', '--propagation', 'private'],
    );
    expect(r.code, r.stderr).toBe(2);
    expect(r.stderr).toMatch(/^gcx-metrics: --output [^\n]*r\.csv: [^\n]*\(ENOSPC\)\n$/);
    expect(sim.requests().length - before).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'after'), 'utf8')).toBe('old\n');
    expect(fs.readFileSync(path.join(dir, 'names'), 'utf8')).toBe('r.csv\n');
  });
});
