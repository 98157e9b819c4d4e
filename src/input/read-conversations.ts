import { UsageError } from '../errors.js';

const ACCEPTED =
  'expected a details response or job-results page {"conversations":[…]}, a JSON array of conversations, or NDJSON with one conversation per line';

export interface InputRecord {
  record: unknown;
  /** 1-based line of an NDJSON record; undefined for whole-document JSON. */
  line?: number;
}

/**
 * Turns exported details text into conversation records, in batches. NDJSON is streamed line by line (flat memory
 * at any size); a whole-document JSON (array or page, pretty-printed or not) is parsed at once. An NDJSON line may
 * also be a whole job-results page, as page-by-page exports write them.
 */
export async function* readConversations(chunks: AsyncIterable<string>, label: string, batchSize = 2000): AsyncGenerator<InputRecord[]> {
  let mode: 'unknown' | 'ndjson' | 'document' = 'unknown';
  let pending = '';
  let lineNumber = 0;
  let batch: InputRecord[] = [];
  let sawContent = false;

  const takeLine = (line: string): void => {
    lineNumber += 1;
    if (line.length === 0 || /^\s*$/.test(line)) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`--input: ${label} line ${lineNumber} is not valid JSON (${(error as Error).message}); ${ACCEPTED}`);
    }
    if (isPage(parsed)) {
      for (const record of pageRecords(parsed)) batch.push({ record, line: lineNumber });
    } else if (isObject(parsed)) {
      batch.push({ record: parsed, line: lineNumber });
    } else {
      throw new UsageError(`--input: ${label} line ${lineNumber} is not a JSON object; ${ACCEPTED}`);
    }
  };

  for await (const chunk of chunks) {
    if (mode === 'document') {
      pending += chunk;
      continue;
    }
    pending += chunk;
    if (mode === 'unknown') {
      const trimmed = pending.trimStart();
      if (trimmed.length === 0) continue;
      sawContent = true;
      if (trimmed[0] === '[') {
        mode = 'document';
        continue;
      }
      const newline = pending.indexOf('\n');
      if (newline < 0) continue;
      // A first line that parses alone means NDJSON; a lone "{" means pretty-printed JSON.
      mode = parsesAsObject(pending.slice(0, newline)) || trimmed[0] !== '{' ? 'ndjson' : 'document';
      if (mode === 'document') continue;
    }
    let start = 0;
    let newline = pending.indexOf('\n', start);
    while (newline >= 0) {
      takeLine(pending.slice(start, newline));
      start = newline + 1;
      newline = pending.indexOf('\n', start);
    }
    pending = pending.slice(start);
    if (batch.length >= batchSize) {
      yield batch;
      batch = [];
    }
  }

  if (!sawContent && pending.trim().length === 0) throw new UsageError(`--input: ${label} is empty; ${ACCEPTED}`);
  if (mode === 'document' || (mode === 'unknown' && pending.trimStart().startsWith('{') && !parsesAsObject(pending))) {
    yield* batches(parseDocument(pending, label), batchSize);
    return;
  }
  if (pending.length > 0) takeLine(pending);
  if (batch.length > 0) yield batch;
}

function parseDocument(text: string, label: string): InputRecord[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input: ${label} is not valid JSON (${(error as Error).message}); ${ACCEPTED}`);
  }
  const records = Array.isArray(parsed) ? parsed : isPage(parsed) ? pageRecords(parsed) : undefined;
  if (!records) throw new UsageError(`--input: ${label} is JSON of the wrong shape; ${ACCEPTED}`);
  return records.map((record) => ({ record }));
}

function* batches(records: InputRecord[], size: number): Generator<InputRecord[]> {
  for (let i = 0; i < records.length; i += size) yield records.slice(i, i + size);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A details response or job-results page; the page past the last carries no `conversations` at all. */
const isPage = (v: unknown): v is { conversations: unknown[] } =>
  isObject(v) &&
  typeof v.conversationId !== 'string' &&
  (Array.isArray(v.conversations) || 'totalHits' in v || 'cursor' in v || 'dataAvailabilityDate' in v);

const pageRecords = (page: { conversations?: unknown[] }): unknown[] => page.conversations ?? [];

function parsesAsObject(text: string): boolean {
  try {
    return isObject(JSON.parse(text));
  } catch {
    return false;
  }
}
