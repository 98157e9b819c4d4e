import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { csvLine, renderCsv } from '../../src/output/csv.js';

/** What renderCsv wrote before its plain-row fast path: every record through csv-stringify. */
const reference = (records: string[][]) => stringify(records, { record_delimiter: '\n', quoted_match: /\r/ });

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

describe('CSV records', () => {
  it('are the bytes csv-stringify writes, for plain cells and for every character that needs quoting', () => {
    const random = rng(15);
    // Commas, quotes, both line breaks, and the look-alikes that need no quotes (tab, semicolon, apostrophe, non-ASCII).
    const alphabet = ['a', 'Z', '0', ' ', ',', '"', '\n', '\r', '\t', ';', "'", 'é', '—', '😀', '=', '-'];
    let quoted = 0;
    for (let n = 0; n < 5_000; n++) {
      const cells = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
        Array.from({ length: Math.floor(random() * 5) }, () => alphabet[Math.floor(random() * alphabet.length)]!).join(''),
      );
      const expected = reference([cells]);
      if (expected.includes('"')) quoted++;
      expect(csvLine(cells), JSON.stringify(cells)).toBe(expected);
    }
    // Both paths were taken often.
    expect(quoted).toBeGreaterThan(1_000);
    expect(quoted).toBeLessThan(4_000);
  });

  it('keep a name that a spreadsheet would read as a formula as the API gave it (README: CSV and spreadsheets)', () => {
    // Deliberate: CSV is for pipelines, where a leading ' would be a wrong name; the README says how to open it safely.
    expect(csvLine(['=HYPERLINK("http://x")', '+1', '-2', '@SUM(A1)', '\tq', '\rq'])).toBe('"=HYPERLINK(""http://x"")",+1,-2,@SUM(A1),\tq,"\rq"\n');
  });

  it('quote what RFC 4180 asks, and nothing else', () => {
    expect(csvLine(['Doe, "JD" Jane', 'a\rb', 'x\ny', '', '12.5', 'plain'])).toBe('"Doe, ""JD"" Jane","a\rb","x\ny",,12.5,plain\n');
    expect(csvLine(['queue', 'voice', '80'])).toBe('queue,voice,80\n');
  });

  it('make a table of header and rows in chunks that join to one document', () => {
    const rows = Array.from({ length: 1_203 }, (_, i) => ({ a: i, b: i % 7 === 0 ? 'x, y' : `q${i}`, c: i % 2 === 0 ? null : true }));
    const text = [...renderCsv({ columns: ['a', 'b', 'c'] as const, rows })].join('');
    const expected = reference([['a', 'b', 'c'], ...rows.map((r) => [String(r.a), r.b, r.c === null ? '' : 'true'])]);
    expect(text).toBe(expected);
    expect(text.split('\n')[8]).toBe('7,"x, y",true');
  });
});
