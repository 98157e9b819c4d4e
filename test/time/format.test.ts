import { describe, expect, it } from 'vitest';
import { ApiError } from '../../src/errors.js';
import { formatLocal, parseApiInterval, toApiInterval } from '../../src/time/format.js';
import { utc } from './helpers.js';

describe('formatLocal', () => {
  it('prints seconds and the zone offset, +00:00 rather than Z', () => {
    expect(formatLocal(utc('2026-11-20T08:30:00Z'), 'Europe/Paris')).toBe('2026-11-20T09:30:00+01:00');
    expect(formatLocal(utc('2026-11-20T08:30:00Z'), 'UTC')).toBe('2026-11-20T08:30:00+00:00');
    expect(formatLocal(utc('2026-11-20T08:30:00Z'), 'Asia/Kathmandu')).toBe('2026-11-20T14:15:00+05:45');
    expect(formatLocal(utc('2026-11-20T08:30:00Z'), 'America/St_Johns')).toBe('2026-11-20T05:00:00-03:30');
    expect(formatLocal(utc('2026-07-01T00:00:00Z'), 'America/Los_Angeles')).toBe('2026-06-30T17:00:00-07:00');
  });
});

describe('API intervals', () => {
  it('writes UTC with milliseconds', () => {
    expect(toApiInterval(utc('2026-11-20T08:30:00Z'), utc('2026-11-20T09:00:00Z'))).toBe(
      '2026-11-20T08:30:00.000Z/2026-11-20T09:00:00.000Z',
    );
  });

  it('reads UTC or offset forms', () => {
    expect(parseApiInterval('2026-11-20T08:30:00.000Z/2026-11-20T09:00:00.000Z')).toEqual({
      startMs: utc('2026-11-20T08:30:00Z'),
      endMs: utc('2026-11-20T09:00:00Z'),
    });
    expect(parseApiInterval('2026-11-20T09:30:00.000+01:00/2026-11-20T10:00:00.000+01:00').startMs).toBe(
      utc('2026-11-20T08:30:00Z'),
    );
  });

  it.each(['', '2026-11-20T08:30:00Z', 'a/b', '2026-11-20T09:00:00Z/2026-11-20T08:30:00Z'])('rejects %j as an API error', (s) => {
    expect(() => parseApiInterval(s)).toThrow(ApiError);
  });
});
