import { describe, expect, it } from 'vitest';
import { isoInDay } from '../../../src/sim/data/iso-in-day.js';

describe('isoInDay', () => {
  const D = Date.UTC(2026, 10, 18);
  const iso = isoInDay(D);

  it('formats every kind of instant of the day exactly as toISOString', () => {
    const samples = [D, D + 1, D + 999, D + 1000, D + 59_999, D + 3_599_999, D + 43_200_123, D + 86_399_999];
    for (let i = 0; i < 2000; i++) samples.push(D + ((i * 7_919_993) % 86_400_000));
    for (const t of samples) expect(iso(t)).toBe(new Date(t).toISOString());
  });

  it('falls back to toISOString outside the day', () => {
    expect(iso(D + 86_400_000)).toBe('2026-11-19T00:00:00.000Z');
    expect(iso(D - 1)).toBe('2026-11-17T23:59:59.999Z');
  });
});
