/**
 * An aggregates response read as it arrives: `{"results":[{…},{…},…], …}`. Each element of `results` is parsed
 * on its own (JSON.parse of its bytes) and handed over as soon as it is complete, so a response of a hundred MB
 * never exists as one string or one object tree. The other top-level fields are small and are returned parsed.
 * The structure around the elements (the top-level object, its keys, the array's commas) is checked here byte by
 * byte; everything inside a value is checked by JSON.parse. A body that does not parse throws BodyProblem.
 */

import { BODY_LIMITS, formatBytes } from './limits.js';

/** The body is not what JSON.parse would accept, or not the shape asked for; `message` says which, not the body. */
export class BodyProblem extends Error {}

const MALFORMED = 'returned a truncated or malformed JSON body';

/** Where the reader is in the top-level structure. */
const START = 0; // before the top-level '{'
const KEY_OR_END = 1; // after '{'
const KEY = 2; // after ','
const COLON = 3;
const VALUE = 4;
const ELEMENT_OR_END = 5; // after `"results": [`
const ELEMENT = 6; // after ',' inside results
const AFTER_ELEMENT = 7;
const AFTER_VALUE = 8;
const DONE = 9;

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9;

/** Collects one JSON value's bytes across chunks: strings, nesting and scalars, without judging them. */
class ValueBytes {
  private parts: Uint8Array[] = [];
  /** Bytes held so far, counted per chunk (not per byte): one value may not grow past `limit`. */
  private size = 0;
  private depth = 0;
  private inString = false;
  private escaped = false;
  private readonly scalar: boolean;

  /** `first`: the value's first byte, which the first scan starts at. */
  constructor(
    first: number,
    private readonly limit: number,
  ) {
    this.scalar = first !== 123 && first !== 91 && first !== 34;
  }

  /** Feeds `buf[from…]`; returns the offset just past the value's end, or -1 when it goes on in the next chunk. */
  scan(buf: Uint8Array, from: number): number {
    for (let i = from; i < buf.length; i++) {
      const c = buf[i]!;
      if (this.scalar) {
        if (c === 44 || c === 93 || c === 125 || isSpace(c)) return this.end(buf, from, i);
        continue;
      }
      if (this.inString) {
        if (this.escaped) this.escaped = false;
        else if (c === 92) this.escaped = true;
        else if (c === 34) {
          this.inString = false;
          if (this.depth === 0) return this.end(buf, from, i + 1);
        }
      } else if (c === 34) this.inString = true;
      else if (c === 123 || c === 91) this.depth++;
      else if (c === 125 || c === 93) {
        if (--this.depth === 0) return this.end(buf, from, i + 1);
      }
    }
    this.hold(buf.subarray(from));
    return -1;
  }

  /** The bytes so far. */
  text(): string {
    return Buffer.concat(this.parts).toString('utf8');
  }

  private end(buf: Uint8Array, from: number, to: number): number {
    this.hold(buf.subarray(from, to));
    return to;
  }

  private hold(part: Uint8Array): void {
    this.size += part.length;
    if (this.size > this.limit) throw new BodyProblem(`returned one JSON value over ${formatBytes(this.limit)} (the limit for one value)`);
    this.parts.push(part);
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new BodyProblem(MALFORMED);
  }
}

/**
 * Calls `onResult` with each element of the top-level `results` array, in order, as it completes; returns the
 * other top-level fields. `results` that is not an array (null, an object) is returned with them, for the caller's
 * schema to judge.
 */
export async function forEachResult(
  chunks: AsyncIterable<Uint8Array>,
  onResult: (element: unknown, index: number) => void,
  maxValueBytes = BODY_LIMITS.wholeBytes,
): Promise<Record<string, unknown>> {
  const rest: Record<string, unknown> = {};
  let at = START;
  let key: ValueBytes | undefined;
  let keyName = '';
  let value: ValueBytes | undefined;
  let streamed = false;
  let index = 0;
  let sawAny = false;

  /** A key or value complete: parse it and move on. */
  const finishKey = () => {
    keyName = parse(key!.text()) as string;
    key = undefined;
    at = COLON;
  };
  const finishValue = () => {
    const text = value!.text();
    value = undefined;
    if (at === VALUE) {
      rest[keyName] = parse(text);
      at = AFTER_VALUE;
    } else {
      onResult(parse(text), index++);
      at = AFTER_ELEMENT;
    }
  };

  for await (const buf of chunks) {
    let i = 0;
    while (i < buf.length) {
      if (key || value) {
        const end = (key ?? value)!.scan(buf, i);
        if (end < 0) break;
        i = end;
        if (key) finishKey();
        else finishValue();
        continue;
      }
      const c = buf[i]!;
      if (isSpace(c)) {
        i++;
        continue;
      }
      sawAny = true;
      if (at === START) {
        if (c !== 123) throw new BodyProblem('returned JSON that is not an object');
        at = KEY_OR_END;
      } else if ((at === KEY_OR_END || at === AFTER_VALUE) && c === 125) {
        at = DONE;
      } else if (at === AFTER_VALUE && c === 44) {
        at = KEY;
      } else if ((at === KEY_OR_END || at === KEY) && c === 34) {
        key = new ValueBytes(c, maxValueBytes);
        continue;
      } else if (at === COLON && c === 58) {
        at = VALUE;
      } else if (at === VALUE && keyName === 'results' && streamed) {
        throw new BodyProblem('returned `results` twice');
      } else if (at === VALUE && keyName === 'results' && c === 91) {
        streamed = true;
        at = ELEMENT_OR_END;
      } else if (at === ELEMENT_OR_END && c === 93) {
        at = AFTER_VALUE;
      } else if (at === AFTER_ELEMENT && (c === 44 || c === 93)) {
        at = c === 44 ? ELEMENT : AFTER_VALUE;
      } else if ((at === VALUE || at === ELEMENT_OR_END || at === ELEMENT) && c !== 44 && c !== 93 && c !== 125 && c !== 58) {
        value = new ValueBytes(c, maxValueBytes);
        continue;
      } else {
        throw new BodyProblem(MALFORMED);
      }
      i++;
    }
  }
  // A value still open at the end of the input is a truncated body (a scalar included: the object around it is open).
  if (key || value || at !== DONE) throw new BodyProblem(sawAny ? MALFORMED : 'returned an empty body, not JSON');
  return rest;
}
