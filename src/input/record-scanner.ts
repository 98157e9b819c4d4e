import { type MetricObservation, parseInstant } from '../metrics/walk-metrics.js';
import { type ConversationIdSet, uuidBits } from './conversation-id-set.js';

/** `scan` results besides an end offset. */
export const NEED_MORE = -1;
export const FALLBACK = -2;

/**
 * Reads one conversation record straight from its UTF-8 bytes, looking only at the fields the reports use
 * (conversationId; participants[].userId/purpose/participantName/sessions[].mediaType/segments[].queueId/
 * metrics[].name/value/emitDate) and checking the syntax of everything else without building it. It gives what
 * `walkMetrics(JSON.parse(text))` gives, in the same order, or FALLBACK: on invalid JSON, an escape in a key or in
 * a value it reads, a field of an unexpected type or present twice, deep nesting, a record without a string
 * conversationId, a wanted metric without a numeric value or a parseable emitDate: the caller then parses the
 * record with JSON.parse and walks it (which also gives the exact error). It never guesses: what it returns is
 * what JSON.parse would have given (test/input/record-scanner.test.ts checks this differentially).
 */
export class RecordScanner {
  /** The last record's conversationId: its bytes in the scanned buffer, and whether they are all ASCII. */
  private buffer: Bytes = b;
  private idStart = 0;
  private idEnd = 0;

  private readonly wantedBytes: Uint8Array[];
  private readonly wantedNames: string[];

  constructor(wanted: ReadonlySet<string>) {
    this.wantedNames = [...wanted];
    this.wantedBytes = this.wantedNames.map((name) => Buffer.from(name, 'latin1'));
  }

  /** Scans the record (an object) at `buf[start]`; its end offset, NEED_MORE if it runs past `limit`, or FALLBACK. */
  scan(buf: Buffer, start: number, limit: number): number {
    b = buf as Bytes;
    if (buf !== wordsOf) {
      wordsOf = buf;
      wordShift = buf.byteOffset & 3;
      words = new Int32Array(buf.buffer, buf.byteOffset - wordShift, (buf.length + wordShift) >> 2);
    }
    p = start;
    n = limit;
    wantedBytes = this.wantedBytes;
    wantedNames = this.wantedNames;
    obsCount = 0;
    sesCount = 0;
    partCount = 0;
    try {
      record();
      this.buffer = b;
      this.idStart = idStart;
      this.idEnd = idEnd;
      return p;
    } catch (stop) {
      if (stop === NEED) return NEED_MORE;
      if (stop === BAIL) return FALLBACK;
      throw stop;
    }
  }

  /** Adds the last record's conversationId to `ids`; false when it was there already. */
  addIdTo(ids: ConversationIdSet): boolean {
    return ids.addBytes(this.buffer, this.idStart, this.idEnd);
  }

  /**
   * The last record's conversationId as ConversationIdSet keys it: its 128 bits into `words[at, at + 4)` when it
   * is a UUID (true), else false and idText() gives it.
   */
  idWords(words: Uint32Array, at: number): boolean {
    return uuidBits(this.buffer, this.idStart, this.idEnd, words, at);
  }

  idText(): string {
    return this.buffer.toString('utf8', this.idStart, this.idEnd);
  }

  /** The metrics of the last record scanned, in walkMetrics's order. */
  emit(visit: (o: MetricObservation) => void): void {
    b = this.buffer;
    let lastSession = -1;
    let mediaType = '';
    let queueId = '';
    let lastParticipant = -1;
    let userId = '';
    let purpose = '';
    let participantName = '';
    for (let i = 0; i < obsCount; i++) {
      const s = obsSession[i]!;
      if (s !== lastSession) {
        lastSession = s;
        mediaType = lazyText(sesFields, s * 2, 'unknown');
        queueId = lazyText(sesFields, s * 2 + 1, '');
        const q = sesParticipant[s]!;
        if (q !== lastParticipant) {
          lastParticipant = q;
          userId = lazyText(partFields, q * 3, '');
          purpose = lazyText(partFields, q * 3 + 1, '');
          participantName = lazyText(partFields, q * 3 + 2, '');
        }
      }
      visit({ name: obsName[i]!, value: obsValue[i]!, emitMs: obsEmitMs[i]!, mediaType, queueId, userId, purpose, participantName });
    }
  }
}

