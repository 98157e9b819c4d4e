import type { MetricObservation } from '../records/metric-observation.js';
import { observationFromColumns, observationToColumns } from '../records/observation-columns.js';
import { NUMBER_FIELDS, TEXT_FIELDS } from '../records/observation-layout.js';

/** How a record's conversationId is kept, as ConversationIdSet keys it. */
export const ID_NONE = 0;
export const ID_WORDS = 1;
export const ID_TEXT = 2;

/**
 * The records of one byte range, in file order, compact enough to post from a worker thread without cloning an
 * object per metric: numbers in typed arrays (transferred, not copied), every string once in `strings`.
 */
export interface ObservationBatch {
  records: number;
  /** Per record: ID_NONE (no string conversationId: never a duplicate), ID_WORDS or ID_TEXT. */
  idKind: Uint8Array;
  /** Per record, 4 words: a UUID's 128 bits (ID_WORDS). */
  idWords: Uint32Array;
  /** [record, id] for ID_TEXT records. */
  idTexts: Array<[number, string]>;
  /** Per record: the number of observations up to and including it. */
  obsEnd: Uint32Array;
  /** Per observation: its numeric fields (NUMBER_FIELDS: value, emitMs). */
  numbers: Float64Array;
  /** Per observation: its text fields (TEXT_FIELDS: name, mediaType, ...), as indexes into `strings`. */
  fields: Uint32Array;
  strings: string[];
  /** [record, line within the range, message] for a malformed record (raised only if it is not a duplicate). */
  errors: Array<[number, number, string]>;
}

/** Columns per observation, from the record contract's field table. */
const FIELDS = TEXT_FIELDS.length;
const NUMBERS = NUMBER_FIELDS.length;

/** Builds a batch record by record (in a worker). */
export class ObservationBatchWriter {
  private records = 0;
  private observations = 0;
  private idKind = new Uint8Array(1024);
  private idWords = new Uint32Array(4096);
  private obsEnd = new Uint32Array(1024);
  private numbers = new Float64Array(8192 * NUMBERS);
  private fields = new Uint32Array(8192 * FIELDS);
  private readonly idTexts: Array<[number, string]> = [];
  private readonly errors: Array<[number, number, string]> = [];
  private readonly strings: string[] = [];
  private readonly stringIndex = new Map<string, number>();
  /** The text columns of the observation being added. */
  private readonly texts = new Array<string>(FIELDS).fill('');

  /** Starts a record; returns the words to put a UUID id in (at `4 * record`) and where. */
  startRecord(): number {
    const r = this.records;
    if (r === this.idKind.length) {
      this.idKind = grown(this.idKind);
      this.idWords = grown(this.idWords);
      this.obsEnd = grown(this.obsEnd);
    }
    this.idKind[r] = ID_NONE;
    this.obsEnd[r] = this.observations;
    this.records = r + 1;
    return r;
  }

  get words(): Uint32Array {
    return this.idWords;
  }

  idIsWords(record: number): void {
    this.idKind[record] = ID_WORDS;
  }

  idIsText(record: number, id: string): void {
    this.idKind[record] = ID_TEXT;
    this.idTexts.push([record, id]);
  }

  add(o: MetricObservation): void {
    const i = this.observations;
    if (NUMBERS * i === this.numbers.length) this.numbers = grown(this.numbers);
    if (FIELDS * i === this.fields.length) this.fields = grown(this.fields);
    observationToColumns(o, this.texts, this.numbers, NUMBERS * i);
    const f = FIELDS * i;
    const fields = this.fields;
    const texts = this.texts;
    for (let k = 0; k < FIELDS; k++) fields[f + k] = this.intern(texts[k]!, k);
    this.observations = i + 1;
    this.obsEnd[this.records - 1] = i + 1;
  }

  /** The current record is malformed: its observations are dropped, the error kept for the main thread. */
  fail(record: number, line: number, message: string): void {
    this.observations = record === 0 ? 0 : this.obsEnd[record - 1]!;
    this.obsEnd[record] = this.observations;
    this.errors.push([record, line, message]);
  }

  finish(): ObservationBatch {
    return {
      records: this.records,
      idKind: this.idKind.slice(0, this.records),
      idWords: this.idWords.slice(0, 4 * this.records),
      idTexts: this.idTexts,
      obsEnd: this.obsEnd.slice(0, this.records),
      numbers: this.numbers.slice(0, NUMBERS * this.observations),
      fields: this.fields.slice(0, FIELDS * this.observations),
      strings: this.strings,
      errors: this.errors,
    };
  }

  /** Per field, the last string and its index: a session's observations share theirs, so most lookups end here. */
  private readonly lastText = new Array<string>(FIELDS).fill('');
  private readonly lastIndex = new Int32Array(FIELDS).fill(-1);

  private intern(text: string, field: number): number {
    if (this.lastText[field] === text && this.lastIndex[field]! >= 0) return this.lastIndex[field]!;
    let i = this.stringIndex.get(text);
    if (i === undefined) {
      i = this.strings.length;
      this.strings.push(text);
      this.stringIndex.set(text, i);
    }
    this.lastText[field] = text;
    this.lastIndex[field] = i;
    return i;
  }
}

function grown<T extends Uint8Array | Uint32Array | Float64Array>(a: T): T {
  const bigger = new (a.constructor as new (n: number) => T)(a.length * 2);
  bigger.set(a);
  return bigger;
}

/** The typed arrays of a batch, to transfer rather than copy. */
export const transferablesOf = (b: ObservationBatch): ArrayBuffer[] =>
  [b.idKind, b.idWords, b.obsEnd, b.numbers, b.fields].map((a) => a.buffer as ArrayBuffer);

/** Gives the observations of record `r` to `visit`, as the scanner or walkRecord gave them. */
export function visitRecord(b: ObservationBatch, r: number, visit: (o: MetricObservation) => void): void {
  const s = b.strings;
  const f = b.fields;
  const x = b.numbers;
  for (let i = r === 0 ? 0 : b.obsEnd[r - 1]!, end = b.obsEnd[r]!; i < end; i++) {
    const at = FIELDS * i;
    for (let k = 0; k < FIELDS; k++) texts[k] = s[f[at + k]!]!;
    visit(observationFromColumns(texts, x, NUMBERS * i));
  }
}

/** visitRecord's columns of one observation (each becomes a new object before `visit` sees it). */
const texts = new Array<string>(FIELDS).fill('');
