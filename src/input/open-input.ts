import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';
import { UsageError } from '../errors.js';

/**
 * Opens `--input` (a path, or `-` for stdin) as a stream of text chunks, gunzipping when the content starts with
 * the gzip magic bytes (whatever the file is called). Failures become one-line usage errors naming the input.
 */
export async function* openInput(path: string, stdin: Readable = process.stdin): AsyncGenerator<string> {
  const label = path === '-' ? 'stdin' : path;
  const raw: Readable = path === '-' ? stdin : createReadStream(path, { highWaterMark: 1 << 20 });
  const decoder = new StringDecoder('utf8'); // a multi-byte character may straddle two chunks
  let source: AsyncIterable<Buffer> = raw;
  try {
    const bytes = raw[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
    const first = await bytes.next();
    if (first.done) return;
    const rest = (async function* () {
      yield first.value;
      for (let next = await bytes.next(); !next.done; next = await bytes.next()) yield next.value;
    })();
    const gzipped = first.value[0] === 0x1f && first.value[1] === 0x8b;
    source = gzipped ? Readable.from(rest).pipe(createGunzip({ chunkSize: 1 << 20 })) : rest;
    if (gzipped) (source as Readable).once('close', () => raw.destroy());
    for await (const chunk of source) {
      const text = decoder.write(chunk);
      if (text.length > 0) yield text;
    }
    const tail = decoder.end();
    if (tail.length > 0) yield tail;
  } catch (error) {
    throw toUsageError(error, label);
  } finally {
    raw.destroy();
    if (source instanceof Readable) source.destroy();
  }
}

function toUsageError(error: unknown, label: string): unknown {
  if (error instanceof UsageError) return error;
  const code = (error as NodeJS.ErrnoException).code ?? '';
  if (code === 'ENOENT') return new UsageError(`--input: ${label} does not exist; expected a path to a JSON, NDJSON or .gz file, or - for stdin`);
  if (code === 'EISDIR') return new UsageError(`--input: ${label} is a directory; expected a file`);
  if (code === 'EACCES') return new UsageError(`--input: ${label} cannot be read (permission denied)`);
  if (code.startsWith('Z_')) {
    return new UsageError(`--input: ${label} is not a valid gzip file (${(error as Error).message}); expected gzip-compressed JSON or NDJSON`);
  }
  return error;
}
