import { describe, expect, it } from 'vitest';
import { parseInterval } from '../../src/time/duration.js';
import { buildGrid, ceilToGrid, floorToGrid } from '../../src/time/grid.js';
import { resolveWindow } from '../../src/time/window.js';
import { labels, utc } from './helpers.js';

const m30 = parseInterval('30m');
const h1 = parseInterval('1h');
const d1 = parseInterval('1d');

/** The grid of one local day, as --from D --to D gives it. */
function day(date: string, tz: string, interval = m30) {
  return buildGrid(resolveWindow({ from: date, to: date, interval, tz, nowMs: utc('2027-01-01T00:00:00Z') }));
}

describe('Europe/London DST', () => {
  it('spring forward 2026-03-29: 46 half-hours, 01:00-02:00 local absent, and a 23-hour day', () => {
    const grid = day('2026-03-29', 'Europe/London');
    expect(grid).toHaveLength(46);
    expect(labels(grid.slice(0, 4), 'Europe/London')).toEqual([
      '2026-03-29T00:00:00+00:00..2026-03-29T00:30:00+00:00',
      '2026-03-29T00:30:00+00:00..2026-03-29T02:00:00+01:00',
      '2026-03-29T02:00:00+01:00..2026-03-29T02:30:00+01:00',
      '2026-03-29T02:30:00+01:00..2026-03-29T03:00:00+01:00',
    ]);
    expect(labels(grid.slice(-1), 'Europe/London')).toEqual(['2026-03-29T23:30:00+01:00..2026-03-30T00:00:00+01:00']);
    expect(grid.every((b) => b.endMs - b.startMs === 1_800_000)).toBe(true);
    const days = day('2026-03-29', 'Europe/London', d1);
    expect(days).toEqual([{ startMs: utc('2026-03-29T00:00:00Z'), endMs: utc('2026-03-29T23:00:00Z') }]);
  });

  it('fall back 2026-10-25: 50 half-hours, the repeated 01:00/01:30 distinct, and a 25-hour day', () => {
    const grid = day('2026-10-25', 'Europe/London');
    expect(grid).toHaveLength(50);
    expect(labels(grid.slice(2, 7), 'Europe/London')).toEqual([
      '2026-10-25T01:00:00+01:00..2026-10-25T01:30:00+01:00',
      '2026-10-25T01:30:00+01:00..2026-10-25T01:00:00+00:00',
      '2026-10-25T01:00:00+00:00..2026-10-25T01:30:00+00:00',
      '2026-10-25T01:30:00+00:00..2026-10-25T02:00:00+00:00',
      '2026-10-25T02:00:00+00:00..2026-10-25T02:30:00+00:00',
    ]);
    expect(grid[2]!.startMs).toBe(utc('2026-10-25T00:00:00Z'));
    expect(grid[4]!.startMs).toBe(utc('2026-10-25T01:00:00Z'));
    expect(new Set(grid.map((b) => b.startMs)).size).toBe(50);
    expect(day('2026-10-25', 'Europe/London', d1)).toEqual([
      { startMs: utc('2026-10-24T23:00:00Z'), endMs: utc('2026-10-26T00:00:00Z') },
    ]);
  });
});

describe('America/New_York DST', () => {
  it('2026-03-08: 46 half-hours, 01:30 EST is followed by 03:00 EDT', () => {
    const grid = day('2026-03-08', 'America/New_York');
    expect(grid).toHaveLength(46);
    expect(grid[0]!.startMs).toBe(utc('2026-03-08T05:00:00Z'));
    expect(labels(grid.slice(3, 5), 'America/New_York')).toEqual([
      '2026-03-08T01:30:00-05:00..2026-03-08T03:00:00-04:00',
      '2026-03-08T03:00:00-04:00..2026-03-08T03:30:00-04:00',
    ]);
    expect(day('2026-03-08', 'America/New_York', d1)).toEqual([
      { startMs: utc('2026-03-08T05:00:00Z'), endMs: utc('2026-03-09T04:00:00Z') },
    ]);
  });

  it('2026-11-01: 50 half-hours, 01:00 and 01:30 twice with -04:00 then -05:00', () => {
    const grid = day('2026-11-01', 'America/New_York');
    expect(grid).toHaveLength(50);
    expect(labels(grid.slice(2, 7), 'America/New_York').map((l) => l.split('..')[0])).toEqual([
      '2026-11-01T01:00:00-04:00',
      '2026-11-01T01:30:00-04:00',
      '2026-11-01T01:00:00-05:00',
      '2026-11-01T01:30:00-05:00',
      '2026-11-01T02:00:00-05:00',
    ]);
    expect(day('2026-11-01', 'America/New_York', d1)).toEqual([
      { startMs: utc('2026-11-01T04:00:00Z'), endMs: utc('2026-11-02T05:00:00Z') },
    ]);
  });

  it('hourly buckets on 2026-11-01: 25, all one hour long', () => {
    const grid = day('2026-11-01', 'America/New_York', h1);
    expect(grid).toHaveLength(25);
    expect(grid.every((b) => b.endMs - b.startMs === 3_600_000)).toBe(true);
  });
});

