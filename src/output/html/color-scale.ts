/**
 * Ten steps of 10 % from near-white to dark blue (a sequential scale reads as "more" without a legend lookup),
 * orange above 100 % (handle-time occupancy can pass it: handle time is emitted when wrap-up ends), grey where
 * there is nothing to divide by (the agent was not on queue).
 */
const STEPS = ['#f7fbff', '#deebf7', '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c', '#08306b', '#041c40'];
export const OVER_100 = '#e6550d';
export const NO_VALUE = '#d4d4d4';

export function colorOf(percent: number | null): string {
  if (percent === null || !Number.isFinite(percent)) return NO_VALUE;
  if (percent > 100) return OVER_100;
  return STEPS[Math.min(STEPS.length - 1, Math.max(0, Math.floor(percent / 10)))]!;
}

/** The legend's swatches: each step with its range. */
export function legendSteps(): Array<{ color: string; label: string }> {
  return STEPS.map((color, i) => ({ color, label: i === STEPS.length - 1 ? '90–100 %' : `${i * 10}–${i * 10 + 10} %` }));
}
