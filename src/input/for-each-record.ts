import type { Readable } from 'node:stream';
import { InterruptedError, UsageError } from '../errors.js';
import { MalformedRecordError } from '../metrics/walk-metrics.js';
import { openInput } from './open-input.js';
import { readConversations } from './read-conversations.js';

/**
 * Streams every conversation record of `--input` into `visit`. A record `visit` finds malformed becomes a usage
 * error naming the file and line; SIGINT stops between chunks of text (64 KB each).
 */
export async function forEachInputRecord(
  path: string,
  io: { stdin: Readable; signal: AbortSignal },
  visit: (record: unknown) => void,
): Promise<number> {
  const label = path === '-' ? 'stdin' : path;
  let count = 0;
  const checked = (record: unknown, line: number | undefined): void => {
    try {
      visit(record);
    } catch (error) {
      if (!(error instanceof MalformedRecordError)) throw error;
      const where = line === undefined ? `record ${count + 1}` : `line ${line}`;
      throw new UsageError(`--input: ${label} ${where}: ${error.message}; expected Genesys conversation details records`);
    }
    count += 1;
  };
  const interrupted = (): void => {
    if (io.signal.aborted) throw new InterruptedError();
  };
  await readConversations(openInput(path, io.stdin), label, checked, interrupted);
  return count;
}
