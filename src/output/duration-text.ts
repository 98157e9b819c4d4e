/**
 * Seconds as `h:mm:ss`, rounded to the whole second (1232.917 → `0:20:33`); hours are not wrapped at 24, so a
 * week of on-queue time reads `168:00:00`. The table's display only: CSV and JSON keep seconds.
 */
export function durationText(seconds: number): string {
  const sign = seconds < 0 ? '-' : '';
  const total = Math.round(Math.abs(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${sign}${h}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
}

/**
 * Columns shown as `h:mm:ss` in the table: measured durations, named `*_s` by the contract. `threshold_s` is a
 * setting the user typed (possibly `7.5`), so it stays as given.
 */
export function isDurationColumn(column: string): boolean {
  return column.endsWith('_s') && column !== 'threshold_s';
}
