/**
 * Zones whose clocks move by a fraction of an hour (Lord Howe: 30 minutes), sit at a 45-minute offset (Chatham) or
 * change at midnight (Santiago): at every interval, across both changes of 2026, the grid covers each instant of
 * the window exactly once, reports and sync slices build without error, and a bucket around a fractional change is
 * bridged (90 minutes at 1h on Lord Howe).
 */
import { describe, expect, it } from 'vitest';
import { planOccupancyQueries, planServiceLevelQueries } from '../../src/sources/api/plan-queries.js';
import { createBucketer } from '../../src/time/bucketer.js';
import { splitWindow } from '../../src/time/chunk.js';
import { parseInterval } from '../../src/time/duration.js';
import { buildGrid, ceilToGrid, floorToGrid } from '../../src/time/grid.js';
import { describeWindow } from '../../src/time/report-window.js';
import { resolveWindow } from '../../src/time/window.js';

const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Each zone's two changes in 2026 (UTC instants, from the IANA rules) and a date either side of each. */
const ZONES = {
  // DST ends 2026-04-05 02:00 +11 → 01:30 +10:30; starts 2026-10-04 02:00 +10:30 → 02:30 +11.
  'Australia/Lord_Howe': [['2026-04-03', '2026-04-06', '2026-04-04T15:00:00Z'], ['2026-10-02', '2026-10-05', '2026-10-03T15:30:00Z']],
  // DST ends 2026-04-05 03:45 +13:45 → 02:45 +12:45; starts 2026-09-27 02:45 +12:45 → 03:45 +13:45.
  'Pacific/Chatham': [['2026-04-03', '2026-04-06', '2026-04-04T14:00:00Z'], ['2026-09-25', '2026-09-28', '2026-09-26T14:00:00Z']],
  // DST ends 2026-04-05 00:00 -03 → 2026-04-04 23:00 -04; starts 2026-09-06 00:00 -04 → 01:00 -03.
  'America/Santiago': [['2026-04-03', '2026-04-06', '2026-04-05T03:00:00Z'], ['2026-09-05', '2026-09-08', '2026-09-06T04:00:00Z']],
} as const;

describe.each(Object.entries(ZONES))('%s across both DST changes of 2026', (tz, changes) => {
  it('the changes are where the test says (the zone data agrees)', () => {
    for (const [, , change] of changes) {
      const at = Date.parse(change);
      expect(new Date(at - 1).toLocaleString('en-GB', { timeZone: tz, timeZoneName: 'longOffset' })).not.toBe(
        new Date(at).toLocaleString('en-GB', { timeZone: tz, timeZoneName: 'longOffset' }).replace(/\d\d:\d\d:\d\d/, ''),
      );
    }
  });

  for (const label of ['15m', '30m', '1h', '1d']) {
    it(`--interval ${label}: every instant in exactly one bucket, buckets contiguous, no error`, () => {
      const interval = parseInterval(label);
      for (const [from, to, change] of changes) {
        const windows = [
          resolveWindow({ from, to, interval, tz, nowMs: Date.parse('2027-01-01T00:00:00Z') }),
          // --since 24h and 2h ending just after the change (a cron job's windows)
          resolveWindow({ since: '24h', interval, tz, nowMs: Date.parse(change) + 2 * HOUR }),
          resolveWindow({ since: '2h', interval, tz, nowMs: Date.parse(change) + HOUR + 7 * 60_000 }),
        ];
        for (const window of windows) {
          const rw = describeWindow(window);
          const grid = rw.grid;
          expect(grid[0]!.startMs).toBe(window.startMs);
          expect(grid.at(-1)!.endMs).toBe(window.endMs);
          for (let i = 0; i < grid.length; i++) {
            const b = grid[i]!;
            if (i > 0) expect(b.startMs, `bucket ${i} starts where ${i - 1} ends`).toBe(grid[i - 1]!.endMs);
            expect(b.endMs).toBeGreaterThan(b.startMs);
            expect(floorToGrid(b.startMs, interval, tz)).toBe(b.startMs);
            expect(ceilToGrid(b.startMs + 1, interval, tz)).toBe(b.endMs);
            if (interval.fixedMs) expect(b.endMs - b.startMs).toBeLessThanOrEqual(interval.fixedMs + HOUR);
          }
          // Every minute of the window lands in the bucket that contains it.
          const bucketOf = createBucketer(interval, tz);
          let k = 0;
          for (let ms = window.startMs; ms < window.endMs; ms += 60_000) {
            while (grid[k]!.endMs <= ms) k++;
            if (bucketOf(ms) !== grid[k]!.startMs) expect.fail(`${iso(ms)} lands in ${iso(bucketOf(ms))}, not ${iso(grid[k]!.startMs)}`);
          }
          // Sync's slices concatenate to the same grid.
          expect(splitWindow(window, 2 * 86_400_000).flatMap((w) => buildGrid(w))).toEqual(grid);
        }
      }
    });
  }
});