// The scanner's state lives in module variables: one record is scanned at a time, and V8 keeps these in
// registers-friendly context slots (an object's fields cost ~15% more here).
/** Buffer's own slice decoders (what toString calls, without its argument checks), present in every Node. */
type Bytes = Buffer & { latin1Slice(start: number, end: number): string; utf8Slice(start: number, end: number): string };
let b = Buffer.alloc(0) as Bytes;
let p = 0;
/**
 * b as 32-bit words from the word holding b[0] (b[i] is byte (i + wordShift) & 3 of words[(i + wordShift) >> 2]),
 * made once per buffer: the reader reuses one.
 */
let words: Int32Array<ArrayBufferLike> = new Int32Array(0);
let wordShift = 0;
let wordsOf: Buffer | undefined;
let n = 0;
let wantedBytes: Uint8Array[] = [];
let wantedNames: string[] = [];
/** Set by str(): the content's start, whether it has escapes or bytes ≥ 0x80. */
let sStart = 0;
let sEsc = false;
let idStart = 0;
let idEnd = 0;

let obsCount = 0;
const obsName: string[] = [];
const obsValue: number[] = [];
const obsEmitMs: number[] = [];
const obsSession: number[] = [];
let sesCount = 0;
const sesParticipant: number[] = [];
/**
 * The strings a report reads, kept as byte ranges (start, then end; start -1 when absent) and decoded only for sessions that have a wanted metric: most have none.
 * Per session: mediaType, queueId; per participant: userId, purpose, participantName.
 */
const sesFields: number[] = [];
let partCount = 0;
const partFields: number[] = [];

/** A string field at p, kept as its byte range in `fields` at `slot`; BAIL on escapes. */
function textRange(fields: number[], slot: number): void {
  if (b[p] !== 34) throw BAIL;
  const end = str();
  if (sEsc) throw BAIL;
  fields[slot * 2] = sStart;
  fields[slot * 2 + 1] = end;
}

function lazyText(fields: number[], slot: number, absent: string): string {
  const start = fields[slot * 2]!;
  if (start < 0) return absent;
  return decode(start, fields[slot * 2 + 1]!);
}

const NEED = new Error('need more input');
const BAIL = new Error('fall back to JSON.parse');
/** Deeper than this, skipping recurses too far for comfort; JSON.parse takes over. */
const MAX_DEPTH = 200;

const ascii = (text: string) => Buffer.from(text, 'latin1');
const K_CONVERSATION_ID = ascii('conversationId');
const K_PARTICIPANTS = ascii('participants');
const K_USER_ID = ascii('userId');
const K_PURPOSE = ascii('purpose');
const K_PARTICIPANT_NAME = ascii('participantName');
const K_SESSIONS = ascii('sessions');
const K_MEDIA_TYPE = ascii('mediaType');
const K_SEGMENTS = ascii('segments');
const K_METRICS = ascii('metrics');
const K_QUEUE_ID = ascii('queueId');
const K_NAME = ascii('name');
const K_VALUE = ascii('value');
const K_EMIT_DATE = ascii('emitDate');

function at(i: number): number {
  if (i >= n) throw NEED;
  return b[i]!;
}

/** Skips JSON whitespace (space, tab, LF, CR) and returns the next byte. */
function ws(): number {
  for (;;) {
    if (p >= n) throw NEED;
    const c = b[p]!;
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) return c;
    p++;
  }
}

/** After a member or element: `,` (true) or the closing byte (false). */
function more(close: number): boolean {
  const c = ws();
  p++;
  if (c === 44) {
    ws();
    return true;
  }
  if (c === close) return false;
  throw BAIL;
}

