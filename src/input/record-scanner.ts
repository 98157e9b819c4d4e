import { type MetricObservation, OBSERVATION_FIELDS, type TextField } from '../records/metric-observation.js';
import { observationFromColumns } from '../records/observation-columns.js';
import { NUMBER_FIELDS, TEXT_FIELDS, absentText, numberColumn, textColumn, textFieldsAt } from '../records/observation-layout.js';
import { parseRecordInstantBytes } from '../records/parse-record-instant.js';
import { RECORD_SHAPE } from '../records/record-shape.js';
import { type ConversationIdSet, uuidBits } from './conversation-id-set.js';

/** `scan` results besides an end offset. */
export const NEED_MORE = -1;
export const FALLBACK = -2;

/**
 * Reads one conversation record straight from its UTF-8 bytes, looking only at the fields the record contract
 * declares (src/records/metric-observation.ts: conversationId; participants[].userId/purpose/participantName/
 * sessions[].mediaType/segments[].queueId/metrics[].name/value/emitDate) and checking the syntax of everything
 * else without building it. It gives what `walkRecord(JSON.parse(text))` gives, in the same order, or FALLBACK:
 * on invalid JSON, an escape in a key or in a value it reads, a field of an unexpected type or present twice,
 * deep nesting, a record without a string conversationId, a wanted metric without a numeric value or a parseable
 * emitDate: the caller then parses the record with JSON.parse and walks it (which also gives the exact error). It
 * never guesses: what it returns is what JSON.parse would have given (test/input/record-scanner.test.ts checks
 * this differentially). Each scanner keeps its own last record (the scan's working state is module-level: one
 * record is scanned at a time).
 */
export class RecordScanner {
  /** The last record's conversationId: its bytes in the scanned buffer, and whether they are all ASCII. */
  private buffer: Bytes = b;
  private idStart = 0;
  private idEnd = 0;

  private readonly wantedBytes: Uint8Array[];
  private readonly wantedNames: string[];

