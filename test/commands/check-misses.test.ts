import { describe, expect, it } from 'vitest';
import { checkMessage, type Miss } from '../../src/commands/check-misses.js';
import { parseServiceLevelOptions } from '../../src/cli/options.js';
import { parseStaffingOptions } from '../../src/cli/staffing-options.js';

const at = (iso: string) => Date.parse(iso);

describe('--check names what missed', () => {
  const miss = (queue: string, media: string, iso: string, why: string): Miss => ({ queue, media, startMs: at(iso), why });

  it('up to 5 by queue, media and local interval start, then "and N more", then what --min-offered left out', () => {
    const misses = [
      miss('Sales', 'voice', '2026-11-20T15:00:00Z', '64.29 % < 80'),
      miss('Support', 'voice', '2026-11-20T15:00:00Z', '75 % < 80'),
      miss('Sales', 'voice', '2026-11-20T15:30:00Z', '50 % < 80'),
      miss('Billing', 'chat', '2026-11-20T16:00:00Z', '0 % < 80'),
      miss('Billing', 'voice', '2026-11-20T16:00:00Z', '70 % < 90'),
      miss('Retention', 'voice', '2026-11-20T16:30:00Z', '46.15 % < 85'),
      miss('Retention', 'voice', '2026-11-20T17:00:00Z', '40 % < 85'),
    ];
    expect(checkMessage({ what: 'missed their service-level target', misses, rows: 40, tz: 'America/New_York', unchecked: { rows: 12, minOffered: 10 } })).toBe(
      '--check: 7 of 40 rows missed their service-level target: Sales voice 2026-11-20 10:00 (64.29 % < 80), Support voice 2026-11-20 10:00 (75 % < 80), ' +
        'Sales voice 2026-11-20 10:30 (50 % < 80), Billing chat 2026-11-20 11:00 (0 % < 80), Billing voice 2026-11-20 11:00 (70 % < 90) and 2 more; ' +
        '12 rows with fewer than 10 offered not checked (--min-offered)',
    );
  });

  it('all of them when 5 or fewer; a roll-up row without a queue reads "all queues"; now has no interval', () => {
    expect(checkMessage({ what: 'missed their service-level target', misses: [{ queue: null, media: 'chat', startMs: at('2026-11-20T00:00:00Z'), why: '73.16 % < 80' }], rows: 4, tz: 'UTC' })).toBe(
      '--check: 1 of 4 rows missed their service-level target: all queues chat 2026-11-20 00:00 (73.16 % < 80)',
    );
    expect(checkMessage({ what: 'have alerts', misses: [{ queue: 'Billing', media: 'voice', why: 'sl_below_target' }], rows: 11, tz: 'UTC' })).toBe(
      '--check: 1 of 11 rows have alerts: Billing voice (sl_below_target)',
    );
  });
});

describe('--min-offered', () => {
  it('defaults to 10 on service-level and staffing; 0 checks every row; not a count is exit 2', () => {
    expect(parseServiceLevelOptions({}).minOffered).toBe(10);
    expect(parseStaffingOptions({}).minOffered).toBe(10);
    expect(parseServiceLevelOptions({ minOffered: '0' }).minOffered).toBe(0);
    expect(() => parseServiceLevelOptions({ minOffered: '2.5' })).toThrow(/--min-offered/);
  });
});
