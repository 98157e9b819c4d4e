/**
 * How many columns, from the left, fit in `available` cells with `gap` cells between them. The first column is
 * always kept (a table of nothing helps nobody); the rest stop at the first that does not fit, so the note can
 * say "dropped from the right".
 */
export function fitColumns(widths: readonly number[], available: number, gap: number): number {
  let used = 0;
  for (let i = 0; i < widths.length; i++) {
    used += (i > 0 ? gap : 0) + widths[i]!;
    if (used > available && i > 0) return i;
  }
  return widths.length;
}
