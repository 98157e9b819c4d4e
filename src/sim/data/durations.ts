/**
 * Duration models per media, in ms. Voice: AHT about 6 min (talk median 4 min, hold on a quarter of calls, ACW under a
 * minute), a rare call over 30 min; chat longer; email handled in minutes but waits hours. Queue waits: most answered
 * within seconds, a tail beyond a minute.
 */
import type { Rng } from './rng.js';
import type { SimMedia } from './types.js';

const S = 1000;
const clamp = (x: number, lo: number, hi: number): number => Math.round(Math.min(hi, Math.max(lo, x)));

export interface HandlingShape {
  alert: number;
  /** Alternating interact/hold durations, starting and ending with interact. */
  parts: number[];
  acw: number;
}

export function handlingShape(rng: Rng, media: SimMedia): HandlingShape {
  switch (media) {
    case 'voice': {
      const long = rng.chance(0.006);
      const talk = long ? clamp(rng.uniform(31, 75) * 60 * S, 0, 4_500_000) : clamp(rng.logNormal(240 * S, 0.6), 20 * S, 1_800 * S);
      return { alert: clamp(rng.uniform(1.5, 7.5) * S, 0, 8 * S), parts: withHolds(rng, talk, 0.25, 20 * S, 180 * S), acw: clamp(rng.logNormal(45 * S, 0.5), 5 * S, 600 * S) };
    }
    case 'chat':
      return { alert: clamp(rng.uniform(2, 20) * S, 0, 30 * S), parts: withHolds(rng, clamp(rng.logNormal(600 * S, 0.5), 60 * S, 3_600 * S), 0.05, 30 * S, 120 * S), acw: clamp(rng.logNormal(60 * S, 0.5), 5 * S, 600 * S) };
    case 'message':
      return { alert: clamp(rng.uniform(2, 20) * S, 0, 30 * S), parts: [clamp(rng.logNormal(420 * S, 0.6), 30 * S, 3_600 * S)], acw: clamp(rng.logNormal(45 * S, 0.5), 5 * S, 600 * S) };
    case 'email':
      return { alert: clamp(rng.uniform(5, 60) * S, 0, 300 * S), parts: [clamp(rng.logNormal(300 * S, 0.6), 30 * S, 3_600 * S)], acw: clamp(rng.logNormal(60 * S, 0.5), 5 * S, 600 * S) };
  }
}

/** Splits talk around one (sometimes two) holds. */
function withHolds(rng: Rng, talk: number, p: number, lo: number, hi: number): number[] {
  if (!rng.chance(p)) return [talk];
  const holds = rng.chance(0.2) ? 2 : 1;
  const parts: number[] = [];
  let rest = talk;
  for (let i = 0; i < holds; i++) {
    const piece = Math.max(5 * S, Math.round(rest * rng.uniform(0.2, 0.7)));
    if (piece >= rest - 5 * S) break;
    parts.push(piece, clamp(rng.uniform(lo, hi), lo, hi));
    rest -= piece;
  }
  parts.push(rest);
  return parts;
}

/** Time in queue before the agent's phone starts ringing (the queue's answer time adds the alert). */
export function queueWaitBeforeAlert(rng: Rng, media: SimMedia): number {
  const r = rng.float();
  switch (media) {
    case 'voice':
      return Math.round(r < 0.82 ? rng.exp(5 * S) : r < 0.94 ? rng.uniform(15, 60) * S : rng.uniform(60, 300) * S);
    case 'chat':
      return Math.round(r < 0.8 ? rng.exp(20 * S) : r < 0.95 ? rng.uniform(60, 180) * S : rng.uniform(180, 600) * S);
    case 'message':
      return Math.round(r < 0.75 ? rng.exp(40 * S) : r < 0.95 ? rng.uniform(120, 600) * S : rng.uniform(600, 1800) * S);
    case 'email':
      return clamp(rng.logNormal(20 * 60 * S, 1), 10 * S, 12 * 3600 * S);
  }
}

/** How long an abandoning customer waited: a third hang up within 5 s, the rest after a minute or so. */
export function abandonAfter(rng: Rng, media: SimMedia): number {
  if (rng.chance(0.3)) return Math.round(rng.uniform(0.5, 5) * S);
  const median = media === 'voice' ? 40 * S : 150 * S;
  return clamp(rng.logNormal(median, 0.8), 6 * S, 1_200 * S);
}

/** Mean idle gap between interactions for an agent, by local hour: short in business hours, long at night. */
export function idleMeanMs(localHour: number): number {
  if (localHour >= 9 && localHour < 17) return 75 * S;
  if (localHour >= 7 && localHour < 21) return 120 * S;
  return 240 * S;
}
