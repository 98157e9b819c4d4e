import { describe, expect, it } from 'vitest';
import { parseQueryInterval, SimQueryError } from '../../../src/sim/engine/index.js';

describe('parseQueryInterval', () => {
  it('reads Z and offset date-times, with or without milliseconds', () => {
    expect(parseQueryInterval('2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z')).toEqual({ startMs: Date.UTC(2026, 10, 20), endMs: Date.UTC(2026, 10, 21) });
    expect(parseQueryInterval('2026-11-20T00:00:00+05:45/2026-11-20T01:00:00+0545')).toEqual({
      startMs: Date.UTC(2026, 10, 19, 18, 15), endMs: Date.UTC(2026, 10, 19, 19, 15),
    });
    expect(parseQueryInterval('2026-11-20T09:30-05:00/2026-11-20T10:00:00.5-05:00')).toEqual({
      startMs: Date.UTC(2026, 10, 20, 14, 30), endMs: Date.UTC(2026, 10, 20, 15, 0, 0, 500),
    });
  });

  it.each([
    ['2026-11-20T00:00:00/2026-11-21T00:00:00Z', 'no offset'],
    ['2026-11-20/2026-11-21', 'dates only'],
    ['2026-11-20T00:00:00Z', 'one date-time'],
    ['2026-11-20T00:00:00Z/2026-11-20T00:00:00Z', 'empty'],
    ['2026-11-21T00:00:00Z/2026-11-20T00:00:00Z', 'reversed'],
    ['2026-02-30T00:00:00Z/2026-03-01T00:00:00Z', 'no such day'],
  ])('rejects %s (%s) as invalid.date', (interval) => {
    expect(() => parseQueryInterval(interval)).toThrow(SimQueryError);
    try {
      parseQueryInterval(interval);
    } catch (e) {
      expect((e as SimQueryError).code).toBe('invalid.date');
      expect((e as SimQueryError).message).toContain(interval);
    }
  });
});
