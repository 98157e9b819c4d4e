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
  const walk = (line: number, each: () => void): void => {
    try {
      each();
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      throw new UsageError(`--input: ${label} line ${line}: ${error.message}; expected Genesys conversation details records`);
    }
    summary.records += 1;
  };
  const sink: RecordSink = {
    scanned(line) {
      if (!scanner.addIdTo(ids)) summary.duplicates += 1;
      else walk(line, () => scanner.emit(checked));
    },
    parsed(record, line) {
      const id = (record as { conversationId?: unknown } | null)?.conversationId;
      if (typeof id === 'string' && !ids.add(id)) summary.duplicates += 1;
      else walk(line, () => walkMetrics(record, wanted, checked));
    },
  };
  const framer = new RecordFramer(label, scanner, sink);
  const tooLong = () =>
    new UsageError(
      `--input: ${label} line ${framer.line}: a record longer than ${maxRecordBytes / 2 ** 20} MB (or one that never ends); ${ACCEPTED}`,
    );
  let parts: Buffer[] = [];
  let partsBytes = 0;
  let waitFor = 0;
  for await (const chunk of openInput(path, io.stdin, io.signal)) {
    if (io.signal.aborted) throw new InterruptedError();
    parts.push(chunk);
    partsBytes += chunk.length;
    // A record still incomplete is scanned again only once as many bytes again have arrived: linear, however long.
    if (partsBytes < waitFor) continue;
    framer.append(parts);
    parts = [];
    partsBytes = 0;
    framer.run(false);
    waitFor = framer.pendingBytes();
    if (waitFor > maxRecordBytes) throw tooLong();
  }
  framer.append(parts);
  framer.run(true);
  if (summary.duplicates > 0) {
    const n = summary.duplicates;
    options.warn?.(`${label}: ${n} duplicate conversation${n === 1 ? '' : 's'} skipped (each conversationId counts once, as from the API)`);
  }
  return summary;
}
