import { describe, expect, it } from 'vitest';
import { parseInterval } from '../../src/time/duration.js';
import { buildGrid } from '../../src/time/grid.js';
import { type WindowInput, resolveWindow } from '../../src/time/window.js';
import { utc, windowIso } from './helpers.js';
import { usageMessage } from '../usage-error.js';

const m30 = parseInterval('30m');
const h1 = parseInterval('1h');
const d1 = parseInterval('1d');
const NOW = utc('2026-11-20T10:17:00Z');

const resolve = (over: Partial<WindowInput>) => resolveWindow({ interval: m30, tz: 'UTC', nowMs: NOW, ...over });
const iso = (over: Partial<WindowInput>) => windowIso(resolve(over));

const message = (over: Partial<WindowInput>) => usageMessage(() => resolve(over));

describe('--since', () => {
  it('24h at 10:17Z in UTC: the 48 complete half-hours ending 10:00Z', () => {
    const w = resolve({ since: '24h' });
    expect(windowIso(w)).toBe('2026-11-19T10:00:00.000Z/2026-11-20T10:00:00.000Z');
    expect(buildGrid(w)).toHaveLength(48);
    expect(iso({})).toBe('2026-11-19T10:00:00.000Z/2026-11-20T10:00:00.000Z');
  });

  it('90m with 1h intervals floors the start to the grid', () => {
    expect(iso({ since: '90m', interval: h1 })).toBe('2026-11-20T08:00:00.000Z/2026-11-20T10:00:00.000Z');
    expect(iso({ since: '10m' })).toBe('2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z');
  });

  it('24h with 1d intervals is the last complete local day, also on 23- and 25-hour days', () => {
    const london = (now: string) => windowIso(resolveWindow({ since: '24h', interval: d1, tz: 'Europe/London', nowMs: utc(now) }));
    expect(london('2026-03-30T08:00:00Z')).toBe('2026-03-29T00:00:00.000Z/2026-03-29T23:00:00.000Z');
    expect(london('2026-10-26T08:00:00Z')).toBe('2026-10-24T23:00:00.000Z/2026-10-26T00:00:00.000Z');
    expect(iso({ since: '36h', interval: d1 })).toBe('2026-11-18T00:00:00.000Z/2026-11-20T00:00:00.000Z');
  });

  it('d and w are local calendar days: 1d after spring-forward is 46 half-hours', () => {
    const w = resolveWindow({ since: '1d', interval: m30, tz: 'Europe/London', nowMs: utc('2026-03-29T23:10:00Z') });
    expect(windowIso(w)).toBe('2026-03-29T00:00:00.000Z/2026-03-29T23:00:00.000Z');
    expect(buildGrid(w)).toHaveLength(46);
    expect(iso({ since: '2w', interval: d1 })).toBe('2026-11-06T00:00:00.000Z/2026-11-20T00:00:00.000Z');
  });

  it('bad or too long values are usage errors', () => {
    expect(message({ since: '2x' })).toBe('--since: "2x" is not a duration; use e.g. 90m, 24h, 7d or 2w');
    expect(message({ since: '60w' })).toBe('--since: "60w" is longer than 400 days; use a shorter window and split the report into runs');
  });
});

describe('--from / --to', () => {
  it('no offset means --tz; --from floors and --to ceils', () => {
    const w = resolveWindow({ from: '2026-11-20T09:10', to: '2026-11-20T10:05', interval: m30, tz: 'Europe/Berlin', nowMs: NOW });
    expect(windowIso(w)).toBe('2026-11-20T08:00:00.000Z/2026-11-20T09:30:00.000Z');
    expect(buildGrid(w)).toHaveLength(3);
  });

  it('an explicit offset wins over --tz; boundaries stay put', () => {
    const w = resolveWindow({ from: '2026-11-20T09:10:00Z', to: '2026-11-20T12:00:00+02:00', interval: m30, tz: 'Europe/Berlin', nowMs: NOW });
    expect(windowIso(w)).toBe('2026-11-20T09:00:00.000Z/2026-11-20T10:00:00.000Z');
    expect(iso({ from: '2026-11-20 06:00', to: '2026-11-20T07:00:00.000Z' })).toBe('2026-11-20T06:00:00.000Z/2026-11-20T07:00:00.000Z');
  });

  it('a date alone is the start of that day for --from and its end for --to', () => {
    const w = resolveWindow({ from: '2026-11-20', to: '2026-11-20', interval: d1, tz: 'America/New_York', nowMs: NOW });
    expect(buildGrid(w)).toEqual([{ startMs: utc('2026-11-20T05:00:00Z'), endMs: utc('2026-11-21T05:00:00Z') }]);
    expect(iso({ from: '2026-11-01', to: '2026-11-03' })).toBe('2026-11-01T00:00:00.000Z/2026-11-04T00:00:00.000Z');
  });

  it('--from alone runs to the last complete boundary', () => {
    const w = resolve({ from: '2026-11-20T06:00:00Z' });
    expect(windowIso(w)).toBe('2026-11-20T06:00:00.000Z/2026-11-20T10:00:00.000Z');
    expect(buildGrid(w)).toHaveLength(8);
    expect(iso({ from: '2026-11-20T06:00:00Z', since: '2w' })).toBe('2026-11-20T06:00:00.000Z/2026-11-20T10:00:00.000Z');
  });

  it('rejects --to alone, --to not after --from, bad dates and over-long windows', () => {
    expect(message({ to: '2026-11-20' })).toBe('--to: "2026-11-20" needs --from as well; use --from and --to together, or --since');
    expect(message({ from: '2026-11-20T10:00', to: '2026-11-20T09:00' })).toBe('--to: "2026-11-20T09:00" is not after --from "2026-11-20T10:00"');
    expect(message({ from: '2026-11-20T10:00', to: '2026-11-20T10:00' })).toMatch(/is not after --from/);
    expect(message({ from: 'yesterday' })).toBe(
      '--from: "yesterday" is not an ISO-8601 date or date-time; use e.g. 2026-11-20, 2026-11-20T09:30 or 2026-11-20T09:30:00+01:00',
    );
    expect(message({ from: '2026-11-20', to: '2026-13-01' })).toMatch(/^--to: "2026-13-01" is not an ISO-8601 date/);
    expect(message({ from: '2026-11-20T25:00' })).toMatch(/^--from: "2026-11-20T25:00"/);
    expect(message({ from: '2026-11-20T10:10' })).toBe(
      '--from: "2026-11-20T10:10" is not before the last complete 30m interval; add --to or use an earlier --from',
    );
    expect(message({ from: '2025-01-01', to: '2026-02-05' })).toBe(
      '--from/--to: "2025-01-01" to "2026-02-05" is longer than 400 days; use a shorter window and split the report into runs',
    );
    // offsets beyond ±14:00 do not exist; luxon alone would shift the window by them
    expect(message({ from: '2026-11-10', to: '2026-11-11T09:30:00+25:00' })).toMatch(/^--to: "2026-11-11T09:30:00\+25:00" is not an ISO-8601/);
    expect(message({ from: '2026-11-10T09:30:00+05:75' })).toMatch(/^--from: "2026-11-10T09:30:00\+05:75" is not an ISO-8601/);
    expect(iso({ from: '2026-11-10T00:00:00+14:00', to: '2026-11-10T12:00:00-12:00' })).toBe('2026-11-09T10:00:00.000Z/2026-11-11T00:00:00.000Z');
    expect(iso({ from: '2025-01-01', to: '2026-02-04' })).toBe('2025-01-01T00:00:00.000Z/2026-02-05T00:00:00.000Z');
  });
});
