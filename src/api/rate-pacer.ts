/**
 * Rate-limit pacing from Genesys's own headers (`inin-ratelimit-allowed`, `-count`, `-reset`, seen on every
 * response). Requests we start are counted locally at once (the server only counts them when they arrive), so
 * the budget is known even with several in flight. By default requests go out at full speed until the window is
 * spent and the next one waits for the reset: against a fixed window this meets no 429s and finishes at the floor
 * (see the simulation in test/api/rate-pacer.test.ts). With `lowFraction` > 0, the last part of the window is
 * instead spread evenly until the reset, a hedge if the server's window ever proves to slide.
 * Pure: the caller keeps the state and passes the clock's time.
 */

export interface PacerState {
  allowed?: number;
  /** Requests left in the window: the server's count, less the requests started since we last heard. */
  remaining?: number;
  /** When the window resets (epoch ms). */
  resetAtMs?: number;
  /** Earliest start for the next paced request. */
  nextSlotMs: number;
  /** No request starts before this (epoch ms): set by a 429's Retry-After, never by the headers. */
  holdUntilMs?: number;
}

export interface PacerOptions {
  /** Spread requests evenly once this fraction of the window is left (0.1 of 300 = the last 30); 0 = never. */
  lowFraction: number;
}
export const PACER_DEFAULTS: PacerOptions = { lowFraction: 0 };

export function initialPacerState(): PacerState {
  return { nextSlotMs: 0 };
}

const toInt = (v: string | undefined) => (v !== undefined && /^\s*\d+\s*$/.test(v) ? Number(v) : undefined);

/** Headers as lower-case names. Absent or garbage headers leave the state as it was. */
export function observeRateLimitHeaders(
  state: PacerState,
  headers: Record<string, string | undefined>,
  nowMs: number,
): PacerState {
  const allowed = toInt(headers['inin-ratelimit-allowed']);
  const count = toInt(headers['inin-ratelimit-count']);
  const reset = toInt(headers['inin-ratelimit-reset']);
  if (allowed === undefined || count === undefined || reset === undefined) return state;
  const resetAtMs = nowMs + reset * 1000;
  const serverRemaining = Math.max(0, allowed - count);
  // Same window (reset within 2 s of what we knew; headers are whole seconds): our local count may already
  // include requests the server has not answered yet, so keep the lower of the two. A later reset: a new window.
  const sameWindow = state.resetAtMs !== undefined && Math.abs(resetAtMs - state.resetAtMs) <= 2000;
  const remaining =
    sameWindow && state.remaining !== undefined ? Math.min(state.remaining, serverRemaining) : serverRemaining;
  return { ...state, allowed, remaining, resetAtMs };
}

/**
 * A 429: nobody starts before its Retry-After is over, and no longer than that either (the contract: wait what
 * Retry-After says). The hold is its own field because the headers of the next response rewrite the window; the
 * budget is unknown until they arrive.
 */
export function observeRateLimited(state: PacerState, waitMs: number, nowMs: number): PacerState {
  return { ...state, remaining: undefined, holdUntilMs: Math.max(state.holdUntilMs ?? 0, nowMs + waitMs) };
}

export interface PaceDecision {
  delayMs: number;
  state: PacerState;
  /** Why we wait, for --verbose; absent when delayMs is 0. */
  reason?: string;
}

/** Reserve a start time for one new request. */
export function decidePace(state: PacerState, nowMs: number, opts: PacerOptions = PACER_DEFAULTS): PaceDecision {
  if (state.holdUntilMs !== undefined && nowMs < state.holdUntilMs) {
    const delayMs = state.holdUntilMs - nowMs;
    return { delayMs, state, reason: `rate limited: waiting ${delayMs} ms more, as Retry-After asked` };
  }
  const { allowed, remaining, resetAtMs } = state;
  if (resetAtMs === undefined || nowMs >= resetAtMs) {
    // Nothing known, or the window has rolled over: the new window's budget is unknown but fresh.
    return { delayMs: 0, state: { ...state, remaining: undefined, resetAtMs: undefined } };
  }
  if (remaining !== undefined && remaining <= 0) {
    const delayMs = resetAtMs - nowMs;
    return {
      delayMs,
      state: { ...state, nextSlotMs: resetAtMs },
      reason: `rate-limit window spent; waiting ${delayMs} ms for it to reset`,
    };
  }
  if (allowed === undefined || remaining === undefined) return { delayMs: 0, state };
  if (remaining > Math.floor(allowed * opts.lowFraction)) {
    return { delayMs: 0, state: { ...state, remaining: remaining - 1 } };
  }
  const slot = Math.max(nowMs, state.nextSlotMs);
  const interval = Math.max(0, (resetAtMs - slot) / remaining);
  const delayMs = Math.round(slot - nowMs);
  return {
    delayMs,
    state: { ...state, remaining: remaining - 1, nextSlotMs: slot + interval },
    ...(delayMs > 0
      ? { reason: `pacing: ${remaining} of ${allowed} requests left until the rate-limit window resets in ${Math.round((resetAtMs - nowMs) / 1000)} s` }
      : {}),
  };
}
