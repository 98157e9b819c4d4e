import { UsageError } from '../errors.js';
import { FALLBACK, NEED_MORE, type RecordScanner } from './record-scanner.js';
import { VALUE_NEEDS_MORE, valueEnd } from './value-end.js';

export const ACCEPTED =
  'expected a details response or job-results page {"conversations":[…]}, a JSON array of conversations, or NDJSON with one conversation per line';

/** Where the framer hands each conversation record. */
export interface RecordSink {
  /** The scanner read the record that starts on `line`: its id and metrics are in the scanner until the next one. */
  scanned(line: number): void;
  /** A record that JSON.parse read (the scanner fell back), starting on `line`. */
  parsed(record: unknown, line: number): void;
}

type State = 'top' | 'record' | 'array-first' | 'array-element' | 'array-next' | 'page-key' | 'page-after';

const PAGE_KEYS = ['conversations', 'totalHits', 'cursor', 'dataAvailabilityDate'].map((k) => Buffer.from(k));
const EMPTY = Buffer.alloc(0);

/**
 * Cuts exported details bytes into conversation records, in one pass that never goes back more than one record:
 * any sequence of JSON values (so NDJSON, and pretty-printed JSON alike) where each value is a conversation, an
 * array of conversations, or a details/job-results page whose `conversations` array is streamed element by
 * element (a 200 MB one-line page costs what 200 MB of NDJSON costs). Leading whitespace, blank lines and a UTF-8
 * byte-order mark are skipped. A byte that cannot start a JSON value (a NUL of /dev/zero) is refused at once.
 * The caller owns the buffer: `run` consumes whole records and says where the unconsumed rest begins.
 */
export class RecordFramer {
  private buf: Buffer = EMPTY;
  private pos = 0;
  private limit = 0;
  /** The line the next unconsumed byte is on. */
  line = 1;
  /** Offset of the next LF at or after `pos` in `buf` (or -1): line counting without rescanning. */
  private nextLf = -2;
  private state: State = 'top';
  private inArrayOf: 'top' | 'page' = 'top';
  private atStart = true;
  /** 1 while reading the elements of an array of records. */
  private arrayDepth = 0;
  private sawValue = false;
  private page: { line: number; fields: Map<string, unknown>; streamed: boolean } | undefined;

  constructor(
    private readonly label: string,
    private readonly scanner: RecordScanner,
    private readonly sink: RecordSink,
    /**
     * Where the bytes start, for a framer that begins part-way into the input at a record boundary (a worker's
     * range, or the rest of a file after one): the line it is on, whether a value came before it, and whether it
     * is the input's first byte (only there may a byte-order mark stand).
     */
    from: { line: number; sawValue: boolean; inputStart: boolean } = { line: 1, sawValue: false, inputStart: true },
  ) {
    this.line = from.line;
    this.sawValue = from.sawValue;
    this.atStart = from.inputStart;
  }

  /** Whether a value was read (an input with none is empty). */
  get readAValue(): boolean {
    return this.sawValue;
  }

  /** Between top-level values: what follows may be framed on its own, as if the input started there. */
  get betweenValues(): boolean {
    return this.state === 'top' && this.page === undefined;
  }

  /**
   * Consumes every complete record in `buf[start, end)` and returns where the first incomplete one starts (the
   * caller keeps those bytes and adds more after them); at `eof`, the rest too, or names what is wrong with it.
   */
  run(buf: Buffer, start: number, end: number, eof: boolean): number {
    this.buf = buf;
    this.pos = start;
    this.limit = end;
    this.nextLf = -2;
    while (this.step(eof));
    if (eof) {
      if (this.state !== 'top' || this.pos < this.limit) this.fail('is not valid JSON (the input ends inside a value)');
      if (!this.sawValue) throw new UsageError(`--input: ${this.label} is empty; ${ACCEPTED}`);
    }
    return this.pos;
  }

  /** One unit of work; false when it needs more bytes. */
  private step(eof: boolean): boolean {
    if (this.atStart) {
      // A UTF-8 byte-order mark, as some Windows tools write.
      const b = this.buf;
      const p = this.pos;
      const have = this.limit - p;
      if (have < 3 && !eof && (have === 0 || b[p] === 0xef) && (have < 2 || b[p + 1] === 0xbb)) return false;
      if (have >= 3 && b[p] === 0xef && b[p + 1] === 0xbb && b[p + 2] === 0xbf) this.pos += 3;
      this.atStart = false;
    }
    switch (this.state) {
      case 'top':
        return this.top(eof);
      case 'record':
        return this.record(eof);
      case 'array-first':
      case 'array-element':
      case 'array-next':
        return this.arrayStep();
      case 'page-key':
        return this.pageKey(eof);
      case 'page-after':
        return this.pageAfter();
    }
  }

