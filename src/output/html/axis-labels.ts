import { timeParts } from '../table/time-text.js';
import type { Bucket } from './time-buckets.js';

export interface AxisLabel {
  index: number;
  time: string;
  /** The date, on the first label and where the date changes. */
  date?: string;
}

/** Labels at least `minGap` pixels apart for columns `cellWidth` wide: `15:00`, with the date where it changes. */
export function axisLabels(buckets: readonly Bucket[], cellWidth: number, minGap = 44): AxisLabel[] {
  const every = Math.max(1, Math.ceil(minGap / cellWidth));
  const labels: AxisLabel[] = [];
  let lastDate: string | undefined;
  for (let i = 0; i < buckets.length; i += every) {
    const p = timeParts(buckets[i]!.start);
    const date = p?.date ?? buckets[i]!.start.slice(0, 10);
    labels.push({ index: i, time: p?.time ?? '', ...(date !== lastDate ? { date } : {}) });
    lastDate = date;
  }
  return labels;
}

/** `2026-11-20 15:00–15:30`, or across days `2026-11-20 00:00 – 2026-11-21 00:00`. */
export function bucketLabel(bucket: Bucket): string {
  const a = timeParts(bucket.start);
  const b = timeParts(bucket.end);
  if (!a || !b) return `${bucket.start} – ${bucket.end}`;
  if (a.date === b.date) return `${a.date} ${a.time}–${b.time}`;
  return `${a.date} ${a.time} – ${b.date} ${b.time}`;
}

/** Column width in pixels for `count` columns in about `target` pixels. */
export function columnWidth(count: number, target = 960, min = 6, max = 28): number {
  return Math.max(min, Math.min(max, Math.floor(target / Math.max(1, count))));
}
