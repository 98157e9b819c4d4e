import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, type CpuInfo, cpus } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import type { Readable } from 'node:stream';
import type { Skipped } from '../skipped.js';
import { MalformedRecordError } from '../records/malformed-record-error.js';
import type { MetricObservation } from '../records/metric-observation.js';
import { conversationIdOf } from '../records/conversation-id-of.js';
import { walkRecord } from '../records/walk-record.js';
import { ConversationIdSet } from './conversation-id-set.js';
import { fileRangeSource, openInput, splittableSize } from './open-input.js';
import { pumpRecords } from './pump-records.js';
import type { ParallelOptions, ReadSoFar } from './read-in-parallel.js';
import { checkNotNegative, malformedRecord } from './record-errors.js';
import { RecordFramer, type RecordSink } from './record-framer.js';
import { RecordScanner } from './record-scanner.js';

export { MAX_RECORD_BYTES } from './pump-records.js';

export interface InputSummary {
  /** Conversations counted. */
  records: number;
  /** Conversations skipped because their conversationId was counted already. */
  duplicates: number;
  /** Bytes that worker threads scanned (0 when the file was read on this thread alone). */
  parallelBytes: number;
}

/**
 * Below this a file is read on this thread: each worker's start (its own Node bootstrap and a scanner not yet
 * optimised) was measured at 0.3-0.5 s of CPU, which on 110 MB doubled the CPU and lost wall time.
 */
const PARALLEL_MIN_BYTES = 256 * 2 ** 20;
const RANGE_BYTES = 8 * 2 ** 20;

/** The worker threads a big file is read with, or undefined to read on this thread. */
export interface ParallelRead {
  /** The bundled worker script; the default, dist/input-worker.js beside this bundle, when it exists. */
  workerUrl?: URL;
  workers?: number;
  rangeBytes?: number;
  minBytes?: number;
}

/**
 * Streams the metrics named in `wanted` of every conversation in `--input` into `visit`, in file order, as
 * walkRecord gives them. Each conversationId counts once (the first time it appears; later copies are skipped and
 * counted in one warning), as the API path counts it. A malformed record or a negative metric value is a usage
 * error naming the file and the line the record starts on. SIGINT stops the read, also one waiting on a FIFO.
 * A big regular NDJSON file is scanned by worker threads (one per core), with the same result.
 */
export async function forEachInputObservation(
  path: string,
  io: { stdin: Readable; signal: AbortSignal },
  wanted: ReadonlySet<string>,
  visit: (o: MetricObservation) => void,
  options: { warn?: (message: string) => void; skipped?: Skipped; maxRecordBytes?: number; parallel?: ParallelRead | false } = {},
): Promise<InputSummary> {
  const label = path === '-' ? 'stdin' : path;
  const scanner = new RecordScanner(wanted);
  const ids = new ConversationIdSet();
  const summary: InputSummary = { records: 0, duplicates: 0, parallelBytes: 0 };
  const checked = (o: MetricObservation): void => {
    checkNotNegative(o);
    visit(o);
  };
  const malformed = (error: unknown, line: number): unknown =>
    error instanceof MalformedRecordError ? malformedRecord(label, line, error.message) : error;
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
      const id = conversationIdOf(record);
      if (id !== undefined && !ids.add(id)) {
        summary.duplicates += 1;
        return;
      }
      try {
        walkRecord(record, wanted, checked);
      } catch (error) {
        throw malformed(error, line);
      }
      summary.records += 1;
    },
  };

  const parallel = path === '-' ? undefined : await parallelPlan(path, options.parallel);
  const pump = { label, signal: io.signal, maxRecordBytes: options.maxRecordBytes, eof: true };
  if (parallel) {
    const { readInParallel } = await import('./read-in-parallel.js');
    const at: ReadSoFar = await readInParallel(path, parallel.size, wanted, { ids, summary, visit }, label, io.signal, parallel);
    summary.parallelBytes = at.offset;
    // The rest (nothing, unless a range was not plain NDJSON) on this thread, which also says what is wrong with it.
    const file = await open(path, 'r');
    try {
      const framer = new RecordFramer(label, scanner, sink, { line: at.line, sawValue: at.sawValue, inputStart: at.offset === 0 });
      await pumpRecords(fileRangeSource(file, at.offset, Infinity, label), framer, pump);
    } finally {
      await file.close();
    }
  } else {
    const source = await openInput(path, io.stdin, io.signal);
    try {
      await pumpRecords(source, new RecordFramer(label, scanner, sink), pump);
    } finally {
      await source.close();
    }
  }
  if (summary.duplicates > 0) {
    const n = summary.duplicates;
    options.warn?.(`${label}: ${n} duplicate conversation${n === 1 ? '' : 's'} skipped (each conversationId counts once, as from the API)`);
  }
  return summary;
}

/** Workers for a regular, uncompressed file big enough to be worth them, when there is more than one core. */
async function parallelPlan(path: string, wanted: ParallelRead | false | undefined): Promise<(ParallelOptions & { size: number }) | undefined> {
  if (wanted === false) return undefined;
  const workerUrl = wanted?.workerUrl ?? new URL('./input-worker.js', import.meta.url);
  // Run from the TypeScript sources (tests) there is no bundled worker: this thread reads.
  if (workerUrl.protocol !== 'file:' || !existsSync(fileURLToPath(workerUrl))) return undefined;
  const cores = availableParallelism();
  if (wanted?.workers === undefined && cores < 2) return undefined;
  const size = await splittableSize(path);
  if (size === undefined || size < (wanted?.minBytes ?? PARALLEL_MIN_BYTES)) return undefined;
  const workers = wanted?.workers ?? workersFor(cores, await busyCoresNow());
  if (workers < 1) return undefined;
  return { workerUrl, workers, rangeBytes: wanted?.rangeBytes ?? RANGE_BYTES, size };
}

/**
 * One worker per core, when the cores are there to run them: on a machine already busy (more than cores - 1 cores
 * busy) the workers only compete with the other work and this thread, and were measured slower than reading on one
 * thread (110 MB on 2 cores at load 3.5: 1.8-2.2 s against 1.1-1.3 s), so the file is read here.
 */
export function workersFor(cores: number, busyCores: number): number {
  return cores > 1 && busyCores <= cores - 1 ? cores : 0;
}

/**
 * How many cores' worth of CPU the machine spent between two os.cpus() samples (0 = all idle). Measured now rather
 * than read from the 1-minute load average, which still counts work that has just ended (a report run right after
 * another one saw load 1 on an idle machine and read on one thread).
 */
export function busyCoresBetween(before: readonly CpuInfo[], after: readonly CpuInfo[]): number {
  let busy = 0;
  for (let i = 0; i < Math.min(before.length, after.length); i += 1) {
    const total = (t: CpuInfo['times']): number => t.user + t.nice + t.sys + t.idle + t.irq;
    const elapsed = total(after[i]!.times) - total(before[i]!.times);
    if (elapsed > 0) busy += Math.min(1, Math.max(0, 1 - (after[i]!.times.idle - before[i]!.times.idle) / elapsed));
  }
  return busy;
}

/** Cores busy over the next 100 ms: long enough for the kernel's tick counters, short beside a file of 256 MB or more. */
async function busyCoresNow(): Promise<number> {
  const before = cpus();
  await sleep(100);
  return busyCoresBetween(before, cpus());
}