  /**
   * This scanner's last record, which emit() reads: the arrays scan() fills (through the module variables below,
   * pointed at them for the scan) and how many observations the record gave.
   */
  private readonly obsName: string[] = [];
  private readonly obsValue: number[] = [];
  private readonly obsEmitMs: number[] = [];
  private readonly obsSession: number[] = [];
  private readonly sesParticipant: number[] = [];
  private readonly sesFields: number[] = [];
  private readonly partFields: number[] = [];
  private obsCount = 0;
  /** emit()'s columns of one observation (each becomes a new object before `visit` sees it). */
  private readonly texts = new Array<string>(TEXT_FIELDS.length).fill('');
  private readonly numbers = new Float64Array(NUMBER_FIELDS.length);

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
    obsName = this.obsName;
    obsValue = this.obsValue;
    obsEmitMs = this.obsEmitMs;
    obsSession = this.obsSession;
    sesParticipant = this.sesParticipant;
    sesFields = this.sesFields;
    partFields = this.partFields;
    obsCount = 0;
    sesCount = 0;
    partCount = 0;
    // Until the record is read whole, this scanner has none (its arrays are being overwritten).
    this.obsCount = 0;
    try {
      record();
      this.buffer = b;
      this.idStart = idStart;
      this.idEnd = idEnd;
      this.obsCount = obsCount;
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

  /** The metrics of the last record scanned, in walkRecord's order. */
  emit(visit: (o: MetricObservation) => void): void {
    const buf = this.buffer;
    const texts = this.texts;
    const numbers = this.numbers;
    const { obsName, obsValue, obsEmitMs, obsSession, sesParticipant, sesFields, partFields } = this;
    let lastSession = -1;
    let lastParticipant = -1;
    for (let i = 0; i < this.obsCount; i++) {
      const s = obsSession[i]!;
      if (s !== lastSession) {
        lastSession = s;
        for (let k = 0; k < SES_SLOTS; k++) texts[SES_COLUMN[k]!] = lazyText(buf, sesFields, s * SES_SLOTS + k, SES_ABSENT[k]!);
        const q = sesParticipant[s]!;
        if (q !== lastParticipant) {
          lastParticipant = q;
          for (let k = 0; k < PART_SLOTS; k++) texts[PART_COLUMN[k]!] = lazyText(buf, partFields, q * PART_SLOTS + k, PART_ABSENT[k]!);
        }
      }
      texts[NAME] = obsName[i]!;
      numbers[VALUE] = obsValue[i]!;
      numbers[EMIT_MS] = obsEmitMs[i]!;
      visit(observationFromColumns(texts, numbers));
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

/** The scanning scanner's arrays (see RecordScanner) and how far the record has filled them. */
let obsCount = 0;
let obsName: string[] = [];
let obsValue: number[] = [];
let obsEmitMs: number[] = [];
let obsSession: number[] = [];
let sesCount = 0;
let sesParticipant: number[] = [];
/**
 * The strings a report reads, kept as byte ranges (start, then end; start -1 when absent) and decoded only for
 * sessions that have a wanted metric: most have none. Per session SES_SLOTS, per participant PART_SLOTS slots.
 */
let sesFields: number[] = [];
let partCount = 0;
let partFields: number[] = [];

/** A string field at p, kept as its byte range in `fields` at `slot`; BAIL on escapes. */
function textRange(fields: number[], slot: number): void {
  if (b[p] !== 34) throw BAIL;
  const end = str();
  if (sEsc) throw BAIL;
  fields[slot * 2] = sStart;
  fields[slot * 2 + 1] = end;
}

function lazyText(buf: Bytes, fields: number[], slot: number, absent: string): string {
  const start = fields[slot * 2]!;
  if (start < 0) return absent;
  // Invalid UTF-8 becomes U+FFFD exactly as when the whole record is decoded: the slice starts and ends at quotes.
  return buf.utf8Slice(start, fields[slot * 2 + 1]!);
}

const NEED = new Error('need more input');
const BAIL = new Error('fall back to JSON.parse');
/** Deeper than this, skipping recurses too far for comfort; JSON.parse takes over. */
const MAX_DEPTH = 200;

const ascii = (text: string) => Buffer.from(text, 'latin1');
const K_CONVERSATION_ID = ascii(RECORD_SHAPE.id);
const K_PARTICIPANTS = ascii(RECORD_SHAPE.participants);
const K_SESSIONS = ascii(RECORD_SHAPE.sessions);
const K_SEGMENTS = ascii(RECORD_SHAPE.segments);
const K_METRICS = ascii(RECORD_SHAPE.metrics);
const K_NAME = ascii(OBSERVATION_FIELDS.name.key);
const K_VALUE = ascii(OBSERVATION_FIELDS.value.key);
const K_EMIT_DATE = ascii(OBSERVATION_FIELDS.emitMs.key);

// The text slots, derived once from the record contract's field table: per participant its fields (userId,
// purpose, participantName); per session its own (mediaType), then those taken from its first segment that has
// them (queueId). Each slot's key, the observation column it fills and its value when absent.
const slotsOf = (fields: TextField[]) => ({
  keys: fields.map((f) => ascii(OBSERVATION_FIELDS[f].key)),
  columns: fields.map(textColumn),
  absent: fields.map(absentText),
});
const PART = slotsOf(textFieldsAt('participant'));
const PART_KEYS = PART.keys;
const PART_SLOTS = PART_KEYS.length;
const PART_COLUMN = PART.columns;
const PART_ABSENT = PART.absent;
const SES_OWN = textFieldsAt('session');
const SEG = textFieldsAt('segment');
const SES = slotsOf([...SES_OWN, ...SEG]);
const SES_KEYS = SES.keys.slice(0, SES_OWN.length);
const SES_OWN_SLOTS = SES_KEYS.length;
const SEG_KEYS = SES.keys.slice(SES_OWN.length);
const SEG_SLOTS = SEG_KEYS.length;
const SES_SLOTS = SES_OWN_SLOTS + SEG_SLOTS;
const SES_COLUMN = SES.columns;
const SES_ABSENT = SES.absent;
const NAME = textColumn('name');
const VALUE = numberColumn('value');
const EMIT_MS = numberColumn('emitMs');

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

/** A participant's text fields are slots 0 .. PART_SLOTS - 1; then `sessions`. */
function participant(): void {
  const q = partCount++;
  for (let k = 0; k < PART_SLOTS; k++) partFields[(q * PART_SLOTS + k) * 2] = -1;
  let seen = 0;
  if (!openObject()) return;
  do {
    const ks = p + 1;
    const ke = key();
    let field = 0;
    while (field < PART_SLOTS && !keyIs(ks, ke, PART_KEYS[field]!)) field++;
    if (field === PART_SLOTS && !keyIs(ks, ke, K_SESSIONS)) {
      skip(2);
      continue;
    }
    const bit = 1 << field;
    if (seen & bit) throw BAIL;
    seen |= bit;
    if (field < PART_SLOTS) textRange(partFields, q * PART_SLOTS + field);
    else if (openArray()) {
      do session(q);
      while (more(93));
    }
  } while (more(125));
}

/** A session's own text fields are slots 0 .. SES_OWN_SLOTS - 1; then `segments`, then `metrics`. */
function session(q: number): void {
  const s = sesCount++;
  sesParticipant[s] = q;
  for (let k = 0; k < SES_SLOTS; k++) sesFields[(s * SES_SLOTS + k) * 2] = -1;
  let seen = 0;
  if (!openObject()) return;
  do {
    const ks = p + 1;
    const ke = key();
    let field = 0;
    while (field < SES_OWN_SLOTS && !keyIs(ks, ke, SES_KEYS[field]!)) field++;
    if (field === SES_OWN_SLOTS && !keyIs(ks, ke, K_SEGMENTS)) {
      field++;
      if (!keyIs(ks, ke, K_METRICS)) {
        skip(4);
        continue;
      }
    }
    const bit = 1 << field;
    if (seen & bit) throw BAIL;
    seen |= bit;
    if (field < SES_OWN_SLOTS) {
      textRange(sesFields, s * SES_SLOTS + field);
    } else if (field === SES_OWN_SLOTS) {
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

/** The first segment with a field gives the session's (the queueId: as walkRecord takes it). */
function segment(s: number): void {
  let seen = 0;
  if (!openObject()) return;
  do {
    const ks = p + 1;
    const ke = key();
    let field = 0;
    while (field < SEG_SLOTS && !keyIs(ks, ke, SEG_KEYS[field]!)) field++;
    if (field === SEG_SLOTS) {
      skip(6);
      continue;
    }
    const bit = 1 << field;
    if (seen & bit) throw BAIL;
    seen |= bit;
    const slot = s * SES_SLOTS + SES_OWN_SLOTS + field;
    if (sesFields[slot * 2]! < 0) {
      textRange(sesFields, slot);
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
  if (wanted < 0) return; // no name, or a metric the report does not use: walkRecord skips it too
  if ((seen & 6) !== 6) throw BAIL;
  const emitMs = parseRecordInstantBytes(b, emitStart, emitEnd);
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
