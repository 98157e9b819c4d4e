import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { checkOutputTarget, realTargetFs } from '../../src/output/output-target.js';

let dir: string;
beforeEach(() => {
  dir = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'gcx-target-')));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const check = (arg: string, opts: Parameters<typeof checkOutputTarget>[1] = {}) => checkOutputTarget(arg, { cwd: dir, ...opts });
const failure = (arg: string, opts: Parameters<typeof checkOutputTarget>[1] = {}) => {
  try {
    check(arg, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`--output ${arg} was accepted`);
};

describe('checkOutputTarget', () => {
  it('"-" is stdout, not a file named -', () => {
    expect(check('-')).toEqual({ kind: 'stdout' });
  });

  it('a new or existing regular file is replaced in place, relative to the working directory', () => {
    expect(check('report.csv')).toEqual({ kind: 'replace', path: path.join(dir, 'report.csv') });
    fs.writeFileSync(path.join(dir, 'report.csv'), 'old');
    expect(check('report.csv')).toEqual({ kind: 'replace', path: path.join(dir, 'report.csv') });
  });

  it('a trailing slash names a directory: refused, never written as the file without it', () => {
    expect(failure('f.csv/')).toBe('--output f.csv/: names a directory, not a file; give a file name such as report.csv');
    expect(failure('.')).toMatch(/names a directory/);
  });

  it('a missing directory, a file used as a directory and a directory as the target are named in words', () => {
    expect(failure('nope/y.csv')).toBe(`--output nope/y.csv: directory ${dir}/nope does not exist`);
    fs.writeFileSync(path.join(dir, 'plain'), '');
    expect(failure('plain/y.csv')).toBe(`--output plain/y.csv: ${dir}/plain is not a directory`);
    fs.mkdirSync(path.join(dir, 'sub'));
    expect(failure('sub')).toBe('--output sub: is a directory; give a file name inside it');
  });

  it('a directory that cannot be written is refused before any request', () => {
    const readOnly = { ...realTargetFs, writable: () => false };
    expect(failure('report.csv', { fs: readOnly })).toBe(`--output report.csv: directory ${dir} is not writable`);
  });

  it('a symlink is followed: its final target is what gets replaced, also when the target does not exist yet', () => {
    fs.mkdirSync(path.join(dir, 'real'));
    fs.writeFileSync(path.join(dir, 'real', 'r.csv'), 'old');
    fs.symlinkSync('real/r.csv', path.join(dir, 'link.csv'));
    fs.symlinkSync('link.csv', path.join(dir, 'link2.csv'));
    expect(check('link2.csv')).toEqual({ kind: 'replace', path: path.join(dir, 'real', 'r.csv') });
    fs.symlinkSync('real/new.csv', path.join(dir, 'dangling.csv'));
    expect(check('dangling.csv')).toEqual({ kind: 'replace', path: path.join(dir, 'real', 'new.csv') });
    fs.symlinkSync('missing/x.csv', path.join(dir, 'nowhere.csv'));
    expect(failure('nowhere.csv')).toBe(`--output nowhere.csv: directory ${dir}/missing does not exist`);
  });

  it('a symlink loop is refused', () => {
    fs.symlinkSync('b', path.join(dir, 'a'));
    fs.symlinkSync('a', path.join(dir, 'b'));
    expect(failure('a')).toMatch(/^--output a: too many symbolic links encountered \(ELOOP\)$/);
  });

  it('a FIFO is written in place, never replaced', () => {
    fs.mkdirSync(path.join(dir, 'p'));
    const fifo = path.join(dir, 'p', 'fifo');
    execFileSync('mkfifo', [fifo]); // coreutils: Node has no API for it; the FIFO lives in this test's temp dir
    expect(check('p/fifo')).toEqual({ kind: 'direct', path: fifo, what: 'FIFO' });
  });

  it('a hard-linked file is replaced (atomically), with a warning that its other names keep the old content', () => {
    fs.writeFileSync(path.join(dir, 'r.csv'), 'old');
    fs.linkSync(path.join(dir, 'r.csv'), path.join(dir, 'other.csv'));
    expect(check('r.csv')).toEqual({
      kind: 'replace',
      path: path.join(dir, 'r.csv'),
      warning: '--output r.csv: the file has 2 hard links; it is replaced by a new file and the other links keep the old content',
    });
  });

  it('the --input file itself is refused, also through a symlink or a hard link', () => {
    fs.writeFileSync(path.join(dir, 'in.json'), '[]');
    fs.symlinkSync('in.json', path.join(dir, 'sym.json'));
    fs.linkSync(path.join(dir, 'in.json'), path.join(dir, 'hard.json'));
    for (const out of ['in.json', 'sym.json', 'hard.json', `${dir}/./in.json`]) {
      expect(failure(out, { input: 'in.json' })).toBe(`--output ${out}: is the --input file itself (in.json); write the report to another file`);
    }
    expect(check('other.json', { input: 'in.json' }).kind).toBe('replace');
    expect(check('in.json', { input: '-' }).kind).toBe('replace');
  });
});