describe('Australia/Lord_Howe at 1h', () => {
  const interval = parseInterval('1h');
  const tz = 'Australia/Lord_Howe';
  const bucketsAround = (change: string) => {
    const at = Date.parse(change);
    return buildGrid({ startMs: floorToGrid(at - 2 * HOUR, interval, tz), endMs: ceilToGrid(at + 2 * HOUR, interval, tz), interval, tz }).map(
      (b) => `${iso(b.startMs).slice(11, 16)}-${iso(b.endMs).slice(11, 16)}`,
    );
  };

  it('fall back: 00:00 and 01:00 (+11), then 01:00 to 02:00 local across the change is 90 minutes, then hours at :30 UTC', () => {
    // 00:00 +11 = 13:00Z; 01:00 +11 = 14:00Z; the clocks go back at 15:00Z (02:00 → 01:30); 02:00 +10:30 = 15:30Z.
    expect(bucketsAround('2026-04-04T15:00:00Z')).toEqual(['13:00-14:00', '14:00-15:30', '15:30-16:30', '16:30-17:30']);
  });

  it('spring forward: 01:00 (+10:30) to 03:00 (+11) is 90 minutes, then hours at :00 UTC', () => {
    // 00:00 +10:30 = 13:30Z; 01:00 = 14:30Z; the clocks go forward at 15:30Z (02:00 → 02:30); 03:00 +11 = 16:00Z.
    expect(bucketsAround('2026-10-03T15:30:00Z')).toEqual(['13:30-14:30', '14:30-16:00', '16:00-17:00', '17:00-18:00']);
  });
});

describe('API granularity across a fractional change', () => {
  const interval = parseInterval('1h');
  const across = (tz: string, from: string, to: string) => resolveWindow({ from, to, interval, tz, nowMs: Date.parse('2027-01-01T00:00:00Z') });

  it('asks Lord Howe in PT30M steps over the chunk with the change (PT1H steps would straddle the 90-minute bucket), PT1H elsewhere', () => {
    const window = across('Australia/Lord_Howe', '2026-09-28', '2026-10-06');
    const plan = planOccupancyQueries(window, { agentIds: undefined, media: [] });
    expect(plan.map((q) => `${q.body.interval.slice(0, 10)} ${q.body.granularity}`)).toEqual([
      '2026-09-27 PT30M', '2026-09-27 PT30M', '2026-10-04 PT1H', '2026-10-04 PT1H',
    ]);
    const sl = planServiceLevelQueries(window, { queueIds: [], media: [], thresholdsMs: [20_000], shortAbandonMs: 0, groupBy: ['queueId', 'mediaType'] });
    expect(sl[0]!.body.granularity).toBe('PT30M');
  });

  it('keeps the interval for whole-hour changes and 45-minute offsets (Berlin, Chatham, Santiago)', () => {
    for (const [tz, from, to] of [['Europe/Berlin', '2026-03-27', '2026-03-31'], ['Pacific/Chatham', '2026-09-25', '2026-09-28'], ['America/Santiago', '2026-09-05', '2026-09-08']]) {
      expect(planOccupancyQueries(across(tz!, from!, to!), { agentIds: undefined, media: [] })[0]!.body.granularity).toBe('PT1H');
    }
  });
});
