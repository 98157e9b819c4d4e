import { describe, expect, it } from 'vitest';
import { splitWindow } from '../../src/time/chunk.js';
import { parseInterval } from '../../src/time/duration.js';
import { buildGrid } from '../../src/time/grid.js';
import type { Window } from '../../src/time/types.js';
import { utc, windowIso } from './helpers.js';

const WEEK = 7 * 86_400_000;

describe('splitWindow', () => {
  it('30 days of half-hours by 7 days: 5 chunks whose grids concatenate to the whole grid', () => {
    const window: Window = { startMs: utc('2026-11-01T00:00:00Z'), endMs: utc('2026-12-01T00:00:00Z'), interval: parseInterval('30m'), tz: 'UTC' };
    const chunks = splitWindow(window, WEEK);
    expect(chunks.map(windowIso)).toEqual([
      '2026-11-01T00:00:00.000Z/2026-11-08T00:00:00.000Z',
      '2026-11-08T00:00:00.000Z/2026-11-15T00:00:00.000Z',
      '2026-11-15T00:00:00.000Z/2026-11-22T00:00:00.000Z',
      '2026-11-22T00:00:00.000Z/2026-11-29T00:00:00.000Z',
      '2026-11-29T00:00:00.000Z/2026-12-01T00:00:00.000Z',
    ]);
    const whole = buildGrid(window);
    expect(whole).toHaveLength(1440);
    expect(chunks.flatMap(buildGrid)).toEqual(whole);
  });

  it('1d chunks are whole local days; a 25-hour day pushes a chunk down to 6 days', () => {
    // 2026-10-19 .. 2026-11-02 in London: 14 days, 2026-10-25 has 25 hours.
    const window: Window = { startMs: utc('2026-10-18T23:00:00Z'), endMs: utc('2026-11-02T00:00:00Z'), interval: parseInterval('1d'), tz: 'Europe/London' };
    const chunks = splitWindow(window, WEEK);
    expect(chunks.map(windowIso)).toEqual([
      '2026-10-18T23:00:00.000Z/2026-10-24T23:00:00.000Z',
      '2026-10-24T23:00:00.000Z/2026-10-31T00:00:00.000Z',
      '2026-10-31T00:00:00.000Z/2026-11-02T00:00:00.000Z',
    ]);
    expect(chunks.every((c) => c.endMs - c.startMs <= WEEK)).toBe(true);
    expect(chunks.flatMap(buildGrid)).toEqual(buildGrid(window));
  });

  it('a window within the limit is one chunk; an empty window none', () => {
    const window: Window = { startMs: utc('2026-11-20T00:00:00Z'), endMs: utc('2026-11-21T00:00:00Z'), interval: parseInterval('1h'), tz: 'UTC' };
    expect(splitWindow(window, WEEK)).toEqual([window]);
    expect(splitWindow({ ...window, endMs: window.startMs }, WEEK)).toEqual([]);
  });
});
