import {
  createOrg, generateDay, liveState, longConversationsStartingOn, LONG_LIFETIME_DAYS, truncateAt, type LiveState,
  type ServedConversation, type SimConversation, type SimDay, type SimOrg, type StatusSpan,
} from '../data/index.js';

export const DAY_MS = 86_400_000;

/**
 * Start days before a day F whose conversations can still be open on F: only long ones outlive their start day
 * (walk-agent.ts fits every handling before midnight, plan-conversations.ts every customer's end), and they end
 * within LONG_LIFETIME_DAYS of their start day's midnight.
 */
export const LOOKBACK_DAYS = LONG_LIFETIME_DAYS - 1;

/** UTC midnights of every day that [startMs, endMs) touches. */
export function utcDaysTouched(startMs: number, endMs: number): number[] {
  const days: number[] = [];
  for (let d = Math.floor(startMs / DAY_MS) * DAY_MS; d < endMs; d += DAY_MS) days.push(d);
  return days;
}

/** What one agent's generated day holds in memory (seed 7, 100 agents, measured with process.memoryUsage). */
export const DAY_BYTES_PER_AGENT = 162 * 1024;
/** Generated days kept, in agent-days: about 630 MB of heap. */
const CACHE_AGENT_DAYS = 4000;

/**
 * Days the LRU keeps for an org of `agents`: a details report reads each day several times (the job, then the
 * synchronous queries of each start day), so small orgs keep a month of days; big ones fewer, within
 * CACHE_AGENT_DAYS (the 1,000-agent org, 160 MB a day, keeps 4), but always 2 (a window that straddles midnight).
 */
export function dayCacheCapacity(agents: number, agentDays = CACHE_AGENT_DAYS): number {
  return Math.max(2, Math.min(32, Math.floor(agentDays / agents)));
}

/**
 * Generated days with a small LRU in front: the client asks for the same days again and again (chunks, pages,
 * users and conversations aggregates of one window), and up to 500 agents a week of days fits. What is served at a
 * moment `t`: conversations started before t; those still in progress at t cut at t (truncate-at.ts), the cut
 * records cached for the last t asked (a refresh asks for observations and aggregates at one moment).
 */
export function createDaySource(org: SimOrg, now: () => number, capacity = 8) {
  const cache = new Map<number, SimDay>();
  let cutAt = NaN;
  let cuts = new Map<SimConversation, ServedConversation>();
  // The division and wrap-up codes long conversations are rendered with: the org's own, as generateDay uses.
  const extras = org.divisionId && org.wrapUpCodes ? org : createOrg({ seed: org.seed, agents: 1, queues: 1 });
  const extraIds = { divisionId: extras.divisionId as string, wrapUpCodeIds: (extras.wrapUpCodes ?? []).map((w) => w.id) };

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

  const served = (c: SimConversation, t: number): ServedConversation | undefined => {
    if (Date.parse(c.conversationStart) >= t) return undefined;
    if (Date.parse(c.conversationEnd) <= t) return c;
    if (cutAt !== t) {
      cutAt = t;
      cuts = new Map();
    }
    let cut = cuts.get(c);
    if (!cut) cuts.set(c, (cut = truncateAt(c, t)));
    return cut;
  };

  /** The long conversations that started on the UTC day d (complete records), in the day's order: start, then id. */
  const longStartedOn = (d: number): SimConversation[] =>
    longConversationsStartingOn(org, d, extraIds)
      .map((c) => ({ c, start: Date.parse(c.conversationStart) }))
      .sort((a, b) => a.start - b.start || (a.c.conversationId < b.c.conversationId ? -1 : 1))
      .map(({ c }) => c);

  /**
   * Conversations as served at t that started on the UTC day d, in start order. `endsFrom`: only those that can end
   * at or after it are wanted (open ones end after t): a day whose next midnight is at or before it is not generated,
   * since only its long conversations outlive that midnight.
   */
  function* startedOn(d: number, t: number, endsFrom = -Infinity): Generator<ServedConversation> {
    if (d > t) return;
    const list = d + DAY_MS <= endsFrom ? longStartedOn(d) : day(d).conversations;
    for (const c of list) {
      const s = served(c, t);
      if (!s) break; // sorted by start: the rest start later still
      yield s;
    }
  }

  /**
   * Conversations as served at t that started on a day [startMs, endMs) touches (with `endsFrom`, see startedOn), or
   * (with `earlier`) that started up to LOOKBACK_DAYS days before and were still open at startMs: every one with a
   * metric emitted in the window.
   */
  function* conversationsSoFar(startMs: number, endMs: number, t = now(), earlier = false, endsFrom = -Infinity): Generator<ServedConversation> {
    const days = utcDaysTouched(startMs, endMs);
    if (earlier && days.length > 0) {
      for (let d = days[0]! - LOOKBACK_DAYS * DAY_MS; d < days[0]!; d += DAY_MS) {
        for (const s of startedOn(d, t, Infinity)) if (s.conversationEnd === undefined || Date.parse(s.conversationEnd) >= startMs) yield s;
      }
    }
    for (const d of days) yield* startedOn(d, t, endsFrom);
  }

  return {
    day,
    longStartedOn,
    startedOn,
    conversationsSoFar,
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
    /** Conversations in progress and agents' statuses at t (default now), from the records and spans served. */
    live(t = now()): LiveState {
      const today = Math.floor(t / DAY_MS) * DAY_MS;
      const open = [...conversationsSoFar(today, t + 1, t, true)].filter((c) => c.conversationEnd === undefined);
      return liveState(open, day(today).statusSpans, t);
    },
  };
}
export type DaySource = ReturnType<typeof createDaySource>;
