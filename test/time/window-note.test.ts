import { describe, expect, it } from 'vitest';
import { parseInterval } from '../../src/time/duration.js';
import { resolveWindow, type WindowRequest } from '../../src/time/window.js';
import { windowNote } from '../../src/time/window-note.js';
import { utc } from './helpers.js';

const NOW = utc('2026-11-20T10:17:00Z');
const note = (request: WindowRequest, tz = 'UTC', nowMs = NOW) => windowNote(request, resolveWindow({ ...request, tz, nowMs }));
const m30 = parseInterval('30m');
const d1 = parseInterval('1d');

describe('the resolved window is said when it is not what was typed', () => {
  it('--since 25h --interval 1d: whole days covering 25 h, the last two complete days (48 h)', () => {
    expect(note({ since: '25h', interval: d1 })).toBe(
      'note: --since 25h with --interval 1d covers whole intervals: 2026-11-18 00:00 to 2026-11-20 00:00 UTC (2 days)',
    );
  });

  it('--since 1h --interval 1d: all of yesterday', () => {
    expect(note({ since: '1h', interval: d1 })).toBe(
      'note: --since 1h with --interval 1d covers whole intervals: 2026-11-19 00:00 to 2026-11-20 00:00 UTC (1 day)',
    );
  });

  it('--since 45m on the 30m grid is an hour, in the report zone', () => {
    expect(note({ since: '45m', interval: m30 }, 'America/New_York')).toBe(
      'note: --since 45m with --interval 30m covers whole intervals: 2026-11-20 04:00 to 2026-11-20 05:00 America/New_York (1 h)',
    );
  });

  it('--since 7d on a 30m grid starts at the time of day of the last complete interval, and says so', () => {
    expect(note({ since: '7d', interval: m30 }, 'Europe/London', utc('2026-11-20T03:40:00Z'))).toBe(
      'note: the window is 2026-11-13 03:30 to 2026-11-20 03:30 Europe/London (168 h), up to the last complete interval; for whole days use --interval 1d or --from 2026-11-13',
    );
  });

  it('--from/--to off the grid are moved to it', () => {
    expect(note({ from: '2026-11-20T09:10', to: '2026-11-20T09:50', interval: m30 })).toBe(
      'note: the window is 2026-11-20 09:00 to 2026-11-20 10:00 UTC (1 h): --from is moved back and --to forward to whole 30m intervals',
    );
  });

  it('nothing when the window is what was typed: 24h, 2h, a whole day, --from/--to on the grid, no window flag', () => {
    expect(note({ since: '24h', interval: m30 })).toBeUndefined();
    expect(note({ since: '2h', interval: m30 })).toBeUndefined();
    expect(note({ since: '1d', interval: d1 })).toBeUndefined();
    expect(note({ since: '24h', interval: d1 })).toBeUndefined();
    expect(note({ from: '2026-11-19', to: '2026-11-19', interval: m30 })).toBeUndefined();
    expect(note({ from: '2026-11-20T09:00', to: '2026-11-20T10:00', interval: m30 })).toBeUndefined();
    expect(note({ interval: m30 })).toBeUndefined();
  });
});