/** The string at p (which holds `"`): validates it, leaves p after the closing quote, returns the content's end. */
function str(): number {
  let i = p + 1;
  let esc = false;
  const buf = b;
  const lim = n;
  const all = words;
  // Never a read past the view (or the buffer): an out-of-bounds read deoptimizes the whole scan.
  const wordsEnd = Math.min(lim, 4 * all.length - wordShift - 4);
  for (;;) {
    // Four bytes at a time (SWAR: half the scan's time went to this loop byte by byte) until a quote, a backslash or
    // a control byte. The lowest flagged byte is the first of them (a false flag needs a true one below it); a false
    // flag is caught by the byte loop below.
    while (LITTLE_ENDIAN && i + 4 <= wordsEnd) {
      const at = i + wordShift;
      const shift = (at & 3) << 3;
      const x = shift === 0 ? all[at >> 2]! : (all[at >> 2]! >>> shift) | (all[(at >> 2) + 1]! << (32 - shift));
      const q = x ^ 0x22222222;
      const s = x ^ 0x5c5c5c5c;
      const m = (((q - 0x01010101) & ~q) | ((s - 0x01010101) & ~s) | ((x - 0x20202020) & ~x)) & 0x80808080;
      if (m !== 0) {
        i += (31 - Math.clz32(m & -m)) >> 3;
        break;
      }
      i += 4;
    }
    while (i < lim && STRING_STOP[buf[i]!] === 0) i++;
    if (i >= lim) throw NEED;
    const c = buf[i]!;
    if (c === 34) break;
    if (c !== 92) throw BAIL; // a raw control character: invalid JSON
    esc = true;
    if (++i >= lim) throw NEED;
    const e = buf[i]!;
    if (e === 117) {
      if (i + 4 >= lim) throw NEED;
      if (!isHex(buf[i + 1]!) || !isHex(buf[i + 2]!) || !isHex(buf[i + 3]!) || !isHex(buf[i + 4]!)) throw BAIL;
      i += 4;
    } else if (e !== 34 && e !== 92 && e !== 47 && e !== 98 && e !== 102 && e !== 110 && e !== 114 && e !== 116) {
      throw BAIL;
    }
    i++;
  }
  sStart = p + 1;
  sEsc = esc;
  p = i + 1;
  return i;
}

/** 1 for the bytes that end a run of plain string content: `"`, `\`, and the control characters. */
const STRING_STOP = new Uint8Array(256);
STRING_STOP.fill(1, 0, 32);
STRING_STOP[34] = 1;
STRING_STOP[92] = 1;

/** The word loop's first-flag rule holds for little-endian words only; on a big-endian machine (s390x) the byte loop does it all. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

function decode(start: number, end: number): string {
  // Invalid UTF-8 becomes U+FFFD exactly as when the whole record is decoded: the slice starts and ends at quotes.
  return b.utf8Slice(start, end);
}

/** A key at p: its content's end; the key must be plain (an escape could spell a field we read). */
function key(): number {
  if (b[p] !== 34) throw BAIL;
  // Keys are short and plain: byte by byte (measured ~5% faster than str()'s word loop); at any stop byte but the
  // closing quote str() takes over, and bails on an escape.
  let i = p + 1;
  const buf = b;
  while (i < n && STRING_STOP[buf[i]!] === 0) i++;
  let end: number;
  if (i < n && buf[i] === 34) {
    end = i;
    p = i + 1;
  } else {
    end = str();
    if (sEsc) throw BAIL;
  }
  if (ws() !== 58) throw BAIL;
  p++;
  ws();
  return end;
}

function keyIs(start: number, end: number, k: Uint8Array): boolean {
  const len = k.length;
  if (end - start !== len) return false;
  for (let i = 0; i < len; i++) if (b[start + i] !== k[i]) return false;
  return true;
}

/** A JSON number at p, exactly as JSON.parse reads it. */
function num(): number {
  const start = p;
  let i = p;
  let c = at(i);
  const negative = c === 45;
  if (negative) c = at(++i);
  if (c === 48) {
    c = at(++i);
  } else if (c >= 49 && c <= 57) {
    do c = at(++i);
    while (c >= 48 && c <= 57);
  } else {
    throw BAIL;
  }
  let integer = true;
  if (c === 46) {
    integer = false;
    c = at(++i);
    if (c < 48 || c > 57) throw BAIL;
    do c = at(++i);
    while (c >= 48 && c <= 57);
  }
  if (c === 101 || c === 69) {
    integer = false;
    c = at(++i);
    if (c === 43 || c === 45) c = at(++i);
    if (c < 48 || c > 57) throw BAIL;
    do c = at(++i);
    while (c >= 48 && c <= 57);
  }
  p = i;
  const digits = i - start - (negative ? 1 : 0);
  if (integer && digits <= 15) {
    let v = 0;
    for (let j = negative ? start + 1 : start; j < i; j++) v = v * 10 + (b[j]! - 48);
    return negative ? -v : v;
  }
  // Every other form (fractions, exponents, long integers): the same correctly rounded conversion JSON.parse uses.
  return Number(decode(start, i));
}

function literal(word: Uint8Array): void {
  for (let i = 0; i < word.length; i++) if (at(p + i) !== word[i]) throw BAIL;
  p += word.length;
}
const TRUE = ascii('true');
const FALSE = ascii('false');
const NULL = ascii('null');

