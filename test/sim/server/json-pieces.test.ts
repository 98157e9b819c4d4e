import { describe, expect, it } from 'vitest';
import { ListedAnswer } from '../../../src/sim/engine/index.js';
import { jsonPieces } from '../../../src/sim/server/json-pieces.js';

/** Items made on demand, counting how many were asked for. */
function counted(n: number, size = 100) {
  const seen = { pulled: 0 };
  const items = (function* () {
    for (let i = 0; i < n; i++) {
      seen.pulled++;
      yield { group: { userId: `u${i}` }, data: 'x'.repeat(size) };
    }
  })();
  return { seen, items };
}

describe('jsonPieces: an answer with a lazily produced list as JSON text in pieces', () => {
  it('joins to exactly JSON.stringify of the whole object, the list key after the fields', () => {
    const { items } = counted(50);
    const whole = { systemToOrganizationMappings: { AVAILABLE: ['a'] }, results: [...counted(50).items] };
    const pieces = [...jsonPieces(new ListedAnswer({ systemToOrganizationMappings: { AVAILABLE: ['a'] } }, 'results', items), 1000)];
    expect(pieces.join('')).toBe(JSON.stringify(whole));
    expect(pieces.length).toBeGreaterThan(3);
  });

  it('leaves the key out when the list is empty, as the whole answers did', () => {
    expect([...jsonPieces(new ListedAnswer({}, 'results', []))].join('')).toBe('{}');
    expect([...jsonPieces(new ListedAnswer({ a: 1 }, 'results', []))].join('')).toBe('{"a":1}');
    expect([...jsonPieces(new ListedAnswer({}, 'results', [1]))].join('')).toBe('{"results":[1]}');
  });

  it('pulls items only as pieces are taken: the first piece of 1,000 characters costs about 1,000 characters of items', () => {
    const { seen, items } = counted(10_000, 100);
    const it = jsonPieces(new ListedAnswer({}, 'results', items), 1000)[Symbol.iterator]();
    const first = it.next().value as string;
    // Each item is about 130 characters: ~8 items fill a piece; the other 9,992 are not made yet.
    expect(first.length).toBeGreaterThanOrEqual(1000);
    expect(first.length).toBeLessThan(1200);
    expect(seen.pulled).toBeLessThanOrEqual(9);
    it.return?.(undefined);
    expect(seen.pulled).toBeLessThanOrEqual(9);
  });

  it('the whole-object form of a ListedAnswer is what JSON.stringify writes', () => {
    expect(JSON.stringify(new ListedAnswer({ a: 1 }, 'results', [2, 3]))).toBe('{"a":1,"results":[2,3]}');
    expect(JSON.stringify(new ListedAnswer({ a: 1 }, 'results', []))).toBe('{"a":1}');
  });
});
