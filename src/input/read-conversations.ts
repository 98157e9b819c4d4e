import { UsageError } from '../errors.js';

const ACCEPTED =
  'expected a details response or job-results page {"conversations":[…]}, a JSON array of conversations, or NDJSON with one conversation per line';

/**
 * Called once per conversation record, in file order. `line` is the 1-based line of an NDJSON record, undefined
 * for a whole-document JSON.
 */
export type RecordVisitor = (record: unknown, line: number | undefined) => void;

/**
 * Turns exported details text into conversation records and hands each to `visit` as soon as its line is parsed.
 * NDJSON is streamed line by line and nothing is kept once visited, so memory is flat at any size and every
 * parsed record dies young (cheap for the garbage collector: batching parsed records cost a quarter of the run
 * time in old-generation GC). A whole-document JSON (array or page, pretty-printed or not) is parsed at once.
 * An NDJSON line may also be a whole job-results page, as page-by-page exports write them. `between` runs after
 * every chunk of text (the place to notice an interrupt).
 */
export async function readConversations(
  chunks: AsyncIterable<string>,
  label: string,
  visit: RecordVisitor,
  between: () => void = () => {},
): Promise<void> {
  let mode: 'unknown' | 'ndjson' | 'document' = 'unknown';
  let pending = '';
  let lineNumber = 0;
  let sawContent = false;

  const takeLine = (line: string): void => {
    lineNumber += 1;
    // Blank (or CR-only) lines are skipped; checking the first character first keeps the regex off the hot path.
    const first = line.charCodeAt(0);
    if (line.length === 0 || ((first <= 32 || first === 0xfeff) && /^\s*$/.test(line))) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch (error) {
      throw new UsageError(`--input: ${label} line ${lineNumber} is not valid JSON (${(error as Error).message}); ${ACCEPTED}`);
    }
    if (isPage(parsed)) {
      for (const record of pageRecords(parsed)) visit(record, lineNumber);
    } else if (isObject(parsed)) {
      visit(parsed, lineNumber);
    } else {
      throw new UsageError(`--input: ${label} line ${lineNumber} is not a JSON object; ${ACCEPTED}`);
    }
  };

  for await (const chunk of chunks) {
    between();
    pending = pending.length === 0 ? chunk : pending + chunk;
    if (mode === 'document') continue;
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
    pending = start === pending.length ? '' : pending.slice(start);
  }

  if (!sawContent && pending.trim().length === 0) throw new UsageError(`--input: ${label} is empty; ${ACCEPTED}`);
  if (mode === 'document' || (mode === 'unknown' && pending.trimStart().startsWith('{') && !parsesAsObject(pending))) {
    for (const record of parseDocument(pending, label)) visit(record, undefined);
    return;
  }
  if (pending.length > 0) takeLine(pending);
}

function parseDocument(text: string, label: string): unknown[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`--input: ${label} is not valid JSON (${(error as Error).message}); ${ACCEPTED}`);
  }
  const records = Array.isArray(parsed) ? parsed : isPage(parsed) ? pageRecords(parsed) : undefined;
  if (!records) throw new UsageError(`--input: ${label} is JSON of the wrong shape; ${ACCEPTED}`);
  return records;
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
