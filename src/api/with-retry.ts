/**
 * The one retry loop: run an attempt, ask the pure decideRetry what to do with its failure, wait (interruptibly),
 * try again. The API client and the OAuth token fetch both use it; each says how to send and how to fail.
 */
import { pause, type Clock } from '../clock.js';
import { decideRetry, retryAfterMs, type RetryPolicy } from './retry-policy.js';

/** A failed attempt that decideRetry may retry: a status (with its Retry-After) or a network error code. */
export interface RetryableFailure {
  status?: number | undefined;
  networkError?: string | undefined;
  retryAfterHeader?: string | undefined;
  /** For messages: "503 service.unavailable", "400 bad.request: …", or the network error's message. */
  failure: string;
}

export type AttemptResult<T> = { ok: true; value: T } | { ok: false; failure: RetryableFailure };

/** 429 waits counted across every request that shares it (one per run: the contract's budget is per run). */
export interface RateLimitBudget {
  waitedMs: number;
}

export interface RetryLoop<F extends RetryableFailure> {
  clock: Clock;
  signal?: AbortSignal | undefined;
  policy: RetryPolicy;
  random: () => number;
  budget?: RateLimitBudget | undefined;
  /** Says what is about to happen (a debug line) and lets the caller react (the pacer holds everyone back on a 429). */
  onWait?: (wait: { kind: 'rateLimit' | 'backoff'; delayMs: number; retry: number; failure: F; note: string }) => void;
  /** A short line for a person watching (the progress line): what failed and how long the wait is. */
  onPause?: ((note: string) => void) | undefined;
  /** The error to throw when no retry is left; `exhausted` names the budget that ran out. */
  giveUp: (failure: F, exhausted: string | undefined) => Error;
}

export async function withRetry<T, F extends RetryableFailure>(
  attempt: () => Promise<{ ok: true; value: T } | { ok: false; failure: F }>,
  loop: RetryLoop<F>,
): Promise<T> {
  const { clock, policy } = loop;
  const budget = loop.budget ?? { waitedMs: 0 };
  let backoffRetries = 0;
  let rateLimitRetries = 0;
  let waitedForBackoffMs = 0;
  for (;;) {
    const result = await attempt();
    if (result.ok) return result.value;
    const failure = result.failure;
    const decision = decideRetry(
      {
        ...(failure.status !== undefined ? { status: failure.status } : { networkError: failure.networkError ?? failure.failure }),
        attempt: backoffRetries,
        rateLimitAttempt: rateLimitRetries,
        retryAfterHeader: failure.retryAfterHeader,
        waitedForRateLimitMs: budget.waitedMs,
        waitedForBackoffMs,
        nowMs: clock.now(),
        random: loop.random,
      },
      policy,
    );
    if (!decision.retry) throw loop.giveUp(failure, decision.exhausted ? decision.reason : undefined);
    let note: string;
    if (decision.kind === 'rateLimit') {
      rateLimitRetries++;
      budget.waitedMs += decision.delayMs;
      const source = retryAfterMs(failure.retryAfterHeader, clock.now()) !== undefined ? 'as Retry-After says' : 'no usable Retry-After';
      note = `rate limited (429); waiting ${decision.delayMs} ms (${source}) before retry`;
    } else {
      backoffRetries++;
      waitedForBackoffMs += decision.delayMs;
      note = `${failure.failure}; waiting ${decision.delayMs} ms before retry ${backoffRetries} of ${policy.maxRetries}`;
    }
    loop.onWait?.({ kind: decision.kind, delayMs: decision.delayMs, retry: rateLimitRetries + backoffRetries, failure, note });
    loop.onPause?.(waitNote(decision.kind, decision.delayMs, failure));
    await pause(clock, decision.delayMs, loop.signal);
  }
}

/** "rate limited: waiting 12 s", "503: retrying in 2 s". */
export function waitNote(kind: 'rateLimit' | 'backoff', delayMs: number, failure: { status?: number | undefined; networkError?: string | undefined }): string {
  const seconds = Math.max(1, Math.round(delayMs / 1000));
  if (kind === 'rateLimit') return `rate limited: waiting ${seconds} s`;
  return `${failure.status ?? failure.networkError ?? 'failed'}: retrying in ${seconds} s`;
}
