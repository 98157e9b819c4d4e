import { constants, createReadStream, openSync } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InterruptedError, UsageError } from '../errors.js';

/** Bytes of `--input`, read into the caller's buffer (no buffer per read for the garbage collector to chase). */
export interface ByteSource {
  /** Fills `into[offset, offset + length)` as far as it can; 0 at the end of the input. */
  read(into: Buffer, offset: number, length: number): Promise<number>;
  close(): Promise<void>;
}

/**
 * Opens `--input` (a path, or `-` for stdin), gunzipping when the content starts with the gzip magic bytes
 * (whatever the file is called). Failures become one-line usage errors naming the input. A regular file is read
 * with positioned reads straight into the caller's buffer. A FIFO is opened non-blocking and read through the
 * event loop: a blocking open() of a FIFO nobody writes to holds a libuv thread that even process.exit waits
 * for, so SIGINT could not end the run. `signal` destroys a stream, so an interrupt also ends a read that waits.
 */
export async function openInput(path: string, stdin: Readable, signal: AbortSignal): Promise<ByteSource> {
  const label = path === '-' ? 'stdin' : path;
  try {
    if (path === '-') return streamSource(stdin, label, signal);
    const kind = await stat(path);
    if (kind.isDirectory()) throw new UsageError(`--input: ${label} is a directory; expected a file`);
    if (kind.isFIFO()) {
      // Non-blocking, open() returns at once even with no writer; the socket owns (and closes) the descriptor.
      const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
      return streamSource(new Socket({ fd, readable: true, writable: false }), label, signal);
    }
    if (!kind.isFile()) return streamSource(createReadStream(path, { highWaterMark: READ_BYTES }), label, signal);
    const file = await open(path, 'r');
    const magic = Buffer.alloc(2);
    await file.read(magic, 0, 2, 0);
    if (isGzip(magic)) {
      await file.close();
      return streamSource(createReadStream(path, { highWaterMark: READ_BYTES }), label, signal);
    }
    return fileSource(file, label);
  } catch (error) {
    throw toUsageError(error, label);
  }
}

/**
 * The size of `path` when it is a regular file that is not gzip, so it can be split into byte ranges read
 * independently; undefined otherwise (and for a file that cannot be opened: openInput then says why).
 */
export async function splittableSize(path: string): Promise<number | undefined> {
  try {
    const kind = await stat(path);
    if (!kind.isFile()) return undefined;
    const file = await open(path, 'r');
    try {
      const magic = Buffer.alloc(2);
      await file.read(magic, 0, 2, 0);
      return isGzip(magic) ? undefined : kind.size;
    } finally {
      await file.close();
    }
  } catch {
    return undefined;
  }
}

/** Bytes `[start, end)` of an open file (to its end when `end` is past it), by positioned reads. */
export function fileRangeSource(file: FileHandle, start: number, end: number, label: string): ByteSource {
  let position = start;
  return {
    async read(into, offset, length) {
      const wanted = Math.min(length, end - position);
      if (wanted <= 0) return 0;
      try {
        const { bytesRead } = await file.read(into, offset, wanted, position);
        position += bytesRead;
        return bytesRead;
      } catch (error) {
        throw toUsageError(error, label);
      }
    },
    close: async () => undefined,
  };
}

/** What one read asks a stream or the gunzip for. */
const READ_BYTES = 1 << 18;

const isGzip = (b: Buffer) => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

function fileSource(file: FileHandle, label: string): ByteSource {
  return {
    async read(into, offset, length) {
      try {
        return (await file.read(into, offset, length, null)).bytesRead;
      } catch (error) {
        throw toUsageError(error, label);
      }
    },
    close: () => file.close(),
  };
}

function streamSource(raw: Readable, label: string, signal: AbortSignal): ByteSource {
  let source: Readable = raw;
  // Destroyed without an error (an error with no reader yet would be an unhandled 'error' event); read() then
  // sees the signal and says why.
  const abort = () => source.destroy();
  signal.addEventListener('abort', abort, { once: true });
  let chunks: AsyncIterator<Buffer> | undefined;
  let rest: Buffer | undefined;
  const next = async (): Promise<Buffer | undefined> => {
    if (!chunks) {
      const it = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
      const first = await it.next();
      if (first.done) return undefined;
      if (!isGzip(first.value)) {
        chunks = it;
        return first.value;
      }
      const replay = (async function* () {
        yield first.value;
        for (let n = await it.next(); !n.done; n = await it.next()) yield n.value;
      })();
      source = Readable.from(replay).pipe(createGunzip({ chunkSize: READ_BYTES }));
      source.once('close', () => raw.destroy());
      chunks = source[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    }
    const n = await chunks.next();
    return n.done ? undefined : n.value;
  };
  return {
    async read(into, offset, length) {
      try {
        if (signal.aborted) throw new InterruptedError();
        if (!rest || rest.length === 0) rest = await next();
        if (!rest) return 0;
        const copied = rest.copy(into, offset, 0, Math.min(length, rest.length));
        rest = rest.subarray(copied);
        return copied;
      } catch (error) {
        throw signal.aborted ? new InterruptedError() : toUsageError(error, label);
      }
    },
    async close() {
      signal.removeEventListener('abort', abort);
      raw.destroy();
      source.destroy();
    },
  };
}

function toUsageError(error: unknown, label: string): unknown {
  if (error instanceof UsageError || error instanceof InterruptedError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') return new UsageError(`--input: ${label} does not exist; expected a path to a JSON, NDJSON or .gz file, or - for stdin`);
  if (code === 'EISDIR') return new UsageError(`--input: ${label} is a directory; expected a file`);
  if (code === 'EACCES') return new UsageError(`--input: ${label} cannot be read (permission denied)`);
  if (code.startsWith('Z_')) {
    return new UsageError(`--input: ${label} is not a valid gzip file (${(error as Error).message}); expected gzip-compressed JSON or NDJSON`);
  }
  return error;
}
