import { describe, expect, it } from 'vitest';
import { planSyncRun } from '../../src/commands/sync-plan.js';
import { UsageError } from '../../src/errors.js';
import { parseInterval } from '../../src/time/duration.js';

describe('sync --backfill', () => {
  it('a backfill past 400 days is named as --backfill, not --since', () => {
    const run = () =>
      planSyncRun({ report: 'occupancy', state: undefined, interval: parseInterval('30m'), tz: 'UTC', nowMs: Date.UTC(2026, 10, 21, 12), restate: '2h', backfill: '401d' });
    expect(run).toThrow(UsageError);
    expect(run).toThrow('--backfill: "401d" is longer than 400 days; use a shorter window and split the report into runs');
  });
});
