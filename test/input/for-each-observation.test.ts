import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { forEachInputObservation, type InputSummary } from '../../src/input/for-each-observation.js';
import { RecordScanner } from '../../src/input/record-scanner.js';

const dir = mkdtempSync(join(tmpdir(), 'gcx-input-'));
const WANTED = new Set(['tAnswered']);
const idOf = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
/** A conversation whose one tAnswered metric has the value `n`: what a test reads back tells which records came. */
const record = (n: number, emitDate = '2026-11-20T09:00:00.000Z', id = idOf(n)) => ({
  conversationId: id,
  conversationStart: '2026-11-20T08:59:00.000Z',
  participants: [
    {
      purpose: 'acd',
      participantName: 'Sales',
      sessions: [{ mediaType: 'voice', segments: [{ queueId: 'q1' }], metrics: [{ name: 'tAnswered', value: n, emitDate }] }],
    },
  ],
});
const line = (n: number) => JSON.stringify(record(n));
const io = { stdin: Readable.from([]), signal: new AbortController().signal };

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function read(path: string, opts: { stdin?: Readable; maxRecordBytes?: number } = {}) {
  const values: number[] = [];
  const emits: number[] = [];
  const warnings: string[] = [];
  const summary: InputSummary = await forEachInputObservation(
    path,
    opts.stdin ? { ...io, stdin: opts.stdin } : io,
    WANTED,
    (o) => {
      values.push(o.value);
      emits.push(o.emitMs);
    },
    { warn: (m) => warnings.push(m), maxRecordBytes: opts.maxRecordBytes },
  );
  return { values, emits, warnings, summary };
}

const values = async (path: string, stdin?: Readable) => (await read(path, { stdin })).values;