  private top(eof: boolean): boolean {
    const c = this.skipWhitespace();
    if (c < 0) return false;
    this.sawValue = true;
    if (c === 91) {
      this.pos++;
      this.inArrayOf = 'top';
      this.state = 'array-first';
      return true;
    }
    if (c !== 123) {
      const startsValue = c === 34 || c === 45 || (c >= 48 && c <= 57) || c === 116 || c === 102 || c === 110;
      return this.fail(startsValue ? 'is not a JSON object' : `is not valid JSON (unexpected ${describeByte(c)})`);
    }
    const kind = this.objectKind();
    if (kind === 'unknown' && !eof) return false;
    if (kind === 'page') {
      this.page = { line: this.line, fields: new Map(), streamed: false };
      this.pos++;
      this.state = 'page-key';
    } else {
      this.state = 'record';
    }
    return true;
  }

  /** A page when its first key is one only pages have; 'unknown' until that key is complete. */
  private objectKind(): 'page' | 'record' | 'unknown' {
    const b = this.buf;
    let i = this.pos + 1;
    while (i < this.limit && (b[i] === 32 || b[i] === 10 || b[i] === 13 || b[i] === 9)) i++;
    if (i >= this.limit) return 'unknown';
    if (b[i] !== 34) return 'record';
    const end = b.indexOf(34, i + 1);
    if (end < 0 || end >= this.limit) return 'unknown';
    return PAGE_KEYS.some((k) => k.length === end - i - 1 && b.compare(k, 0, k.length, i + 1, end) === 0) ? 'page' : 'record';
  }

  /** A conversation at pos: the scanner reads it, or JSON.parse when the scanner cannot. */
  private record(eof: boolean): boolean {
    const start = this.pos;
    const line = this.line;
    const end = this.scanner.scan(this.buf, start, this.limit);
    if (end >= 0) {
      this.consume(end);
      this.sink.scanned(line);
      this.afterValue();
      return true;
    }
    if (end === NEED_MORE && !eof) return false;
    let stop = valueEnd(this.buf, start, this.limit);
    if (stop === VALUE_NEEDS_MORE) {
      if (!eof) return false;
      stop = this.limit;
    }
    const value = this.parse(start, stop, line);
    this.consume(stop);
    if (this.inArray()) {
      this.sink.parsed(value, line);
    } else if (isPage(value)) {
      for (const record of value.conversations ?? []) this.sink.parsed(record, line);
    } else if (isObject(value)) {
      this.sink.parsed(value, line);
    } else {
      this.line = line;
      return this.fail('is not a JSON object');
    }
    this.afterValue();
    return true;
  }

  private inArray(): boolean {
    return this.arrayDepth > 0;
  }

  private afterValue(): void {
    this.state = this.arrayDepth > 0 ? 'array-next' : 'top';
  }

  private arrayStep(): boolean {
    const c = this.skipWhitespace();
    if (c < 0) return false;
    if (this.state === 'array-next') {
      this.pos++;
      if (c === 44) this.state = 'array-element';
      else if (c === 93) this.closeArray();
      else return this.fail(`is not valid JSON (expected , or ] after an array element, found ${describeByte(c)})`);
      return true;
    }
    if (c === 93 && this.state === 'array-first') {
      this.pos++;
      this.closeArray();
      return true;
    }
    this.arrayDepth = 1;
    this.state = 'record';
    return true;
  }

  private closeArray(): void {
    this.arrayDepth = 0;
    this.state = this.inArrayOf === 'page' ? 'page-after' : 'top';
  }

