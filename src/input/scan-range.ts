import { MalformedRecordError } from '../records/malformed-record-error.js';
import type { MetricObservation } from '../records/metric-observation.js';
import { conversationIdOf } from '../records/conversation-id-of.js';
import { walkRecord } from '../records/walk-record.js';
import { type ObservationBatch, ObservationBatchWriter } from './observation-batch.js';
import type { ByteSource } from './open-input.js';
import { pumpRecords } from './pump-records.js';
import { checkNotNegative } from './record-errors.js';
import { RecordFramer, type RecordSink } from './record-framer.js';
import { RecordScanner } from './record-scanner.js';

export interface RangeResult {
  batch: ObservationBatch;
  /** Line ends in the range. */
  lines: number;
  sawValue: boolean;
  /** The range ended between records: the next range can be framed on its own. */
  clean: boolean;
}

/**
 * Frames and scans one byte range of `--input` (in a worker thread) into a batch of every record's id and
 * observations, duplicates included: only the main thread, reading the batches in file order, knows which
 * conversation came first. A malformed record is kept as its error, raised there only if it is not a duplicate.
 * Anything else wrong (invalid JSON, a range that does not start or end between records) throws: the main thread
 * then reads that part of the file itself, and says what is wrong exactly as it always does.
 */
export async function scanRange(source: ByteSource, wanted: ReadonlySet<string>, inputStart: boolean, label: string): Promise<RangeResult> {
  const scanner = new RecordScanner(wanted);
  const out = new ObservationBatchWriter();
  const add = (o: MetricObservation) => {
    checkNotNegative(o);
    out.add(o);
  };
  const walked = (r: number, line: number, walk: () => void) => {
    try {
      walk();
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      out.fail(r, line, error.message);
    }
  };
  const sink: RecordSink = {
    scanned(line) {
      const r = out.startRecord();
      if (scanner.idWords(out.words, 4 * r)) out.idIsWords(r);
      else out.idIsText(r, scanner.idText());
      walked(r, line, () => scanner.emit(add));
    },
    parsed(record, line) {
      const r = out.startRecord();
      const id = conversationIdOf(record);
      if (id !== undefined) out.idIsText(r, id);
      walked(r, line, () => walkRecord(record, wanted, add));
    },
  };
  const framer = new RecordFramer(label, scanner, sink, { line: 1, sawValue: false, inputStart });
  const rest = await pumpRecords(source, framer, { label, eof: false });
  return { batch: out.finish(), lines: framer.line - 1, sawValue: framer.readAValue, clean: rest === 0 && framer.betweenValues };
}
