import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { UsageError } from '../errors.js';

export type OutputTarget = { kind: 'stdout'; stream: NodeJS.WritableStream } | { kind: 'file'; path: string };
type Chunks = Iterable<string> | AsyncIterable<string>;

/** Renderers yield per row; writes go out in blocks of about this many characters. */
const BLOCK = 64 * 1024;
/** Temp files being written right now, for cleanupTempFiles on SIGINT. */
const activeTemps = new Set<string>();

/**
 * The one place output is written. stdout: respects backpressure, and a reader that goes away (EPIPE, e.g.
 * `| head`) ends the run quietly. A file: written to `<dir>/.<name>.<pid>.<random>.tmp`, fsynced, and renamed into
 * place only when every chunk arrived; on any failure the temp file is removed and an existing file is untouched.
 * Errors from `chunks` itself propagate unchanged; I/O errors become a UsageError naming the target.
 */
export async function writeOutput(chunks: Chunks, target: OutputTarget): Promise<void> {
  if (target.kind === 'stdout') return writeStream(chunks, target.stream);
  return writeFileAtomic(chunks, target.path);
}

/** Removes temp files still being written (synchronously: the CLI calls it on SIGINT just before exiting). */
export function cleanupTempFiles(): void {
  for (const tmp of activeTemps) fs.rmSync(tmp, { force: true });
  activeTemps.clear();
}

async function writeStream(chunks: Chunks, stream: NodeJS.WritableStream): Promise<void> {
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
  const onDrain = () => wake?.();
  stream.on('error', onError).on('close', onClose).on('drain', onDrain);
  let lastWrite: Promise<void> = Promise.resolve();
  try {
    for await (const text of blocks(chunks)) {
      if (failure || closed) break;
      let ok = true;
      // The callback of the last write tells when everything has been handed to the OS (or failed).
      lastWrite = new Promise((resolve) => (ok = stream.write(text, () => resolve())));
      if (!ok && !failure && !closed) await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    if (!failure && !closed) await lastWrite;
  } finally {
    stream.off('error', onError).off('close', onClose).off('drain', onDrain);
    // A vanished reader may report EPIPE again later; with no listener that would crash the process.
    if (failure?.code === 'EPIPE') stream.on('error', () => {});
  }
  if (failure && failure.code !== 'EPIPE') {
    throw new UsageError(`stdout: write failed (${failure.code ?? failure.message})`);
  }
}

async function writeFileAtomic(chunks: Chunks, file: string): Promise<void> {
  const target = path.resolve(file);
  const tmp = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`,
  );
  const io = async <T>(step: () => Promise<T>): Promise<T> => {
    try {
      return await step();
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      throw new UsageError(`--output: cannot write "${file}" (${e.code ?? e.message})`);
    }
  };
  let handle: fsp.FileHandle | undefined;
  activeTemps.add(tmp);
  try {
    handle = await io(() => fsp.open(tmp, 'wx'));
    // Replacing a file keeps its permissions (a report someone chmod-ed 600 stays 600).
    const old = await fsp.stat(target).catch(() => undefined);
    if (old?.isFile()) await io(() => handle!.chmod(old.mode & 0o7777));
    for await (const text of blocks(chunks)) {
      const buffer = Buffer.from(text, 'utf8');
      for (let at = 0; at < buffer.length; ) {
        at += (await io(() => handle!.write(buffer, at, buffer.length - at))).bytesWritten;
      }
    }
    await io(() => handle!.sync());
    await io(() => handle!.close());
    handle = undefined;
    await io(() => fsp.rename(tmp, target));
  } catch (err) {
    await handle?.close().catch(() => {});
    await fsp.rm(tmp, { force: true }).catch(() => {});
    throw err;
  } finally {
    activeTemps.delete(tmp);
  }
}

/** Joins small chunks into blocks of about BLOCK characters, so a row per chunk does not mean a syscall per row. */
async function* blocks(chunks: Chunks): AsyncIterable<string> {
  let pending: string[] = [];
  let size = 0;
  for await (const chunk of chunks) {
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
