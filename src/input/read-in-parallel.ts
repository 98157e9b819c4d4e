import { open } from 'node:fs/promises';
import { Worker } from 'node:worker_threads';
import { InterruptedError } from '../errors.js';
import type { MetricObservation } from '../records/metric-observation.js';
import type { ConversationIdSet } from './conversation-id-set.js';
import { ID_TEXT, ID_WORDS, type ObservationBatch, visitRecord } from './observation-batch.js';
import type { RangeRequest, RangeWorkerData } from './range-worker.js';
import { malformedRecord } from './record-errors.js';
import type { RangeResult } from './scan-range.js';

export interface ParallelOptions {
  /** The bundled worker script (dist/input-worker.js). */
  workerUrl: URL;
  workers: number;
  /** About how many bytes each worker scans at a time. */
  rangeBytes: number;
}

/** How far the parallel read got: the single-threaded reader goes on from there, in this state. */
export interface ReadSoFar {
  offset: number;
  line: number;
  sawValue: boolean;
}

/**
 * Reads a regular NDJSON file of `size` bytes with worker threads: the file is cut after line ends into ranges of
 * about `rangeBytes`, the workers scan ranges as they come free, and this thread takes their batches in file order,
 * de-duplicating and visiting exactly as the single-threaded reader does (the first copy of a conversation counts,
 * a malformed record is an error only if it is not a duplicate). A range a worker could not read cleanly (it did
 * not start and end between records, or was not valid JSON) stops the parallel read there: the caller reads the
 * rest itself, so every message and line number is the single-threaded one.
 */
export async function readInParallel(
  path: string,
  size: number,
  wanted: ReadonlySet<string>,
  into: { ids: ConversationIdSet; summary: { records: number; duplicates: number }; visit: (o: MetricObservation) => void },
  label: string,
  signal: AbortSignal,
  options: ParallelOptions,
): Promise<ReadSoFar> {
  const cuts = await lineAlignedCuts(path, size, options.rangeBytes);
  const ranges = cuts.length - 1;
  const done = new Map<number, RangeResult | undefined>();
  let wake: (() => void) | undefined;
  let handedOut = 0;
  let taken = 0;
  const idle: Worker[] = [];
  const inFlight = new Map<Worker, number>();
  const data: RangeWorkerData = { path, wanted: [...wanted], label };

  // At most two ranges per worker wait here, scanned and not yet taken: memory stays flat however big the file.
  const handOut = () => {
    while (idle.length > 0 && handedOut < ranges && handedOut - taken < 2 * options.workers) {
      const worker = idle.pop()!;
      const index = handedOut++;
      inFlight.set(worker, index);
      worker.postMessage({ index, start: cuts[index]!, end: cuts[index + 1]! } satisfies RangeRequest);
    }
  };
  const settle = (index: number, result: RangeResult | undefined) => {
    done.set(index, result);
    wake?.();
  };
  const dead = new Set<Worker>();
  const workers = Array.from({ length: Math.min(options.workers, ranges) }, () => {
    const worker = new Worker(options.workerUrl, { workerData: data, stdout: false, stderr: true });
    worker.on('message', ({ index, result }: { index: number; result: RangeResult | undefined }) => {
      inFlight.delete(worker);
      idle.push(worker);
      settle(index, result);
      handOut();
    });
    // A worker that dies (it could not load, or ran out of memory) fails its range; the others go on.
    const lost = () => {
      if (dead.has(worker)) return;
      dead.add(worker);
      const waiting = idle.indexOf(worker);
      if (waiting >= 0) idle.splice(waiting, 1);
      const index = inFlight.get(worker);
      inFlight.delete(worker);
      if (index !== undefined) settle(index, undefined);
      else wake?.();
    };
    worker.once('error', lost);
    worker.once('exit', lost);
    idle.push(worker);
    return worker;
  });
  const onAbort = () => wake?.();
  signal.addEventListener('abort', onAbort, { once: true });

  const next = async (index: number): Promise<RangeResult | undefined> => {
    for (;;) {
      if (signal.aborted) throw new InterruptedError();
      if (done.has(index)) {
        const result = done.get(index);
        done.delete(index);
        return result;
      }
      // No worker left to scan it: the caller reads it.
      if (dead.size === workers.length) return undefined;
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
  };

  const at: ReadSoFar = { offset: 0, line: 1, sawValue: false };
  try {
    handOut();
    for (let index = 0; index < ranges; index++) {
      const result = await next(index);
      taken++;
      handOut();
      if (!result?.clean) break;
      replay(result.batch, at.line, into, label);
      at.offset = cuts[index + 1]!;
      at.line += result.lines;
      at.sawValue ||= result.sawValue;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    for (const worker of workers) worker.removeAllListeners().on('error', () => undefined);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return at;
}

/** One range's records, in order: de-duplicated against every earlier one, then visited. */
function replay(
  batch: ObservationBatch,
  firstLine: number,
  into: { ids: ConversationIdSet; summary: { records: number; duplicates: number }; visit: (o: MetricObservation) => void },
  label: string,
): void {
  const { ids, summary, visit } = into;
  const texts = new Map(batch.idTexts);
  const errors = new Map(batch.errors.map(([record, line, message]) => [record, { line, message }]));
  for (let r = 0; r < batch.records; r++) {
    const kind = batch.idKind[r];
    const fresh = kind === ID_WORDS ? ids.addWords(batch.idWords, 4 * r) : kind === ID_TEXT ? ids.add(texts.get(r)!) : true;
    if (!fresh) {
      summary.duplicates += 1;
      continue;
    }
    const error = errors.get(r);
    if (error) throw malformedRecord(label, firstLine + error.line - 1, error.message);
    visitRecord(batch, r, visit);
    summary.records += 1;
  }
}

/**
 * Offsets that cut the file into ranges of about `rangeBytes`, each just after a line end (a range that does not
 * start at a record boundary is found out by its worker and read by the main thread instead).
 */
export async function lineAlignedCuts(path: string, size: number, rangeBytes: number): Promise<number[]> {
  const cuts = [0];
  const file = await open(path, 'r');
  const window = Buffer.allocUnsafe(1 << 16);
  try {
    let from = rangeBytes;
    while (from < size) {
      let lf = -1;
      for (let pos = from; lf < 0 && pos < size; pos += window.length) {
        const { bytesRead } = await file.read(window, 0, window.length, pos);
        if (bytesRead === 0) break;
        const i = window.subarray(0, bytesRead).indexOf(10);
        if (i >= 0) lf = pos + i;
      }
      if (lf < 0 || lf + 1 >= size) break;
      cuts.push(lf + 1);
      from = lf + 1 + rangeBytes;
    }
  } finally {
    await file.close();
  }
  cuts.push(size);
  return cuts;
}
