import { describe, expect, it } from 'vitest';
import { BodyProblem, forEachResult } from '../../src/api/results-stream.js';

/** The body as chunks cut at the given byte offsets. */
async function* cut(text: string, at: number[]): AsyncGenerator<Uint8Array> {
  const bytes = Buffer.from(text, 'utf8');
  let from = 0;
  for (const to of [...at, bytes.length]) {
    yield bytes.subarray(from, to);
    from = to;
  }
}

async function read(text: string, at: number[] = []) {
  const results: unknown[] = [];
  const rest = await forEachResult(cut(text, at), (element, index) => {
    expect(index).toBe(results.length);
    results.push(element);
  });
  return { results, rest };
}

const BODY = JSON.stringify({
  systemToOrganizationMappings: { ON_QUEUE: ['a"b', 'c\\d'] },
  results: [
    { group: { userId: 'u1' }, data: [{ interval: '2026-11-20T00:00:00.000Z/2026-11-20T00:30:00.000Z', metrics: [{ metric: 'tHandle', stats: { count: 2, sum: 9.5e3 } }] }] },
    { group: { userId: 'ü ✓ \u2028 "quoted" [not] {a structure}' }, data: [] },
    { group: {}, data: [{ interval: 'x', metrics: [{ metric: 'tAcw', qualifier: null, stats: { sum: -0.25, max: 1e-7 } }] }] },
  ],
  total: 3,
  flag: true,
  nothing: null,
});

describe('forEachResult', () => {
  it('hands over each element of results as JSON.parse reads it, and returns the other fields, wherever the chunks are cut', async () => {
    const whole = JSON.parse(BODY) as { results: unknown[] } & Record<string, unknown>;
    const { results, ...others } = whole;
    for (let a = 0; a <= Buffer.byteLength(BODY); a += 7) {
      for (const b of [a, a + 1, a + 13]) {
        const got = await read(BODY, [a, Math.min(b, Buffer.byteLength(BODY))]);
        expect(got.results).toEqual(results);
        expect(got.rest).toEqual(others);
      }
    }
  });

  it('reads every single-byte cut of a pretty-printed body with escapes and whitespace everywhere', async () => {
    const pretty = ` \n{ "a\\u0072gs" : [ 1 , { "results" : 2 } ] ,\r\n\t"results" : [ { "k" : "\\"]}" } , [ ] , 7 , "s" , null ] } \n`;
    const bytes = Buffer.byteLength(pretty);
    for (let a = 0; a <= bytes; a++) {
      const got = await read(pretty, [a]);
      expect(got.results).toEqual([{ k: '"]}' }, [], 7, 's', null]);
      expect(got.rest).toEqual({ args: [1, { results: 2 }] });
    }
  });

  it('returns results that are not an array with the rest, for the schema to judge; {} has no results', async () => {
    expect(await read('{"results":null}')).toEqual({ results: [], rest: { results: null } });
    expect(await read('{"results":{"a":1}}')).toEqual({ results: [], rest: { results: { a: 1 } } });
    expect(await read('{}')).toEqual({ results: [], rest: {} });
    expect(await read('{"results":[]}')).toEqual({ results: [], rest: {} });
  });

  it.each([
    ['', 'returned an empty body, not JSON'],
    ['  \n', 'returned an empty body, not JSON'],
    ['[1]', 'returned JSON that is not an object'],
    ['{"results":[{"a":1}', 'returned a truncated or malformed JSON body'],
    ['{"results":[{"a":1}]', 'returned a truncated or malformed JSON body'],
    ['{"results":[{"a":1},]}', 'returned a truncated or malformed JSON body'],
    ['{"results":[{"a":tru}]}', 'returned a truncated or malformed JSON body'],
    ['{"results":[1 2]}', 'returned a truncated or malformed JSON body'],
    ['{"total":12', 'returned a truncated or malformed JSON body'],
    ['{"total" 1}', 'returned a truncated or malformed JSON body'],
    ['{total:1}', 'returned a truncated or malformed JSON body'],
    ['{"a":1,}', 'returned a truncated or malformed JSON body'],
    ['{"a":1} x', 'returned a truncated or malformed JSON body'],
    ['{"a":"b', 'returned a truncated or malformed JSON body'],
    ['{"results":[],"results":[]}', 'returned `results` twice'],
  ])('refuses %j: %s', async (text, message) => {
    // Malformed JSON is exactly what JSON.parse refuses; the other two are JSON of a shape the reader does not take.
    if (message.includes('malformed')) expect(() => JSON.parse(text)).toThrow();
    await expect(read(text)).rejects.toThrow(new BodyProblem(message));
  });
});