  /** A page's next `"key": value`: `conversations` is streamed; any other field is parsed and kept. */
  private pageKey(eof: boolean): boolean {
    const c = this.skipWhitespace();
    if (c < 0) return false;
    if (c !== 34) return this.fail(`is not valid JSON (expected a key, found ${describeByte(c)})`);
    const b = this.buf;
    const keyEnd = valueEnd(b, this.pos, this.limit);
    if (keyEnd === VALUE_NEEDS_MORE) return eof ? this.fail('is not valid JSON (the input ends inside a key)') : false;
    let i = keyEnd;
    while (i < this.limit && (b[i] === 32 || b[i] === 10 || b[i] === 13 || b[i] === 9)) i++;
    if (i < this.limit && b[i] !== 58) return this.fail(`is not valid JSON (expected : after a key, found ${describeByte(b[i]!)})`);
    i++;
    while (i < this.limit && (b[i] === 32 || b[i] === 10 || b[i] === 13 || b[i] === 9)) i++;
    if (i >= this.limit) return eof ? this.fail('is not valid JSON (the input ends after a key)') : false;
    const key = this.parse(this.pos, keyEnd, this.line) as string;
    const page = this.page!;
    if (key === 'conversations' && b[i] === 91) {
      if (page.streamed || page.fields.has('conversations')) return this.fail('has two "conversations" arrays');
      page.streamed = true;
      this.consume(i + 1);
      this.inArrayOf = 'page';
      this.state = 'array-first';
      return true;
    }
    let stop = valueEnd(b, i, this.limit);
    if (stop === VALUE_NEEDS_MORE) {
      if (!eof) return false;
      stop = this.limit;
    }
    const value = this.parse(i, stop, this.line);
    if (key === 'conversations' && page.streamed) return this.fail('has two "conversations" arrays');
    page.fields.set(key, value);
    this.consume(stop);
    this.state = 'page-after';
    return true;
  }

  private pageAfter(): boolean {
    const c = this.skipWhitespace();
    if (c < 0) return false;
    this.pos++;
    if (c === 44) {
      this.state = 'page-key';
      return true;
    }
    if (c !== 125) return this.fail(`is not valid JSON (expected , or } after a field, found ${describeByte(c)})`);
    this.finishPage();
    this.state = 'top';
    return true;
  }

  /** A page's other fields, now complete: what JSON.parse would make of the whole object, minus the streaming. */
  private finishPage(): void {
    const { fields, streamed, line } = this.page!;
    this.page = undefined;
    const whole = Object.fromEntries(fields);
    if (typeof whole.conversationId === 'string' && streamed) {
      this.line = line;
      this.fail('has both a conversationId and a "conversations" array');
    }
    if (streamed || isPage(whole)) {
      if (Array.isArray(whole.conversations)) for (const record of whole.conversations) this.sink.parsed(record, line);
    } else {
      this.sink.parsed(whole, line);
    }
  }

  private parse(start: number, end: number, line: number): unknown {
    try {
      return JSON.parse(this.buf.toString('utf8', start, end));
    } catch (error) {
      this.line = line;
      return this.fail(`is not valid JSON (${(error as Error).message})`);
    }
  }

  /** Moves pos to `end`, counting the line ends passed. */
  private consume(end: number): void {
    const b = this.buf;
    if (this.nextLf === -2 || (this.nextLf >= 0 && this.nextLf < this.pos)) this.nextLf = b.indexOf(10, this.pos);
    while (this.nextLf >= 0 && this.nextLf < end) {
      this.line++;
      this.nextLf = b.indexOf(10, this.nextLf + 1);
    }
    this.pos = end;
  }

  /** Skips whitespace; the next byte, or -1 when the buffer ends first. */
  private skipWhitespace(): number {
    const b = this.buf;
    let i = this.pos;
    while (i < this.limit) {
      const c = b[i]!;
      if (c === 10) {
        this.line++;
        if (this.nextLf === i) this.nextLf = -2;
      } else if (c !== 32 && c !== 13 && c !== 9) break;
      i++;
    }
    this.pos = i;
    return i < this.limit ? b[i]! : -1;
  }

  private fail(what: string): never {
    throw new UsageError(`--input: ${this.label} line ${this.line} ${what}; ${ACCEPTED}`);
  }
}

function describeByte(c: number): string {
  return c >= 33 && c < 127 ? `character "${String.fromCharCode(c)}"` : `byte 0x${c.toString(16).padStart(2, '0')}`;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A details response or job-results page; the page past the last carries no `conversations` at all. */
const isPage = (v: unknown): v is { conversations?: unknown[] } =>
  isObject(v) &&
  typeof v.conversationId !== 'string' &&
  (Array.isArray(v.conversations) || 'totalHits' in v || 'cursor' in v || 'dataAvailabilityDate' in v);
