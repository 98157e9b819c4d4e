/**
 * The worker thread behind a parallel `--input` read (bundled as dist/input-worker.js): scans the byte ranges
 * the main thread hands it, one at a time, and posts each range's batch back (its typed arrays transferred).
 * A range it cannot read cleanly is posted as failed; the main thread then reads it itself.
 */
import { open } from 'node:fs/promises';
import { parentPort, workerData } from 'node:worker_threads';
import { transferablesOf } from './observation-batch.js';
import { fileRangeSource } from './open-input.js';
import { scanRange } from './scan-range.js';

export interface RangeWorkerData {
  path: string;
  wanted: string[];
  label: string;
}

export interface RangeRequest {
  index: number;
  start: number;
  end: number;
}

const port = parentPort!;
const { path, wanted, label } = workerData as RangeWorkerData;
const names = new Set(wanted);
const file = await open(path, 'r');

port.on('message', async ({ index, start, end }: RangeRequest) => {
  try {
    const result = await scanRange(fileRangeSource(file, start, end, label), names, start === 0, label);
    port.postMessage({ index, result }, transferablesOf(result.batch));
  } catch {
    port.postMessage({ index, result: undefined });
  }
});
