import { timeParts } from '../table/time-text.js';
import type { Bucket } from './time-buckets.js';

export interface AxisLabel {
  index: number;
  time: string;
  /** The date, on the first label and where the date changes. */
  date?: string;
}

/** Tick steps in minutes: each divides the next's day or week, so ticks fall on round local times. */
const STEPS = [15, 30, 60, 120, 180, 240, 360, 720, 1440, 2880, 10080];

/**
 * Labels at least `minGap` pixels apart for columns `cellWidth` wide: `15:00`, with the date where it changes. The
 * ticks sit on round local times, evenly: every 6 hours at 00:00, 06:00, 12:00, 18:00, or every day at midnight,
 * whatever the first column's time (a window starting 14:30 still ticks at 18:00, not at 14:30, 20:30, …).
 */
export function axisLabels(buckets: readonly Bucket[], cellWidth: number, minGap = 44): AxisLabel[] {
  const every = Math.max(1, Math.ceil(minGap / cellWidth));
  const parts = buckets.map((b) => timeParts(b.start));
  const bucketMinutes = Math.round((buckets[0]?.lengthMs ?? 0) / 60_000);
  const step = STEPS.find((s) => s >= every * bucketMinutes && s % Math.max(1, bucketMinutes) === 0);
  const onGrid = (i: number) => {
    const p = parts[i];
    if (!p || step === undefined) return false;
    const [h, m] = p.time.split(':').map(Number) as [number, number];
    if (step < 1440) return (h * 60 + m) % step === 0;
    if (h !== 0 || m !== 0) return false;
    const day = Math.round(Date.parse(`${p.date}T00:00:00Z`) / 86_400_000);
    // Whole days and weeks: days counted from 1970-01-05, a Monday, so weekly ticks fall on Mondays.
    return (day - 4) % (step / 1440) === 0;
  };
  let indexes = buckets.map((_, i) => i).filter(onGrid);
  // Too few round times in view (a short or oddly aligned window): every `every`-th column from the first.
  if (indexes.length < 2) indexes = buckets.map((_, i) => i).filter((i) => i % every === 0);
  const labels: AxisLabel[] = [];
  let lastDate: string | undefined;
  for (const i of indexes) {
    const p = parts[i];
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
