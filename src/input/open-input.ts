import { constants, createReadStream, openSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { Socket } from 'node:net';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InterruptedError, UsageError } from '../errors.js';

/** Read size: a record straddling two reads is copied once, so bigger reads copy less; 256 KB is past the knee. */
const CHUNK_BYTES = 1 << 18;

/**
 * Opens `--input` (a path, or `-` for stdin) as a stream of byte chunks, gunzipping when the content starts with
 * the gzip magic bytes (whatever the file is called). Failures become one-line usage errors naming the input.
 * A FIFO is opened non-blocking and read through the event loop: a blocking open() of a FIFO nobody writes to
 * holds a libuv thread that even process.exit waits for, so SIGINT could not end the run. `signal` destroys the
 * stream, so an interrupt also ends a read that waits for a writer.
 */
export async function* openInput(path: string, stdin: Readable, signal: AbortSignal): AsyncGenerator<Buffer> {
  const label = path === '-' ? 'stdin' : path;
  let raw: Readable | undefined;
  let source: Readable | undefined;
  const abort = () => (source ?? raw)?.destroy(new InterruptedError());
  try {
    raw = path === '-' ? stdin : await openPath(path);
    signal.addEventListener('abort', abort, { once: true });
    if (signal.aborted) throw new InterruptedError();
    const bytes = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await bytes.next();
    if (first.done) return;
    const rest = (async function* () {
      yield first.value;
      for (let next = await bytes.next(); !next.done; next = await bytes.next()) yield next.value;
    })();
    if (first.value[0] === 0x1f && first.value[1] === 0x8b) {
      source = Readable.from(rest).pipe(createGunzip({ chunkSize: CHUNK_BYTES }));
      source.once('close', () => raw?.destroy());
      yield* source as AsyncIterable<Buffer>;
    } else {
      yield* rest;
    }
  } catch (error) {
    throw toUsageError(error, label);
  } finally {
    signal.removeEventListener('abort', abort);
    raw?.destroy();
    source?.destroy();
  }
}

async function openPath(path: string): Promise<Readable> {
  if ((await stat(path)).isFIFO()) {
    // Non-blocking, open() returns at once even with no writer; the socket owns (and closes) the descriptor.
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    return new Socket({ fd, readable: true, writable: false });
  }
  return createReadStream(path, { highWaterMark: CHUNK_BYTES });
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
