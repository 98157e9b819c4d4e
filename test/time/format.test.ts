import { describe, expect, it } from 'vitest';
import { formatLocal, toApiInterval } from '../../src/time/format.js';
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

});
