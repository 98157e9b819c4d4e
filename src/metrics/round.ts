/**
 * Exact rounding for report cells. Inputs are integers (ms, counts), so rounding is done on the exact rational
 * instead of on a float product: 1 ÷ 8 × 100 is 12.5 exactly and must print 12.5, not 12.499999.
 */

/** round(numerator ÷ denominator), half away from zero, for non-negative integers. */
export function roundDiv(numerator: number, denominator: number): number {
  return Math.floor((2 * numerator + denominator) / (2 * denominator));
}

/** numerator ÷ denominator × 100 with 2 decimals; null when the denominator is 0 (the contract's empty cell). */
export function percent(numerator: number, denominator: number): number | null {
  if (denominator <= 0) return null;
  return roundDiv(numerator * 10_000, denominator) / 100;
}

/** Milliseconds to seconds with up to 3 decimals; API durations are integer ms. */
export function msToSeconds(ms: number): number {
  return Math.round(ms) / 1000;
}

/** The mean of `sumMs` over `count`, in seconds with 3 decimals; null when count is 0. */
export function meanSeconds(sumMs: number, count: number): number | null {
  if (count <= 0) return null;
  return roundDiv(Math.round(sumMs), count) / 1000;
}
