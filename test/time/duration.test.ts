import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { parseInterval, parseSince } from '../../src/time/duration.js';

describe('parseSince', () => {
  it('reads m and h as exact lengths, d and w as calendar days', () => {
    expect(parseSince('90m')).toEqual({ ms: 5_400_000 });
    expect(parseSince('24h')).toEqual({ ms: 86_400_000 });
    expect(parseSince('7d')).toEqual({ ms: 604_800_000, calendarDays: 7 });
    expect(parseSince('2w')).toEqual({ ms: 1_209_600_000, calendarDays: 14 });
  });

  it.each(['2x', '', '0h', '-1h', '1.5h', 'h', '24 h', '1y'])('rejects %j with the one-line message', (text) => {
    expect(() => parseSince(text)).toThrow(UsageError);
    expect(() => parseSince(text)).toThrow(`--since: "${text}" is not a duration; use e.g. 90m, 24h, 7d or 2w`);
  });
});

describe('parseInterval', () => {
  it('maps each accepted spelling to its ISO period and length', () => {
    expect(parseInterval('15m')).toEqual({ label: '15m', iso: 'PT15M', fixedMs: 900_000 });
    expect(parseInterval('30m')).toEqual({ label: '30m', iso: 'PT30M', fixedMs: 1_800_000 });
    expect(parseInterval('60m')).toEqual({ label: '1h', iso: 'PT1H', fixedMs: 3_600_000 });
    expect(parseInterval('1h')).toEqual({ label: '1h', iso: 'PT1H', fixedMs: 3_600_000 });
    expect(parseInterval('1d')).toEqual({ label: '1d', iso: 'P1D' });
    expect(parseInterval('PT30M').iso).toBe('PT30M');
  });

  it.each(['45m', '2h', '1w', 'x'])('rejects %j', (text) => {
    expect(() => parseInterval(text)).toThrow(`--interval: "${text}" is not a supported interval; use 15m, 30m, 60m (1h) or 1d`);
  });
});
