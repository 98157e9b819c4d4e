import { InterruptedError, UsageError } from '../errors.js';
import type { ByteSource } from './open-input.js';
import { ACCEPTED, type RecordFramer } from './record-framer.js';

/** No conversation record comes near this; a longer one is not a details export (or never ends, like /dev/zero). */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;
/** Reads land in one buffer of this size (doubled while a record does not fit), reused for the whole input. */
const READ_BUFFER_BYTES = 1 << 20;

/**
 * Reads `source` to its end through `framer`. With `eof`, the framer is told the input ends there (and says what
 * is wrong with a value cut short); without, it returns how many bytes at the end it could not frame (0 when the
 * source ended between records).
 */
export async function pumpRecords(
  source: ByteSource,
  framer: RecordFramer,
  options: { label: string; signal?: AbortSignal; maxRecordBytes?: number; eof: boolean },
): Promise<number> {
  const maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const tooLong = () =>
    new UsageError(
      `--input: ${options.label} line ${framer.line}: a record longer than ${maxRecordBytes / 2 ** 20} MB (or one that never ends); ${ACCEPTED}`,
    );
  let work = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  let start = 0;
  let end = 0;
  let waitFor = 0;
  for (;;) {
    if (options.signal?.aborted) throw new InterruptedError();
    if (start > 0) {
      work.copy(work, 0, start, end);
      end -= start;
      start = 0;
    }
    if (end === work.length) {
      const bigger = Buffer.allocUnsafe(work.length * 2);
      work.copy(bigger, 0, 0, end);
      work = bigger;
    }
    const read = await source.read(work, end, work.length - end);
    if (read === 0) break;
    end += read;
    // A record still incomplete is scanned again only once its bytes have doubled: linear, however long.
    if (end - start < waitFor) continue;
    start = framer.run(work, start, end, false);
    waitFor = 2 * (end - start);
    if (end - start > maxRecordBytes) throw tooLong();
  }
  if (!options.eof) return end - framer.run(work, start, end, false);
  framer.run(work, start, end, true);
  return 0;
}
