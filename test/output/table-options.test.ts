import { describe, expect, it } from 'vitest';
import { ACTIVITY_COLUMNS, isEmptyRow, withoutEmptyRows } from '../../src/output/empty-rows.js';
import { selectColumns } from '../../src/output/select-columns.js';
import { useColor } from '../../src/output/use-color.js';
import { UsageError } from '../../src/errors.js';

describe('selectColumns (--columns)', () => {
  const available = ['interval_start', 'agent_name', 'handled'] as const;

  it('keeps the order given, each name once', () => {
    expect(selectColumns(available, ['handled', ' agent_name', 'handled'])).toEqual(['handled', 'agent_name']);
  });

  it('exits 2 naming the unknown column and every accepted one', () => {
    expect(() => selectColumns(available, ['agent_name', 'occupancy'])).toThrow(UsageError);
    expect(() => selectColumns(available, ['occupancy'])).toThrow(
      '--columns: "occupancy" is not a column of this report; choose from interval_start, agent_name, handled',
    );
    expect(() => selectColumns(available, ['', ' '])).toThrow('--columns: no column given; choose from interval_start, agent_name, handled');
  });
});

describe('useColor', () => {
  it('only on a terminal, never with NO_COLOR set or TERM=dumb', () => {
    expect(useColor(true, {})).toBe(true);
    expect(useColor(false, {})).toBe(false);
    expect(useColor(undefined, {})).toBe(false);
    expect(useColor(true, { NO_COLOR: '1' })).toBe(false);
    // no-color.org: an empty NO_COLOR does not count as set.
    expect(useColor(true, { NO_COLOR: '' })).toBe(true);
    expect(useColor(true, { TERM: 'dumb' })).toBe(false);
  });

  it('never with FORCE_COLOR=0 or false (as Node reads it); another FORCE_COLOR adds nothing off a terminal', () => {
    expect(useColor(true, { FORCE_COLOR: '0' })).toBe(false);
    expect(useColor(true, { FORCE_COLOR: 'false' })).toBe(false);
    expect(useColor(true, { FORCE_COLOR: '1' })).toBe(true);
    expect(useColor(false, { FORCE_COLOR: '1' })).toBe(false);
  });
});

describe('empty rows (--hide-empty)', () => {
  const base = { handled: 0, handle_s: 0, talk_s: 0, hold_s: 0, acw_s: 0, on_queue_s: 0, interacting_s: 0, occupancy_pct: 0, routing_occupancy_pct: null };

  it('occupancy: empty only when no work and no on-queue time (an idle agent on queue stays)', () => {
    expect(isEmptyRow(base, ACTIVITY_COLUMNS.occupancy)).toBe(true);
    expect(isEmptyRow({ ...base, on_queue_s: 1800 }, ACTIVITY_COLUMNS.occupancy)).toBe(false);
    expect(isEmptyRow({ ...base, acw_s: 12.5 }, ACTIVITY_COLUMNS.occupancy)).toBe(false);
    // From a details file the routing columns are empty, not zero.
    expect(isEmptyRow({ ...base, on_queue_s: null, interacting_s: null }, ACTIVITY_COLUMNS.occupancy)).toBe(true);
  });

  it('service level: a row with any count is kept', () => {
    const sl = { offered: 0, answered: 0, abandoned: 0, flowout: 0, service_level_pct: null };
    expect(isEmptyRow(sl, ACTIVITY_COLUMNS['service-level'])).toBe(true);
    expect(isEmptyRow({ ...sl, flowout: 1 }, ACTIVITY_COLUMNS['service-level'])).toBe(false);
  });

  it('streams the kept rows and counts the hidden ones', () => {
    const rows = [base, { ...base, handled: 1 }, base, { ...base, on_queue_s: 60 }];
    const result = withoutEmptyRows(rows, ACTIVITY_COLUMNS.occupancy);
    expect([...result.rows].map((r) => [r.handled, r.on_queue_s])).toEqual([
      [1, 0],
      [0, 60],
    ]);
    expect(result.hidden()).toBe(2);
  });
});
