export interface RateState {
  allowed: number;
  count: number;
  /** Whole seconds until the window resets (≥ 1 while a window is open). */
  resetS: number;
  limited: boolean;
}

const WINDOW_MS = 60_000;

/**
 * Per-token fixed 60-second windows, like `client.credentials.token.rate.per.minute`: a window opens at the
 * token's first request and every request in it counts, including the ones answered 429.
 */
export function createRateLimiter(opts: { limit: number; now: () => number }) {
  const windows = new Map<string, { startMs: number; count: number }>();

  const state = (w: { startMs: number; count: number }, now: number): RateState => ({
    allowed: opts.limit,
    count: w.count,
    resetS: Math.max(1, Math.ceil((w.startMs + WINDOW_MS - now) / 1000)),
    limited: w.count > opts.limit,
  });
  /** The key's open window, or a fresh empty one (not stored) when it has none. */
  const open = (key: string | undefined, now: number) => {
    const w = key === undefined ? undefined : windows.get(key);
    return w && now < w.startMs + WINDOW_MS ? w : { startMs: now, count: 0 };
  };

  return {
    hit(key: string): RateState {
      const now = opts.now();
      const w = open(key, now);
      w.count += 1;
      windows.set(key, w);
      return state(w, now);
    },
    /** The window as it stands, for answers that do not count (unauthenticated, injected faults). */
    peek(key: string | undefined): RateState {
      const now = opts.now();
      return state(open(key, now), now);
    },
  };
}
export type RateLimiter = ReturnType<typeof createRateLimiter>;

export function rateLimitHeaders(s: RateState): Record<string, string> {
  return {
    'inin-ratelimit-allowed': String(s.allowed),
    'inin-ratelimit-count': String(s.count),
    'inin-ratelimit-reset': String(s.resetS),
  };
}
