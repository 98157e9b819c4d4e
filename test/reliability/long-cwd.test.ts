import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from '../e2e/cli.js';
import { tempDir } from './support.js';

/**
 * A current directory whose path is longer than PATH_MAX (4096): getcwd() fails (ERANGE), so the CLI cannot know
 * where it runs. What needs no path still works; anything that does is exit 2 in one line, never "internal error".
 */

/** 45 steps of 100 characters: a path of about 4,600 bytes, reached with relative `cd`s in bash (dash refuses to cd that deep). */
const STEP = 'd'.repeat(100);
const STEPS = 45;

let dir: string;
beforeEach(() => {
  dir = tempDir('gcx-cwd-');
});
// rm(1) walks the tree by descriptors; fs.rmSync unlinks by full path, which is too long here.
afterEach(() => {
  spawnSync('rm', ['-rf', dir]);
});

/** Runs the built CLI from the deep directory; its stdout, stderr and exit code land in `dir` (a short path). */
function fromDeepDirectory(args: string[]): { code: number; stdout: string; stderr: string } {
  const quoted = args.map((a) => `'${a}'`).join(' ');
  const script = [
    'set -e',
    `cd '${dir}'`,
    `i=0; while [ $i -lt ${STEPS} ]; do mkdir ${STEP}; cd ${STEP}; i=$((i+1)); done`,
    'set +e',
    `'${process.execPath}' '${BIN}' ${quoted} >'${dir}/out' 2>'${dir}/err'`,
    `echo $? >'${dir}/rc'`,
  ].join('\n');
  const r = spawnSync('bash', ['-c', script], { env: { PATH: process.env.PATH ?? '', TZ: 'UTC' }, encoding: 'utf8', timeout: 60_000 });
  expect(r.status, r.stderr).toBe(0);
  const read = (name: string) => fs.readFileSync(path.join(dir, name), 'utf8');
  return { code: Number(read('rc')), stdout: read('out'), stderr: read('err') };
}

describe('a current directory longer than PATH_MAX', () => {
  it('--version still prints the version (it needs no path)', () => {
    const r = fromDeepDirectory(['--version']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('a --demo report with a relative --output is exit 2, one line naming the current directory, and writes nothing', () => {
    const r = fromDeepDirectory(['occupancy', '--demo', '--since', '1h', '--output', 'r.csv']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gcx-metrics: the current directory cannot be used: [^\n]*\(ERANGE\)[^\n]*\n$/);
    expect(r.stdout).toBe('');
  });

  it('a --demo report to stdout is exit 2 too (the .env beside it cannot be found without the directory)', () => {
    const r = fromDeepDirectory(['service-level', '--demo', '--since', '1h']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^gcx-metrics: the current directory cannot be used: [^\n]*\n$/);
  });
});