/** Validates and steps over any value at p. */
function skip(depth: number): void {
  const c = b[p]!;
  if (c === 34) {
    str();
  } else if (c === 123) {
    if (depth > MAX_DEPTH) throw BAIL;
    if (openObject()) {
      do {
        key();
        skip(depth + 1);
      } while (more(125));
    }
  } else if (c === 91) {
    if (depth > MAX_DEPTH) throw BAIL;
    if (openArray()) {
      do skip(depth + 1);
      while (more(93));
    }
  } else if (c === 116) {
    literal(TRUE);
  } else if (c === 102) {
    literal(FALSE);
  } else if (c === 110) {
    literal(NULL);
  } else {
    num();
  }
}

/** `[` at p: steps in; true when an element follows (p at it), false for `[]`. Then `while (more(93))`. */
function openArray(): boolean {
  if (b[p] !== 91) throw BAIL;
  p++;
  if (ws() !== 93) return true;
  p++;
  return false;
}

/** `{` at p: steps in; true when a member follows (p at its key), false for `{}`. Then `while (more(125))`. */
function openObject(): boolean {
  if (b[p] !== 123) throw BAIL;
  p++;
  if (ws() !== 125) return true;
  p++;
  return false;
}

// The walkers below are loops, not callbacks: a closure per object was a tenth of the scan.

function record(): void {
  let seenId = false;
  let seenParticipants = false;
  if (openObject()) {
    do {
      const ks = p + 1;
      const ke = key();
      if (keyIs(ks, ke, K_CONVERSATION_ID)) {
        if (seenId || b[p] !== 34) throw BAIL;
        seenId = true;
        const end = str();
        if (sEsc) throw BAIL;
        idStart = sStart;
        idEnd = end;
      } else if (keyIs(ks, ke, K_PARTICIPANTS)) {
        if (seenParticipants) throw BAIL;
        seenParticipants = true;
        if (openArray()) {
          do participant();
          while (more(93));
        }
      } else {
        skip(1);
      }
    } while (more(125));
  }
  if (!seenId) throw BAIL;
}

function participant(): void {
  const q = partCount++;
  partFields[q * 6] = -1;
  partFields[q * 6 + 2] = -1;
  partFields[q * 6 + 4] = -1;
  let seen = 0;
  if (!openObject()) return;
  do {
    const ks = p + 1;
    const ke = key();
    const field = keyIs(ks, ke, K_USER_ID) ? 1 : keyIs(ks, ke, K_PURPOSE) ? 2 : keyIs(ks, ke, K_PARTICIPANT_NAME) ? 4 : keyIs(ks, ke, K_SESSIONS) ? 8 : 0;
    if (field === 0) {
      skip(2);
      continue;
    }
    if (seen & field) throw BAIL;
    seen |= field;
    if (field === 1) textRange(partFields, q * 3);
    else if (field === 2) textRange(partFields, q * 3 + 1);
    else if (field === 4) textRange(partFields, q * 3 + 2);
    else if (openArray()) {
      do session(q);
      while (more(93));
    }
  } while (more(125));
}

function session(q: number): void {
  const s = sesCount++;
  sesParticipant[s] = q;
  sesFields[s * 4] = -1;
  sesFields[s * 4 + 2] = -1;
  let seen = 0;
  if (!openObject()) return;
  do {
    const ks = p + 1;
    const ke = key();
    const field = keyIs(ks, ke, K_MEDIA_TYPE) ? 1 : keyIs(ks, ke, K_SEGMENTS) ? 2 : keyIs(ks, ke, K_METRICS) ? 4 : 0;
    if (field === 0) {
      skip(4);
      continue;
    }
    if (seen & field) throw BAIL;
    seen |= field;
    if (field === 1) {
      textRange(sesFields, s * 2);
    } else if (field === 2) {
      if (openArray()) {
        do segment(s);
        while (more(93));
      }
    } else if (openArray()) {
      do metric(s);
      while (more(93));
    }
  } while (more(125));
}

/** The first segment with a queueId names the session's queue (as walkMetrics takes it). */
function segment(s: number): void {
  let seen = false;
  if (!openObject()) return;
  do {
    const ks = p + 1;
    const ke = key();
    if (!keyIs(ks, ke, K_QUEUE_ID)) {
      skip(6);
      continue;
    }
    if (seen) throw BAIL;
    seen = true;
    if (sesFields[s * 4 + 2]! < 0) {
      textRange(sesFields, s * 2 + 1);
    } else {
      if (b[p] !== 34) throw BAIL;
      str();
      if (sEsc) throw BAIL;
    }
  } while (more(125));
}

