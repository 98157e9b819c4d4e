import { describe, expect, it } from 'vitest';
import { parseRecordInstant, parseRecordInstantBytes } from '../../src/records/parse-record-instant.js';

describe('parseRecordInstant', () => {
  it.each([
    ['2026-11-20T09:30:00.123Z', Date.UTC(2026, 10, 20, 9, 30, 0, 123)],
    ['2026-11-20T23:59:59.999Z', Date.UTC(2026, 10, 20, 23, 59, 59, 999)],
    ['2026-11-21T00:00:00.000Z', Date.UTC(2026, 10, 21)], // the cached day must switch
    ['2026-11-20T00:00:00.001Z', Date.UTC(2026, 10, 20, 0, 0, 0, 1)], // and switch back
    ['2024-02-29T12:00:00.000Z', Date.UTC(2024, 1, 29, 12)],
    ['2026-11-20T09:30:00Z', Date.UTC(2026, 10, 20, 9, 30)], // no milliseconds: the general path
    ['2026-11-20T10:30:00.000+01:00', Date.UTC(2026, 10, 20, 9, 30)],
    ['2021-04-2T15:30:51.418Z', Date.UTC(2021, 3, 2, 15, 30, 51, 418)], // a non-zero-padded export
  ])('%s', (text, expected) => {
    expect(parseRecordInstant(text)).toBe(expected);
  });

  it.each(['2026-11-20T25:00:00.000Z', '2026-11-20T09:60:00.000Z', '2026-11-20T09:30:0x.000Z', '2026-13-20T09:30:00.000Z', 'yesterday'])(
    'gives NaN for %s, as Date.parse does',
    (text) => {
      expect(parseRecordInstant(text)).toBeNaN();
      expect(Date.parse(text)).toBeNaN();
    },
  );

  it('agrees with Date.parse on 20,000 canonical instants across days', () => {
    let seed = 12345;
    const next = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < 20_000; i++) {
      const text = new Date(Date.UTC(2020, 0, 1) + Math.floor(next() * 7 * 365 * 86_400_000)).toISOString();
      expect(parseRecordInstant(text)).toBe(Date.parse(text));
    }
  });
});

describe('parseRecordInstantBytes', () => {
  it.each([
    ['2026-11-20T09:30:00.123Z', Date.UTC(2026, 10, 20, 9, 30, 0, 123)],
    ['2026-11-21T00:00:00.000Z', Date.UTC(2026, 10, 21)],
    ['2026-11-20T10:30:00.000+01:00', Date.UTC(2026, 10, 20, 9, 30)],
    ['2021-04-2T15:30:51.418Z', Date.UTC(2021, 3, 2, 15, 30, 51, 418)],
  ])('reads %s inside a larger buffer, as the string parser does', (text, expected) => {
    const bytes = Buffer.from(`{"emitDate":"${text}"}`);
    const start = bytes.indexOf('"', 12) + 1;
    expect(parseRecordInstantBytes(bytes, start, start + Buffer.byteLength(text))).toBe(expected);
  });

  it('gives 24:00 what Date.parse gives (the next midnight) and NaN for 25:00', () => {
    const midnight = Buffer.from('2026-11-20T24:00:00.000Z');
    expect(parseRecordInstantBytes(midnight, 0, midnight.length)).toBe(Date.UTC(2026, 10, 21));
    const bad = Buffer.from('2026-11-20T25:00:00.000Z');
    expect(parseRecordInstantBytes(bad, 0, bad.length)).toBeNaN();
  });

  it('does not read a non-ASCII character as a digit (U+0130 has the low byte of "0")', () => {
    expect(parseRecordInstant('2026-11-20T09:30:00.12\u0130Z')).toBeNaN();
  });
});