describe('zones with non-hour offsets', () => {
  const now = utc('2026-11-20T10:17:00Z');
  const starts = (tz: string, interval = m30, since = '2h') =>
    buildGrid(resolveWindow({ since, interval, tz, nowMs: now })).map((b) => new Date(b.startMs).toISOString().slice(11, 16));

  it('Asia/Kathmandu (+05:45): half-hours at :15/:45 UTC, hours at :15 UTC', () => {
    expect(starts('Asia/Kathmandu')).toEqual(['08:15', '08:45', '09:15', '09:45']);
    expect(starts('Asia/Kathmandu', h1)).toEqual(['08:15', '09:15']);
    const grid = buildGrid(resolveWindow({ since: '2h', interval: m30, tz: 'Asia/Kathmandu', nowMs: now }));
    expect(labels(grid.slice(-1), 'Asia/Kathmandu')).toEqual(['2026-11-20T15:30:00+05:45..2026-11-20T16:00:00+05:45']);
  });

  it('Asia/Kolkata (+05:30): half-hours at :00/:30 UTC, hours at :30 UTC', () => {
    expect(starts('Asia/Kolkata')).toEqual(['08:00', '08:30', '09:00', '09:30']);
    expect(starts('Asia/Kolkata', h1)).toEqual(['07:30', '08:30']);
  });
});

describe('floorToGrid / ceilToGrid', () => {
  it('floors and ceils to local boundaries, leaving boundaries alone', () => {
    const t = utc('2026-11-20T09:20:00Z');
    expect(floorToGrid(t, m30, 'UTC')).toBe(utc('2026-11-20T09:00:00Z'));
    expect(ceilToGrid(t, m30, 'UTC')).toBe(utc('2026-11-20T09:30:00Z'));
    expect(floorToGrid(t, h1, 'Asia/Kathmandu')).toBe(utc('2026-11-20T09:15:00Z'));
    expect(ceilToGrid(t, h1, 'Asia/Kathmandu')).toBe(utc('2026-11-20T10:15:00Z'));
    expect(floorToGrid(utc('2026-11-20T09:00:00Z'), m30, 'UTC')).toBe(utc('2026-11-20T09:00:00Z'));
    expect(ceilToGrid(utc('2026-11-20T09:00:00Z'), m30, 'UTC')).toBe(utc('2026-11-20T09:00:00Z'));
  });

  it('days are local midnights', () => {
    const t = utc('2026-11-20T03:00:00Z'); // 22:00 on the 19th in New York
    expect(floorToGrid(t, d1, 'America/New_York')).toBe(utc('2026-11-19T05:00:00Z'));
    expect(ceilToGrid(t, d1, 'America/New_York')).toBe(utc('2026-11-20T05:00:00Z'));
    expect(ceilToGrid(utc('2026-10-25T12:00:00Z'), d1, 'Europe/London')).toBe(utc('2026-10-26T00:00:00Z'));
  });

  it('at the fall-back repeat each 01:xx instant floors into its own bucket', () => {
    expect(floorToGrid(utc('2026-10-25T00:59:00Z'), h1, 'Europe/London')).toBe(utc('2026-10-25T00:00:00Z'));
    expect(floorToGrid(utc('2026-10-25T01:10:00Z'), h1, 'Europe/London')).toBe(utc('2026-10-25T01:00:00Z'));
  });
});

describe('buildGrid', () => {
  it('refuses a window whose end is off the grid (a bug upstream)', () => {
    expect(() =>
      buildGrid({ startMs: utc('2026-11-20T09:00:00Z'), endMs: utc('2026-11-20T09:45:00Z'), interval: m30, tz: 'UTC' }),
    ).toThrow(/not on the 30m grid/);
  });
});
