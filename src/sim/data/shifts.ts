/**
 * Agent rosters: who is on queue when. Shifts are planned per local date in the org's zone (so the org is busiest in
 * its daytime and DST moves shifts with the wall clock), then clipped to the UTC day being generated. A shift depends
 * only on (seed, agent, local date), so the days on either side of a UTC midnight agree about it.
 */
import { DateTime } from 'luxon';
import { createRng } from './rng.js';

const MIN = 60_000;
const DAY = 86_400_000;
const SHIFT_MIN = 510; // 8.5 h on site, of which 60 min are breaks
/** Breaks as [offset from shift start, length] in minutes: morning break, lunch, afternoon break. */
const BREAKS: ReadonlyArray<readonly [number, number]> = [[120, 15], [240, 30], [390, 15]];

/** Local start minute (base, random spread) for each staffing band; bands are stratified over the agent index. */
const BANDS: ReadonlyArray<{ upTo: number; start: number; spread: number }> = [
  { upTo: 0.1, start: 22 * 60, spread: 90 },   // nights: 22:00-07:00 keep the org staffed 24/7
  { upTo: 0.25, start: 6 * 60, spread: 60 },   // early
  { upTo: 0.6, start: 8 * 60, spread: 90 },    // day (the bulk)
  { upTo: 0.8, start: 10 * 60, spread: 120 },  // mid
  { upTo: 1, start: 13 * 60 + 30, spread: 120 }, // late, ends by midnight local
];

export interface Window { s: number; e: number }

export interface AgentProfile { startMin: number; offDays: readonly number[] }

/** The stable part of an agent's roster: usual start time and two days off (ISO weekdays 1-7), staggered by index. */
export function agentProfile(seed: number, index: number, count: number): AgentProfile {
  const rng = createRng(seed, 21, index);
  const u = (index + 0.5) / count;
  const band = BANDS.find((b) => u <= b.upTo) ?? (BANDS[BANDS.length - 1] as (typeof BANDS)[number]);
  return { startMin: band.start + Math.floor(rng.float() * band.spread), offDays: [(index % 7) + 1, ((index + 1) % 7) + 1] };
}

/** UTC ms of local wall-clock hours 0..47 from a local date, per zone and date (DST-correct to the hour). */
export class LocalClock {
  private readonly cache = new Map<number, { weekday: number; hours: number[] }>();
  /** Every agent of a day asks for the day's start: one zone conversion, not one per agent. */
  private readonly localDays = new Map<number, number>();
  constructor(private readonly zone: string) {}

  /** Local date (days since epoch, as if UTC) that contains the instant `ms`. */
  localDay(ms: number): number {
    let d = this.localDays.get(ms);
    if (d === undefined) {
      const dt = DateTime.fromMillis(ms, { zone: this.zone });
      d = Math.floor(Date.UTC(dt.year, dt.month - 1, dt.day) / DAY);
      this.localDays.set(ms, d);
    }
    return d;
  }

  date(localDay: number): { weekday: number; hours: number[] } {
    let d = this.cache.get(localDay);
    if (!d) {
      const hours: number[] = [];
      for (let h = 0; h < 48; h++) {
        const day = new Date((localDay + Math.floor(h / 24)) * DAY);
        hours.push(DateTime.fromObject(
          { year: day.getUTCFullYear(), month: day.getUTCMonth() + 1, day: day.getUTCDate(), hour: h % 24 },
          { zone: this.zone },
        ).toMillis());
      }
      d = { weekday: new Date(localDay * DAY).getUTCDay() || 7, hours };
      this.cache.set(localDay, d);
    }
    return d;
  }

  /** UTC ms of `minute` minutes of wall-clock time after local midnight of `localDay` (minute < 2880). */
  at(localDay: number, minute: number): number {
    return (this.date(localDay).hours[Math.floor(minute / 60)] as number) + (minute % 60) * MIN;
  }
}

/**
 * On-queue windows of one agent inside [dayStart, dayStart + 24h), sorted and disjoint. Everything else is OFF_QUEUE
 * (off shift or on a break).
 */
export function onQueueWindows(seed: number, index: number, profile: AgentProfile, clock: LocalClock, dayStart: number): Window[] {
  const dayEnd = dayStart + DAY;
  const first = clock.localDay(dayStart) - 1;
  const out: Window[] = [];
  for (let ld = first; ld <= first + 2; ld++) {
    const { weekday } = clock.date(ld);
    if (profile.offDays.includes(weekday)) continue;
    const rng = createRng(seed, 22, index, ld);
    const start = profile.startMin + rng.int(-10, 10);
    let cursor = start;
    const pieces: Array<[number, number]> = [];
    for (const [off, len] of BREAKS) {
      const b = start + off + rng.int(-10, 10);
      pieces.push([cursor, b]);
      cursor = b + len;
    }
    pieces.push([cursor, start + SHIFT_MIN]);
    for (const [a, b] of pieces) {
      const s = Math.max(dayStart, clock.at(ld, a));
      const e = Math.min(dayEnd, clock.at(ld, b));
      if (e > s) out.push({ s, e });
    }
  }
  out.sort((x, y) => x.s - y.s);
  // Adjacent local dates cannot overlap (a shift ends before the next starts), but merge defensively.
  const merged: Window[] = [];
  for (const w of out) {
    const last = merged[merged.length - 1];
    if (last && w.s <= last.e) last.e = Math.max(last.e, w.e);
    else merged.push({ ...w });
  }
  return merged;
}
