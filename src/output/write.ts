import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { UsageError } from '../errors.js';
import { checkOutputTarget } from './output-target.js';
import { describeIoError } from './io-error.js';

export type OutputTarget = { kind: 'stdout'; stream: NodeJS.WritableStream } | { kind: 'file'; path: string; cwd?: string };
/** Text from the renderers; bytes from the binary formats (Parquet). */
type Chunk = string | Uint8Array;
type Chunks = Iterable<Chunk> | AsyncIterable<Chunk>;

/** Renderers yield per row; writes go out in blocks of about this many characters. */
const BLOCK = 64 * 1024;
/** Temp files that exist right now, for cleanupTempFiles when a signal ends the process. */
const activeTemps = new Set<string>();

const writeFd = (fd: number, buffer: Buffer, offset: number, length: number) =>
  new Promise<number>((resolve, reject) =>
    fs.write(fd, buffer, offset, length, null, (err, written) => (err ? reject(err) : resolve(written))),
  );
const fsyncFd = promisify(fs.fsync);
const closeFd = promisify(fs.close);

/**
 * The one place output is written. stdout: respects backpressure, and a reader that goes away (EPIPE, e.g.
 * `| head`) ends the run quietly. A file: see checkOutputTarget; a regular file (or a symlink's target) is written
 * to `<dir>/.<name>.<pid>.<random>.tmp`, fsynced and renamed into place only when every chunk arrived, so on any
 * failure the temp file is removed and an existing file is untouched; a device or FIFO is written in place.
 * Errors from `chunks` itself propagate unchanged; I/O errors become a UsageError naming the target in words.
 */
export async function writeOutput(chunks: Chunks, target: OutputTarget): Promise<void> {
  if (target.kind === 'stdout') return writeStream(chunks, target.stream, 'stdout');
  // Checked again here: the early check ran before the fetch, and the file system may have changed since.
  const plan = checkOutputTarget(target.path, { cwd: target.cwd });
  if (plan.kind === 'stdout') throw new Error('internal: "--output -" must be passed as the stdout target');
  const fail = (err: unknown) => new UsageError(`--output ${target.path}: cannot write: ${describeIoError(err)}`);
  if (plan.kind === 'direct') return writeInPlace(chunks, plan.path, fail);
  return replaceAtomically(chunks, plan.path, fail);
}

/** Removes temp files still being written; synchronous, so a signal handler can call it just before exiting. */
export function cleanupTempFiles(): void {
  for (const tmp of activeTemps) {
    try {
      fs.rmSync(tmp, { force: true });
    } catch {
      // Nothing more can be done on the way out; the name says what it is.
    }
  }
  activeTemps.clear();
}

async function writeStream(chunks: Chunks, stream: NodeJS.WritableStream, label: string): Promise<void> {
  let failure: NodeJS.ErrnoException | undefined;
  let closed = false;
  let wake: (() => void) | undefined;
  const onError = (err: NodeJS.ErrnoException) => {
    failure ??= err;
    wake?.();
  };
  const onClose = () => {
    closed = true;
    wake?.();
  };
  stream.on('error', onError).on('close', onClose);
  try {
    // One block at a time, each handed to the OS (its write callback) before the next is rendered: a pipe that
    // reads slowly holds the renderer back, and a redirected file (where Node writes synchronously but defers the
    // callbacks) never accumulates the whole output in memory.
    for await (const text of blocks(chunks)) {
      if (failure || closed) break;
      await new Promise<void>((resolve) => {
        wake = resolve;
        stream.write(text, () => resolve());
      });
      wake = undefined;
    }
  } finally {
    stream.off('error', onError).off('close', onClose);
    // A failed stream may report again later (EPIPE, ENOSPC on the exit flush); with no listener that would crash.
    if (failure && stream.listenerCount('error') === 0) stream.on('error', () => {});
  }
  if (failure && failure.code !== 'EPIPE') throw new UsageError(`${label}: cannot write: ${describeIoError(failure)}`);
}

/** Writes a whole buffer to a file descriptor (write(2) may take less than asked). */
async function writeAll(fd: number, text: Chunk): Promise<void> {
  const buffer = typeof text === 'string' ? Buffer.from(text, 'utf8') : Buffer.from(text.buffer, text.byteOffset, text.byteLength);
  for (let at = 0; at < buffer.length; ) at += await writeFd(fd, buffer, at, buffer.length - at);
}

async function replaceAtomically(chunks: Chunks, target: string, fail: (err: unknown) => Error): Promise<void> {
  const tmp = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  const io = async <T>(step: () => T | Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      throw fail(err);
    }
  };
  // Registered before it exists and created synchronously: a signal can never find a temp file it does not know.
  activeTemps.add(tmp);
  let fd: number | undefined;
  try {
    fd = await io(() => fs.openSync(tmp, 'wx', 0o666));
    await io(() => keepOwnershipAndMode(fd!, target));
    for await (const text of blocks(chunks)) await io(() => writeAll(fd!, text));
    await io(() => fsyncFd(fd!));
    await io(() => closeFd(fd!));
    fd = undefined;
    // Synchronous, so that no signal lands between the rename and forgetting the temp name.
    await io(() => {
      fs.renameSync(tmp, target);
      activeTemps.delete(tmp);
    });
    syncDirectory(path.dirname(target));
  } catch (err) {
    if (fd !== undefined) await closeFd(fd).catch(() => {});
    fs.rmSync(tmp, { force: true });
    throw err;
  } finally {
    activeTemps.delete(tmp);
  }
}

/** A replaced report keeps its permissions (a file chmod-ed 600 stays 600) and, when we may, its owner. */
function keepOwnershipAndMode(fd: number, target: string): void {
  const old = fs.statSync(target, { throwIfNoEntry: false });
  if (!old?.isFile()) return;
  fs.fchmodSync(fd, old.mode & 0o7777);
  const mine = fs.fstatSync(fd);
  if (mine.uid !== old.uid || mine.gid !== old.gid) {
    try {
      fs.fchownSync(fd, old.uid, old.gid);
    } catch {
      // Only root may give a file away; anyone else's replacement is simply theirs.
    }
  }
}

/** Makes the rename itself durable; not every file system lets a directory be fsynced, and that is fine. */
function syncDirectory(dir: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(dir, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/**
 * A device or FIFO: opened (asynchronously, so a FIFO with no reader yet does not block signal handling) and
 * written as it is. A reader that goes away (EPIPE) ends the output quietly, as on stdout.
 */
async function writeInPlace(chunks: Chunks, target: string, fail: (err: unknown) => Error): Promise<void> {
  let fd: number;
  try {
    fd = await promisify(fs.open)(target, 'w');
  } catch (err) {
    throw fail(err);
  }
  try {
    for await (const text of blocks(chunks)) await writeAll(fd, text);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EPIPE') return;
    if (err instanceof Error && 'code' in err && 'syscall' in err) throw fail(err);
    throw err;
  } finally {
    await closeFd(fd).catch(() => {});
  }
}

/**
 * Joins small text chunks into blocks of about BLOCK characters, so a row per chunk does not mean a syscall per
 * row; bytes pass through as they are.
 */
async function* blocks(chunks: Chunks): AsyncIterable<Chunk> {
  let pending: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    if (typeof chunk !== 'string') {
      if (size > 0) yield pending.join('');
      pending = [];
      size = 0;
      yield chunk;
      continue;
    }
    pending.push(chunk);
    size += chunk.length;
    if (size >= BLOCK) {
      yield pending.join('');
      pending = [];
      size = 0;
    }
  }
  if (size > 0) yield pending.join('');
}
