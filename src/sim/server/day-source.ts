import { generateDay, type SimConversation, type SimDay, type SimOrg, type StatusSpan } from '../data/index.js';

export const DAY_MS = 86_400_000;

/** UTC midnights of every day that [startMs, endMs) touches. */
export function utcDaysTouched(startMs: number, endMs: number): number[] {
  const days: number[] = [];
  for (let d = Math.floor(startMs / DAY_MS) * DAY_MS; d < endMs; d += DAY_MS) days.push(d);
  return days;
}

/**
 * Generated days with a small LRU in front: the client asks for the same days again and again (chunks, pages,
 * users and conversations aggregates of one window), and a week of days fits.
 */
export function createDaySource(org: SimOrg, now: () => number, capacity = 8) {
  const cache = new Map<number, SimDay>();

  const day = (dayStartMs: number): SimDay => {
    let d = cache.get(dayStartMs);
    if (d) {
      cache.delete(dayStartMs); // re-insert: Map order is the recency order
    } else {
      d = generateDay(org, dayStartMs);
      if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
    }
    cache.set(dayStartMs, d);
    return d;
  };

  return {
    day,
    /** Conversations of the days [startMs, endMs) touches that had ended by now (live ones are not simulated). */
    *finishedConversations(startMs: number, endMs: number, endedBy = now()): Generator<SimConversation> {
      for (const d of utcDaysTouched(startMs, endMs)) {
        if (d > endedBy) break;
        for (const c of day(d).conversations) if (Date.parse(c.conversationEnd) <= endedBy) yield c;
      }
    },
    /** Routing-status spans of the touched days, cut at now: the current status has run only until now. */
    *spansUntilNow(startMs: number, endMs: number): Generator<StatusSpan> {
      const t = now();
      for (const d of utcDaysTouched(startMs, endMs)) {
        if (d > t) break;
        for (const s of day(d).statusSpans) {
          if (s.startMs >= t) continue;
          yield s.endMs > t ? { ...s, endMs: t } : s;
        }
      }
    },
  };
}
export type DaySource = ReturnType<typeof createDaySource>;
