import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { UsageError } from '../errors.js';
import { describeIoError } from './io-error.js';

/**
 * Where `--output` really writes, decided before any API request so that a 30-day pull never ends on a missing
 * directory. Three ways to write:
 * - `stdout`: `--output -` (or no --output).
 * - `replace`: a regular file (existing or new) is written to a temp file in the same directory, fsynced and renamed
 *   over `path`. A symlink is followed: `path` is its final target, so the link survives and its target changes.
 * - `direct`: a device, a FIFO or anything else that is not a regular file is opened and written in place; it is
 *   never replaced (renaming over `/dev/null` would put a regular file where the device node was).
 */
export type OutputPlan =
  | { kind: 'stdout' }
  | { kind: 'replace'; path: string; warning?: string }
  | { kind: 'direct'; path: string; what: string };

/** What the check needs from the file system; the real one by default, a fake in unit tests. */
export interface TargetFs {
  lstat(p: string): fs.Stats | undefined;
  stat(p: string): fs.Stats | undefined;
  readlink(p: string): string;
  writable(p: string): boolean;
  /** Creates and removes a file in `dir`, as the temp file will be; throws the system's error. */
  probe(dir: string, name: string): void;
  /** The effective user id (-1 where there is none): who must own a file to replace it in a sticky directory. */
  euid(): number;
}

/** undefined when nothing is there (ENOENT) or a parent is not a directory (ENOTDIR); other errors throw. */
function absentAs<T>(look: () => T): T | undefined {
  try {
    return look();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') return undefined;
    throw err;
  }
}

export const realTargetFs: TargetFs = {
  lstat: (p) => absentAs(() => fs.lstatSync(p)),
  stat: (p) => absentAs(() => fs.statSync(p)),
  readlink: (p) => fs.readlinkSync(p),
  writable: (p) => {
    try {
      fs.accessSync(p, fs.constants.W_OK);
      return true;
    } catch {
      return false;
    }
  },
  probe: (dir, name) => {
    const file = path.join(dir, `.${name}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
    fs.rmSync(file, { force: true });
  },
  euid: () => process.geteuid?.() ?? -1,
};

/** Linux's own limit on symlinks followed in one lookup. */
const MAX_LINKS = 40;

/** Resolves and checks `--output <arg>`; throws a UsageError (exit 2) that says in words what is wrong. */
export function checkOutputTarget(arg: string, opts: { cwd?: string; input?: string; fs?: TargetFs } = {}): OutputPlan {
  if (arg === '-') return { kind: 'stdout' };
  try {
    return planFor(arg, opts);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    // EACCES on a parent directory, ELOOP, ENAMETOOLONG…: the system's words, still exit 2.
    throw new UsageError(`--output ${arg}: ${describeIoError(err)}`);
  }
}

function planFor(arg: string, opts: { cwd?: string; input?: string; fs?: TargetFs }): OutputPlan {
  const cwd = opts.cwd ?? process.cwd();
  const tfs = opts.fs ?? realTargetFs;
  const fail = (why: string) => new UsageError(`--output ${arg}: ${why}`);
  if (arg.endsWith('/') || arg.endsWith(`${path.sep}.`) || arg === '.' || arg.endsWith(`${path.sep}..`) || arg === '..') {
    throw fail('names a directory, not a file; give a file name such as report.csv');
  }
  const given = path.resolve(cwd, arg);
  // What the name finally points at; /dev/stdout and other /proc links to a pipe can only be followed this way.
  const final = tfs.stat(given);
  if (final?.isDirectory()) throw fail('is a directory; give a file name inside it');
  if (final && !final.isFile()) {
    const what = kindOf(final);
    if (final.isSocket()) throw fail('is a socket, which cannot be written as a file');
    if (!tfs.writable(given)) throw fail(`is a ${what} that is not writable`);
    return { kind: 'direct', path: given, what };
  }
  // A regular file, or nothing yet: follow symlinks by hand (a dangling one still names the file to create), so
  // that the temp file goes beside the file that is really replaced.
  let target = given;
  let entry = tfs.lstat(target);
  for (let hops = 0; entry?.isSymbolicLink(); hops++) {
    if (hops === MAX_LINKS) throw fail('too many levels of symbolic links');
    target = path.resolve(path.dirname(target), tfs.readlink(target));
    entry = tfs.lstat(target);
  }
  const dir = path.dirname(target);
  const dirEntry = tfs.stat(dir);
  if (!dirEntry) throw fail(`directory ${dir} does not exist`);
  if (!dirEntry.isDirectory()) throw fail(`${dir} is not a directory`);
  // The temp file and the rename both need the directory writable, even when the file itself is.
  if (!tfs.writable(dir)) throw fail(`directory ${dir} is not writable`);
  // access(2) says nothing of a full disk, inode quota or security module: create the temp file's twin now.
  try {
    tfs.probe(dir, path.basename(target));
  } catch (err) {
    throw fail(`cannot create a file in directory ${dir}: ${describeIoError(err)}`);
  }
  // In a sticky directory (/tmp) only the file's owner, the directory's owner or root may rename over a file.
  const me = tfs.euid();
  if (entry && dirEntry.mode & 0o1000 && me > 0 && entry.uid !== me && dirEntry.uid !== me) {
    throw fail(`belongs to another user (uid ${entry.uid}) in the sticky directory ${dir}, so it cannot be replaced; write to another name`);
  }
  if (entry && opts.input !== undefined && opts.input !== '-') {
    const input = tfs.stat(path.resolve(cwd, opts.input));
    if (input && input.dev === entry.dev && input.ino === entry.ino) {
      throw fail(`is the --input file itself (${opts.input}); write the report to another file`);
    }
  }
  if (entry && entry.nlink > 1) {
    return {
      kind: 'replace',
      path: target,
      warning: `--output ${arg}: the file has ${entry.nlink} hard links; it is replaced by a new file and the other links keep the old content`,
    };
  }
  return { kind: 'replace', path: target };
}

function kindOf(entry: fs.Stats): string {
  if (entry.isCharacterDevice()) return 'character device';
  if (entry.isBlockDevice()) return 'block device';
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  return 'special file';
}