async function failure(path: string, opts: { stdin?: Readable; maxRecordBytes?: number } = {}): Promise<string> {
  try {
    await read(path, opts);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('--input forms', () => {
  it('reads NDJSON, one conversation per line, tolerating blank lines and CRLF', async () => {
    expect(await values(file('a.ndjson', `${line(1)}\r\n\n${line(2)}\n`))).toEqual([1, 2]);
  });

  it('reads a pretty-printed details response page', async () => {
    const path = file('page.json', JSON.stringify({ conversations: [record(1), record(2)], totalHits: 2 }, null, 2));
    expect(await values(path)).toEqual([1, 2]);
  });

  it('reads a JSON array and a job-results page per NDJSON line, including the last page without conversations', async () => {
    expect(await values(file('arr.json', JSON.stringify([record(1), record(2)])))).toEqual([1, 2]);
    const pages = [{ conversations: [record(1)], cursor: 'x' }, { cursor: 'y', conversations: [record(2)] }, { totalHits: 2 }];
    expect(await values(file('pages.ndjson', pages.map((p) => JSON.stringify(p)).join('\n')))).toEqual([1, 2]);
  });

  it('reads a page whose first field is not a page field, and one whose conversations key is spelled with an escape', async () => {
    const odd = JSON.stringify({ pageSize: 2, conversations: [record(1), record(2)] });
    expect(await values(file('odd.json', odd))).toEqual([1, 2]);
    const escaped = `{"totalHits":1,"conversation\\u0073":[${line(3)}]}`;
    expect(await values(file('escaped.json', escaped))).toEqual([3]);
  });

  it('reads gzip by its magic bytes, whatever the name', async () => {
    expect(await values(file('export.bin', gzipSync(`${line(1)}\n${line(2)}\n`)))).toEqual([1, 2]);
  });

  it('reads stdin for -', async () => {
    expect(await values('-', Readable.from([Buffer.from(`${line(9)}\n`)]))).toEqual([9]);
  });

  it('accepts a UTF-8 byte-order mark and leading blank lines (both were refused)', async () => {
    expect(await values(file('bom.ndjson', `\uFEFF${line(1)}\n${line(2)}\n`))).toEqual([1, 2]);
    expect(await values(file('blank.ndjson', `\n\n  \r\n${line(1)}\n`))).toEqual([1]);
    expect(await values(file('bom-blank.json', `\uFEFF\n\n${JSON.stringify({ conversations: [record(4)] }, null, 2)}`))).toEqual([4]);
    // A byte-order mark split across two reads of stdin.
    const bom = Buffer.from(`\uFEFF${line(5)}\n`);
    expect(await values('-', Readable.from([bom.subarray(0, 1), bom.subarray(1, 2), bom.subarray(2)]))).toEqual([5]);
  });

  it('reads records split across reads at every byte', async () => {
    const text = Buffer.from(`${line(1)}\n${JSON.stringify({ conversations: [record(2), record(3)], cursor: 'c' }, null, 1)}\n[${line(4)}]`);
    for (let cut = 1; cut < text.length; cut += 7) {
      const stdin = Readable.from([text.subarray(0, cut), text.subarray(cut)]);
      expect(await values('-', stdin)).toEqual([1, 2, 3, 4]);
    }
  });
});

describe('--input of any size streams record by record', () => {
  /** `{"conversations":[` then records without end, on one line, as a reader pulls them. */
  function* endlessPage(): Generator<Buffer> {
    yield Buffer.from('{"conversations":[');
    for (let n = 1; ; n++) yield Buffer.from(`${line(n)},`);
  }

  it('a one-line page is read as it arrives, not held whole (it was re-scanned per chunk: 306 s and 2.4 GB at 200 MB)', async () => {
    const seen: number[] = [];
    const stop = new Error('enough');
    const reading = forEachInputObservation('-', { ...io, stdin: Readable.from(endlessPage()) }, WANTED, (o) => {
      seen.push(o.value);
      if (seen.length === 20_000) throw stop;
    });
    await expect(reading).rejects.toBe(stop);
    expect(seen.slice(0, 3)).toEqual([1, 2, 3]);
  });

  it('a record longer than a read is scanned a bounded number of times (linear, not quadratic)', async () => {
    let scanned = 0;
    const scan = RecordScanner.prototype.scan;
    RecordScanner.prototype.scan = function (this: RecordScanner, buf, start, limit) {
      scanned += limit - start;
      return scan.call(this, buf, start, limit);
    };
    try {
      const big = { ...record(1), notes: 'x'.repeat(4 << 20) };
      const text = Buffer.from(`${JSON.stringify(big)}\n`);
      const chunks = Array.from({ length: Math.ceil(text.length / 4096) }, (_, i) => text.subarray(i * 4096, (i + 1) * 4096));
      expect(await values('-', Readable.from(chunks))).toEqual([1]);
      // Re-scanning per 4 kB read would be ~1,000 × 4 MB / 2; doubling before each retry keeps it under 3 × 4 MB.
      expect(scanned).toBeLessThan(3 * text.length);
    } finally {
      RecordScanner.prototype.scan = scan;
    }
  });
});

describe('--input that is not JSON ends at once with exit 2, in bounded memory', () => {
  function* zeros(): Generator<Buffer> {
    const block = Buffer.alloc(1 << 16);
    for (;;) yield block;
  }

  it('endless NUL bytes (/dev/zero) on stdin', async () => {
    expect(await failure('-', { stdin: Readable.from(zeros()) })).toMatch(/stdin line 1 is not valid JSON \(unexpected byte 0x00\)/);
  });

  it('/dev/zero itself (only read)', async () => {
    expect(await failure('/dev/zero')).toMatch(/\/dev\/zero line 1 is not valid JSON \(unexpected byte 0x00\)/);
  });

  it('a value that never ends is refused once it passes the record limit', async () => {
    function* endless(): Generator<Buffer> {
      yield Buffer.from('\n\n{"conversationId":"c1","notes":"');
      const block = Buffer.alloc(1 << 16, 'a');
      for (;;) yield block;
    }
    const message = await failure('-', { stdin: Readable.from(endless()), maxRecordBytes: 1 << 20 });
    expect(message).toMatch(/stdin line 3: a record longer than 1 MB/);
  });
});

describe('--input records are checked', () => {
  it('a negative duration is exit 2 naming the line (it gave an ASA of -17.6 s)', async () => {
    const bad = JSON.stringify(record(-17_600));
    expect(await failure(file('negative.ndjson', `${line(1)}\n${bad}\n`))).toMatch(/negative\.ndjson line 2: metric tAnswered has a negative value \(-17600\)/);
    // The same through JSON.parse (an escape in a field the scanner reads makes it fall back).
    const escaped = bad.replace('"Sales"', '"Sal\\u0065s"');
    expect(await failure(file('negative2.ndjson', `\n${escaped}\n`))).toMatch(/negative2\.ndjson line 2: metric tAnswered has a negative value/);
  });

  it('zone-less emitDates are UTC, whatever the process zone', async () => {
    const path = file('zoneless.ndjson', `${JSON.stringify(record(1, '2026-11-20T09:00:00'))}\n${JSON.stringify(record(2, '2026-11-20T09:00:00.250'))}\n`);
    expect((await read(path)).emits).toEqual([Date.UTC(2026, 10, 20, 9), Date.UTC(2026, 10, 20, 9, 0, 0, 250)]);
  });

  it('a conversation exported twice counts once, with one warning (it doubled every count)', async () => {
    const upper = JSON.stringify(record(1, undefined, idOf(1).toUpperCase()));
    const escaped = line(1).replace('"Sales"', '"Sal\\u0065s"'); // read by JSON.parse: the same id set applies
    const text = [line(1), line(2), line(1), upper, escaped, JSON.stringify(record(3, undefined, 'not-a-uuid')), JSON.stringify(record(4, undefined, 'not-a-uuid'))];
    const r = await read(file('dup.ndjson', text.join('\n')));
    expect(r.values).toEqual([1, 2, 3]);
    expect(r.summary).toEqual({ records: 3, duplicates: 4, parallelBytes: 0 });
    expect(r.warnings).toEqual([expect.stringMatching(/dup\.ndjson: 4 duplicate conversations skipped/)]);
  });
});

describe('--input errors are one-line usage errors naming the input', () => {
  it.each([
    ['missing.ndjson', null, /missing\.ndjson does not exist/],
    ['empty.ndjson', '', /empty\.ndjson is empty/],
    ['blank.ndjson', '\n \n', /blank\.ndjson is empty/],
    ['text.txt', 'hello world\n', /text\.txt line 1 is not valid JSON/],
    ['wrong.json', '{"hello": 1}', /wrong\.json line 1: not a conversation record/],
    ['shape.json', '[1, 2]', /shape\.json line 1: not a conversation record/],
    ['number.json', '42', /number\.json line 1 is not a JSON object/],
    ['bad-line.ndjson', `${line(1)}\n${line(2)}\n{"conversationId": "c3",\n`, /bad-line\.ndjson line 3 is not valid JSON/],
    ['bad-array.json', `[${line(1)}\n${line(2)}]`, /bad-array\.json line 2 is not valid JSON \(expected , or \]/],
    ['both.json', `{"conversations":[${line(1)}],"conversationId":"x"}`, /both\.json line 1 has both a conversationId/],
    ['corrupt.gz', Buffer.concat([gzipSync(line(1).repeat(50)).subarray(0, 40), Buffer.from('garbage-garbage')]), /corrupt\.gz is not a valid gzip file/],
  ])('%s', async (name, content, message) => {
    const path = content === null ? join(dir, name) : file(name, content);
    const text = await failure(path);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});

describe('ConversationIdSet', () => {
  it('keeps UUIDs as bits (either case) and anything else as text, exactly', async () => {
    const { ConversationIdSet } = await import('../../src/input/conversation-id-set.js');
    const ids = new ConversationIdSet();
    const uuids = Array.from({ length: 5000 }, (_, i) => `${i.toString(16).padStart(8, '0')}-0000-4000-8000-${(i * 7919).toString(16).padStart(12, '0')}`);
    for (const id of uuids) expect(ids.add(id)).toBe(true);
    for (const id of uuids) expect(ids.add(id.toUpperCase())).toBe(false);
    // Not UUIDs: a hyphen out of place, a non-hex digit, the all-zero id, other lengths.
    for (const id of ['00000000-0000-4000-8000-0000000-1760', '00000000-0000-4000-8000-00000000000g', '00000000-0000-0000-0000-000000000000', 'c1']) {
      expect(ids.add(id)).toBe(true);
      expect(ids.add(id)).toBe(false);
    }
    expect(ids.size).toBe(5004);
  });
});
