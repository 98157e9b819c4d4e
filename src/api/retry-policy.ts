/**
 * When to retry a Genesys request and how long to wait: pure functions over one defaults object, so the loop in
 * http.ts only asks and sleeps, and tests assert exact waits. Defaults follow the CLI contract's Retries section.
 */

export const RETRY_DEFAULTS = {
  /** Server errors worth another try. 501 (not implemented) never heals, so it is not here. */
  retryStatuses: [500, 502, 503, 504] as readonly number[],
  /** Connection resets and timeouts (axios error codes, or the message when Node gives no code). */
  retryNetworkErrors: ['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'socket hang up'] as readonly string[],
  /** Retries for 5xx and network errors (429s have their own, time-based budget). */
  maxRetries: 4,
  /** Retry n waits between base·2^(n−1) and base·2^n (equal jitter): 1–2 s, 2–4 s, 4–8 s, 8–16 s. */
  backoffBaseMs: 1000,
  backoffMaxMs: 16_000,
  /** All 5xx/network waits of one request together: 2+4+8+16 = 30 s at most. */
  backoffBudgetMs: 30_000,
  /** Each 429 wait is what Retry-After says, capped here. */
  retryAfterCapMs: 120_000,
  /** All 429 waits of the run together. */
  rateLimitBudgetMs: 600_000,
  /**
   * The shortest 429 wait, whatever Retry-After says. Genesys sends whole seconds, and a "0", "0.001" or past date
   * would otherwise retry at once forever: a 0 ms wait never uses up the time budget. 1 s is Genesys' own
   * granularity (its ODE client waits the reset + 1 s) and bounds a hostile server to one retry a second.
   */
  rateLimitFloorMs: 1000,
  /**
   * 429 retries of one request. The Genesys CLI gives up after 20 (RetryMax in platform-client-sdk-cli
   * build/gc/retry/retry.go; docs/genesys-api.md); with the 1 s floor a
   * server that always answers 429 costs one request at most ~20 s, never an endless run.
   */
  maxRateLimitRetries: 20,
  /** A 429 without a usable Retry-After backs off from this (3 s, as the .NET SDK), doubling, capped at backoffMaxMs. */
  fallbackRetryAfterMs: 3000,
  requestTimeoutMs: 30_000,
};
export type RetryPolicy = typeof RETRY_DEFAULTS;

/** Retry-After as milliseconds: delay-seconds or an HTTP-date. A past date is 0; anything else is undefined. */
export function retryAfterMs(headerValue: string | undefined, nowMs: number): number | undefined {
  if (headerValue === undefined) return undefined;
  const value = headerValue.trim();
  if (value === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.round(Number(value) * 1000);
  // A date needs letters (a day or month name); this keeps "-5" or "12abc" from parsing as odd years.
  if (!/[a-z]{3}/i.test(value)) return undefined;
  const at = Date.parse(value);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

export interface RetryInput {
  /** Status of the failed attempt; absent for a network error. */
  status?: number;
  /** axios error code (ECONNRESET…) or message for a network error. */
  networkError?: string;
  /** 5xx/network retries already made for this request (0 on its first failure). */
  attempt: number;
  /** 429 retries already made for this request: capped, and shapes the fallback backoff when Retry-After is missing. */
  rateLimitAttempt?: number;
  retryAfterHeader?: string | undefined;
  waitedForRateLimitMs: number;
  waitedForBackoffMs: number;
  nowMs: number;
  random: () => number;
}

export type RetryDecision =
  /** `exhausted`: the failure was retryable but a count or time budget ran out (the reason says which). */
  | { retry: false; reason: string; exhausted: boolean }
  | { retry: true; delayMs: number; kind: 'rateLimit' | 'backoff' };

/** Equal jitter: half the ceiling for sure, the other half random, so waits never collapse to zero. */
function jittered(ceilingMs: number, random: () => number): number {
  const half = ceilingMs / 2;
  return Math.round(half + random() * half);
}

const retries = (n: number) => `${n} ${n === 1 ? 'retry' : 'retries'}`;

export function decideRetry(input: RetryInput, policy: RetryPolicy = RETRY_DEFAULTS): RetryDecision {
  const { status, networkError } = input;
  if (status === 429) return decideRateLimit(input, policy);

  const retryable =
    status !== undefined
      ? policy.retryStatuses.includes(status)
      : networkError !== undefined && policy.retryNetworkErrors.some((e) => networkError.includes(e));
  if (!retryable) {
    const reason = status !== undefined ? `status ${status} is not retried` : `${networkError ?? 'this error'} is not retried`;
    return { retry: false, reason, exhausted: false };
  }
  if (input.attempt >= policy.maxRetries) {
    return { retry: false, reason: `after ${retries(policy.maxRetries)}`, exhausted: true };
  }
  const ceiling = Math.min(policy.backoffMaxMs, policy.backoffBaseMs * 2 ** (input.attempt + 1));
  const left = policy.backoffBudgetMs - input.waitedForBackoffMs;
  const delayMs = Math.min(jittered(ceiling, input.random), left);
  if (delayMs <= 0) {
    return {
      retry: false,
      reason: `after ${retries(input.attempt)} (${policy.backoffBudgetMs / 1000} s of backoff)`,
      exhausted: true,
    };
  }
  return { retry: true, delayMs, kind: 'backoff' };
}

function decideRateLimit(input: RetryInput, policy: RetryPolicy): RetryDecision {
  if ((input.rateLimitAttempt ?? 0) >= policy.maxRateLimitRetries) {
    return { retry: false, reason: `after ${policy.maxRateLimitRetries} rate-limited retries of this request`, exhausted: true };
  }
  const fromHeader = retryAfterMs(input.retryAfterHeader, input.nowMs);
  // The server's own wait is honoured exactly (no jitter), only floored and capped; a garbage header falls back to backoff.
  const delayMs =
    fromHeader !== undefined
      ? Math.min(Math.max(fromHeader, policy.rateLimitFloorMs), policy.retryAfterCapMs)
      : jittered(
          Math.min(policy.backoffMaxMs, policy.fallbackRetryAfterMs * 2 ** (input.rateLimitAttempt ?? 0)),
          input.random,
        );
  if (input.waitedForRateLimitMs + delayMs > policy.rateLimitBudgetMs) {
    const waitedS = Math.round(input.waitedForRateLimitMs / 1000);
    return {
      retry: false,
      reason: `after ${waitedS} s of rate-limit waits (the limit is ${policy.rateLimitBudgetMs / 1000} s in all)`,
      exhausted: true,
    };
  }
  return { retry: true, delayMs, kind: 'rateLimit' };
}
