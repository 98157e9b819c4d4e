import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { forEachInputRecord } from '../../src/input/for-each-record.js';
import { walkMetrics } from '../../src/metrics/walk-metrics.js';

const dir = mkdtempSync(join(tmpdir(), 'gcx-input-'));
const record = (id: string) => ({ conversationId: id, conversationStart: '2026-11-20T09:00:00.000Z', participants: [] });
const io = { stdin: Readable.from([]), signal: new AbortController().signal };

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

async function ids(path: string, stdin?: Readable): Promise<string[]> {
  const seen: string[] = [];
  await forEachInputRecord(path, stdin ? { ...io, stdin } : io, (r) => {
    walkMetrics(r, new Set(), () => {}); // the structural check every report applies
    seen.push((r as { conversationId: string }).conversationId);
  });
  return seen;
}

async function failure(path: string): Promise<string> {
  try {
    await ids(path);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error('expected a failure');
}

describe('--input forms', () => {
  it('reads NDJSON, one conversation per line, tolerating blank lines and CRLF', async () => {
    const path = file('a.ndjson', `${JSON.stringify(record('c1'))}\r\n\n${JSON.stringify(record('c2'))}\n`);
    expect(await ids(path)).toEqual(['c1', 'c2']);
  });

  it('reads a pretty-printed details response page', async () => {
    const path = file('page.json', JSON.stringify({ conversations: [record('c1'), record('c2')], totalHits: 2 }, null, 2));
    expect(await ids(path)).toEqual(['c1', 'c2']);
  });

  it('reads a JSON array and a job-results page per NDJSON line, including the last page without conversations', async () => {
    expect(await ids(file('arr.json', JSON.stringify([record('c1'), record('c2')])))).toEqual(['c1', 'c2']);
    const pages = [{ conversations: [record('c1')], cursor: 'x' }, { conversations: [record('c2')] }, { totalHits: 2 }];
    expect(await ids(file('pages.ndjson', pages.map((p) => JSON.stringify(p)).join('\n')))).toEqual(['c1', 'c2']);
  });

  it('reads gzip by its magic bytes, whatever the name', async () => {
    const path = file('export.bin', gzipSync(`${JSON.stringify(record('c1'))}\n${JSON.stringify(record('c2'))}\n`));
    expect(await ids(path)).toEqual(['c1', 'c2']);
  });

  it('reads stdin for -', async () => {
    expect(await ids('-', Readable.from([Buffer.from(`${JSON.stringify(record('c9'))}\n`)]))).toEqual(['c9']);
  });
});

describe('--input errors are one-line usage errors naming the input', () => {
  it.each([
    ['missing.ndjson', null, /missing\.ndjson does not exist/],
    ['empty.ndjson', '', /empty\.ndjson is empty/],
    ['text.txt', 'hello world\n', /text\.txt line 1 is not valid JSON/],
    ['wrong.json', '{"hello": 1}', /wrong\.json line 1: not a conversation record/],
    ['shape.json', '[1, 2]', /shape\.json record 1: not a conversation record/],
    ['number.json', '42', /number\.json line 1 is not a JSON object/],
    ['bad-line.ndjson', `${JSON.stringify(record('c1'))}\n${JSON.stringify(record('c2'))}\n{"conversationId": "c3",\n`, /bad-line\.ndjson line 3 is not valid JSON/],
    ['corrupt.gz', Buffer.concat([gzipSync('x'.repeat(1000)).subarray(0, 12), Buffer.from('garbage-garbage')]), /corrupt\.gz is not a valid gzip file/],
  ])('%s', async (name, content, message) => {
    const path = content === null ? join(dir, name) : file(name, content);
    const text = await failure(path);
    expect(text).toMatch(message);
    expect(text).not.toContain('\n');
  });
});
