import type { Readable } from 'node:stream';
import { InterruptedError, UsageError } from '../errors.js';
import type { Skipped } from '../skipped.js';
import { MalformedRecordError, type MetricObservation, walkMetrics } from '../metrics/walk-metrics.js';
import { ConversationIdSet } from './conversation-id-set.js';
import { openInput } from './open-input.js';
import { ACCEPTED, RecordFramer, type RecordSink } from './record-framer.js';
import { RecordScanner } from './record-scanner.js';

/** No conversation record comes near this; a longer one is not a details export (or never ends, like /dev/zero). */
export const MAX_RECORD_BYTES = 32 * 1024 * 1024;
/** Reads land in one buffer of this size (doubled while a record does not fit), reused for the whole file. */
const READ_BUFFER_BYTES = 1 << 20;

export interface InputSummary {
  /** Conversations counted. */
  records: number;
  /** Conversations skipped because their conversationId was counted already. */
  duplicates: number;
}

/**
 * Streams the metrics named in `wanted` of every conversation in `--input` into `visit`, in file order, as
 * walkMetrics gives them. Each conversationId counts once (the first time it appears; later copies are skipped and
 * counted in one warning), as the API path counts it. A malformed record or a negative metric value is a usage
 * error naming the file and the line the record starts on. SIGINT stops the read, also one waiting on a FIFO.
 */
export async function forEachInputObservation(
  path: string,
  io: { stdin: Readable; signal: AbortSignal },
  wanted: ReadonlySet<string>,
  visit: (o: MetricObservation) => void,
  options: { warn?: (message: string) => void; skipped?: Skipped; maxRecordBytes?: number } = {},
): Promise<InputSummary> {
  const label = path === '-' ? 'stdin' : path;
  const maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  const scanner = new RecordScanner(wanted);
  const ids = new ConversationIdSet();
  const summary: InputSummary = { records: 0, duplicates: 0 };
  const checked = (o: MetricObservation): void => {
    // Durations and counts are never negative; one that is would turn into a negative ASA or handle time.
    if (o.value < 0) throw new MalformedRecordError(`metric ${o.name} has a negative value (${o.value})`);
    visit(o);
  };
  const malformed = (error: unknown, line: number): unknown =>
    error instanceof MalformedRecordError
      ? new UsageError(`--input: ${label} line ${line}: ${error.message}; expected Genesys conversation details records`)
      : error;
  const sink: RecordSink = {
    scanned(line) {
      if (!scanner.addIdTo(ids)) {
        summary.duplicates += 1;
        return;
      }
      try {
        scanner.emit(checked);
      } catch (error) {
        throw malformed(error, line);
      }
      summary.records += 1;
    },
    parsed(record, line) {
      const id = (record as { conversationId?: unknown } | null)?.conversationId;
      if (typeof id === 'string' && !ids.add(id)) {
        summary.duplicates += 1;
        return;
      }
      try {
        walkMetrics(record, wanted, checked);
      } catch (error) {
        throw malformed(error, line);
      }
      summary.records += 1;
    },
  };
  const framer = new RecordFramer(label, scanner, sink);
  const tooLong = () =>
    new UsageError(
      `--input: ${label} line ${framer.line}: a record longer than ${maxRecordBytes / 2 ** 20} MB (or one that never ends); ${ACCEPTED}`,
    );
  const source = await openInput(path, io.stdin, io.signal);
  let work = Buffer.allocUnsafe(READ_BUFFER_BYTES);
  let start = 0;
  let end = 0;
  let waitFor = 0;
  try {
    for (;;) {
      if (io.signal.aborted) throw new InterruptedError();
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
    framer.run(work, start, end, true);
  } finally {
    await source.close();
  }
  if (summary.duplicates > 0) {
    const n = summary.duplicates;
    options.warn?.(`${label}: ${n} duplicate conversation${n === 1 ? '' : 's'} skipped (each conversationId counts once, as from the API)`);
  }
  return summary;
}