function metric(s: number): void {
  let seen = 0;
  let wanted = -1;
  let value = 0;
  let emitStart = 0;
  let emitEnd = 0;
  if (openObject()) {
    do {
      const ks = p + 1;
      const ke = key();
      const field = keyIs(ks, ke, K_NAME) ? 1 : keyIs(ks, ke, K_VALUE) ? 2 : keyIs(ks, ke, K_EMIT_DATE) ? 4 : 0;
      if (field === 0) {
        skip(6);
        continue;
      }
      if (seen & field) throw BAIL;
      seen |= field;
      if (field === 1) {
        if (b[p] !== 34) throw BAIL;
        const end = str();
        if (sEsc) throw BAIL;
        wanted = wantedIndex(sStart, end);
      } else if (field === 2) {
        value = num();
      } else {
        if (b[p] !== 34) throw BAIL;
        emitEnd = str();
        if (sEsc) throw BAIL;
        emitStart = sStart;
      }
    } while (more(125));
  }
  if (wanted < 0) return; // no name, or a metric the report does not use: walkMetrics skips it too
  if ((seen & 6) !== 6) throw BAIL;
  const emitMs = instant(emitStart, emitEnd);
  if (Number.isNaN(emitMs)) throw BAIL;
  const o = obsCount++;
  obsName[o] = wantedNames[wanted]!;
  obsValue[o] = value;
  obsEmitMs[o] = emitMs;
  obsSession[o] = s;
}

function wantedIndex(start: number, end: number): number {
  for (let i = 0; i < wantedBytes.length; i++) if (keyIs(start, end, wantedBytes[i]!)) return i;
  return -1;
}

/** The UTC day (`2026-11-20T`) of the last canonical instant read, as bytes, and its start in ms. */
const cachedDay = new Uint8Array(11);
let cachedDayMs = NaN;

/**
 * parseInstant on bytes: the API's form (`2026-11-20T09:00:00.123Z`) is read without making a string, by the
 * same rules (the day through Date.parse once per day, the time by hand); anything else goes to parseInstant.
 */
function instant(start: number, end: number): number {
  if (end - start === 24 && b[start + 23] === 90 && b[start + 10] === 84) {
    if (!sameDay(start)) {
      const dayMs = Date.parse(`${decode(start, start + 10)}T00:00:00.000Z`);
      if (!Number.isNaN(dayMs)) {
        cachedDay.set(b.subarray(start, start + 11));
        cachedDayMs = dayMs;
      }
    }
    if (sameDay(start)) {
      const time = timeOfDayMs(start);
      if (!Number.isNaN(time)) return cachedDayMs + time;
    }
  }
  return parseInstant(decode(start, end));
}

function sameDay(start: number): boolean {
  if (Number.isNaN(cachedDayMs)) return false;
  for (let i = 0; i < 11; i++) if (b[start + i] !== cachedDay[i]) return false;
  return true;
}

/** The decimal digit at i, or -1. */
function digit(i: number): number {
  const v = b[i]! - 48;
  return v >= 0 && v <= 9 ? v : -1;
}

/** `HH:MM:SS.mmm` at start+11 as ms since midnight, or NaN (the rules of walk-metrics' timeOfDayMs). */
function timeOfDayMs(start: number): number {
  const h1 = digit(start + 11), h2 = digit(start + 12), m1 = digit(start + 14), m2 = digit(start + 15);
  const s1 = digit(start + 17), s2 = digit(start + 18), f1 = digit(start + 20), f2 = digit(start + 21), f3 = digit(start + 22);
  if (h1 < 0 || h2 < 0 || m1 < 0 || m2 < 0 || s1 < 0 || s2 < 0 || f1 < 0 || f2 < 0 || f3 < 0) return NaN;
  if (b[start + 13] !== 58 || b[start + 16] !== 58 || b[start + 19] !== 46) return NaN;
  const h = h1 * 10 + h2;
  const m = m1 * 10 + m2;
  const s = s1 * 10 + s2;
  if (h > 23 || m > 59 || s > 59) return NaN;
  return ((h * 60 + m) * 60 + s) * 1000 + f1 * 100 + f2 * 10 + f3;
}
