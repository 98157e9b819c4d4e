import { describe, expect, it } from 'vitest';
import { RETRY_DEFAULTS, decideRetry, retryAfterMs, type RetryInput } from '../../src/api/retry-policy.js';
import { T0 } from './support.js';

const httpDate = (ms: number) => new Date(ms).toUTCString();

const base = (over: Partial<RetryInput>): RetryInput => ({
  attempt: 0,
  waitedForRateLimitMs: 0,
  waitedForBackoffMs: 0,
  nowMs: T0,
  random: () => 0.5,
  ...over,
});

describe('retryAfterMs', () => {
  it.each([
    ['3', 3000],
    [' 7 ', 7000],
    ['1.5', 1500],
    ['0', 0],
    [httpDate(T0 + 5000), 5000],
    [httpDate(T0 - 60_000), 0],
  ])('reads %j as %d ms', (header, ms) => {
    expect(retryAfterMs(header, T0)).toBe(ms);
  });

  it.each([['garbage'], [''], ['-5'], ['12abc'], [undefined]])('gives undefined for %j', (header) => {
    expect(retryAfterMs(header, T0)).toBeUndefined();
  });
});

describe('decideRetry: 429', () => {
  it.each([
    ['3', 3000],
    [httpDate(T0 + 5000), 5000],
    ['300', 120_000], // capped at 2 minutes
  ])('waits exactly what Retry-After %j says: %d ms', (header, delayMs) => {
    expect(decideRetry(base({ status: 429, retryAfterHeader: header }))).toEqual({ retry: true, delayMs, kind: 'rateLimit' });
  });

  it('never jitters the server wait', () => {
    for (const random of [() => 0, () => 0.37, () => 0.999]) {
      expect(decideRetry(base({ status: 429, retryAfterHeader: '3', random }))).toMatchObject({ delayMs: 3000 });
    }
  });

  it.each([['garbage'], [undefined]])('falls back to capped, jittered backoff when Retry-After is %j', (header) => {
    // ceiling 3000·2^n capped at 16000; equal jitter: half the ceiling + random · half
    expect(decideRetry(base({ status: 429, retryAfterHeader: header, random: () => 0 }))).toEqual({ retry: true, delayMs: 1500, kind: 'rateLimit' });
    expect(decideRetry(base({ status: 429, retryAfterHeader: header, random: () => 1 }))).toMatchObject({ delayMs: 3000 });
    expect(decideRetry(base({ status: 429, retryAfterHeader: header, random: () => 1, rateLimitAttempt: 2 }))).toMatchObject({ delayMs: 12_000 });
    expect(decideRetry(base({ status: 429, retryAfterHeader: header, random: () => 1, rateLimitAttempt: 5 }))).toMatchObject({ delayMs: 16_000 });
  });

  it('stops when the next wait would pass 10 minutes of rate-limit waiting in all', () => {
    expect(decideRetry(base({ status: 429, retryAfterHeader: '20', waitedForRateLimitMs: 580_000 }))).toMatchObject({ retry: true, delayMs: 20_000 });
    const d = decideRetry(base({ status: 429, retryAfterHeader: '20', waitedForRateLimitMs: 590_000 }));
    expect(d).toEqual({ retry: false, exhausted: true, reason: 'after 590 s of rate-limit waits (the limit is 600 s in all)' });
  });

  it.each([['0'], ['0.001'], ['0.4'], [httpDate(T0 - 60_000)]])('waits at least 1000 ms when Retry-After %j asks for less', (header) => {
    expect(decideRetry(base({ status: 429, retryAfterHeader: header }))).toEqual({ retry: true, delayMs: 1000, kind: 'rateLimit' });
  });

  it('gives up a request after its 20th rate-limited retry, even with time budget left', () => {
    expect(decideRetry(base({ status: 429, retryAfterHeader: '1', rateLimitAttempt: 19 }))).toEqual({ retry: true, delayMs: 1000, kind: 'rateLimit' });
    expect(decideRetry(base({ status: 429, retryAfterHeader: '1', rateLimitAttempt: 20, waitedForRateLimitMs: 20_000 }))).toEqual({
      retry: false,
      exhausted: true,
      reason: 'after 20 rate-limited retries of this request',
    });
  });

  it('does not count 429s against the 5xx retry count', () => {
    expect(decideRetry(base({ status: 429, retryAfterHeader: '1', attempt: 4 }))).toMatchObject({ retry: true, delayMs: 1000 });
  });
});

describe('decideRetry: 5xx and network errors', () => {
  it.each([500, 502, 503, 504])('%d backs off 1–2 s, 2–4 s, 4–8 s, 8–16 s, then gives up', (status) => {
    const low = [0, 1, 2, 3].map((attempt) => decideRetry(base({ status, attempt, random: () => 0 })));
    const high = [0, 1, 2, 3].map((attempt) => decideRetry(base({ status, attempt, random: () => 1 })));
    expect(low.map((d) => (d.retry ? d.delayMs : -1))).toEqual([1000, 2000, 4000, 8000]);
    expect(high.map((d) => (d.retry ? d.delayMs : -1))).toEqual([2000, 4000, 8000, 16_000]);
    expect(high.every((d) => d.retry && d.kind === 'backoff')).toBe(true);
    expect(decideRetry(base({ status, attempt: 4 }))).toEqual({ retry: false, exhausted: true, reason: 'after 4 retries' });
  });

  it('jitter lands between half the ceiling and the ceiling', () => {
    expect(decideRetry(base({ status: 503, attempt: 1, random: () => 0.25 }))).toMatchObject({ delayMs: 2500 });
  });

  it('keeps all backoff within the 30 s budget', () => {
    expect(decideRetry(base({ status: 503, attempt: 3, random: () => 1, waitedForBackoffMs: 25_000 }))).toMatchObject({ retry: true, delayMs: 5000 });
    expect(decideRetry(base({ status: 503, attempt: 2, waitedForBackoffMs: 30_000 }))).toMatchObject({ retry: false, exhausted: true });
    // the worst case of four full waits is exactly the budget
    expect(2000 + 4000 + 8000 + 16_000).toBe(RETRY_DEFAULTS.backoffBudgetMs);
  });

  it.each([400, 401, 403, 404, 409, 501])('%d is not retried', (status) => {
    expect(decideRetry(base({ status }))).toEqual({ retry: false, exhausted: false, reason: `status ${status} is not retried` });
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'socket hang up'])('network error %s is retried with backoff', (networkError) => {
    expect(decideRetry(base({ networkError, random: () => 0 }))).toEqual({ retry: true, delayMs: 1000, kind: 'backoff' });
  });

  it.each(['ECONNREFUSED', 'ENOTFOUND'])('network error %s is not retried', (networkError) => {
    expect(decideRetry(base({ networkError }))).toMatchObject({ retry: false, exhausted: false });
  });

  it('honours a custom policy', () => {
    const policy = { ...RETRY_DEFAULTS, maxRetries: 1, retryStatuses: [503] };
    expect(decideRetry(base({ status: 500 }), policy)).toMatchObject({ retry: false });
    expect(decideRetry(base({ status: 503, attempt: 1 }), policy)).toMatchObject({ retry: false, reason: 'after 1 retry' });
  });
});
