import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/http.js';
import {
  PACER_DEFAULTS,
  decidePace,
  initialPacerState,
  observeRateLimitHeaders,
  observeRateLimited,
  type PacerState,
} from '../../src/api/rate-pacer.js';
import { retryAfterMs } from '../../src/api/retry-policy.js';
import { UserListing } from '../../src/api/schemas.js';
import { T0, collectingLogger, fakeClock, stubTokens } from './support.js';

const rl = (allowed: number, count: number, reset: number) => ({
  'inin-ratelimit-allowed': String(allowed),
  'inin-ratelimit-count': String(count),
  'inin-ratelimit-reset': String(reset),
});

/** Reserve `n` slots at the same instant and return their delays. */
const SPREAD = { lowFraction: 0.1 };

function delays(state: PacerState, now: number, n: number, opts = SPREAD): number[] {
  const out: number[] = [];
  let s = state;
  for (let i = 0; i < n; i++) {
    const d = decidePace(s, now, opts);
    out.push(d.delayMs);
    s = d.state;
  }
  return out;
}

describe('rate pacer (pure)', () => {
  it('does not delay while nothing is known or plenty is left', () => {
    expect(delays(initialPacerState(), T0, 3)).toEqual([0, 0, 0]);
    const s = observeRateLimitHeaders(initialPacerState(), rl(300, 100, 30), T0);
    expect(delays(s, T0, 5)).toEqual([0, 0, 0, 0, 0]);
  });

  it('by default, goes at full speed until the window is spent', () => {
    const s = observeRateLimitHeaders(initialPacerState(), rl(300, 297, 30), T0);
    expect(delays(s, T0, 4, PACER_DEFAULTS)).toEqual([0, 0, 0, 30_000]);
  });

  it('spreading: count=290 of 300 with 30 s to reset, the last 10 go out 3 s apart', () => {
    const s = observeRateLimitHeaders(initialPacerState(), rl(300, 290, 30), T0);
    expect(s).toMatchObject({ allowed: 300, remaining: 10, resetAtMs: T0 + 30_000 });
    expect(delays(s, T0, 10)).toEqual([0, 3000, 6000, 9000, 12_000, 15_000, 18_000, 21_000, 24_000, 27_000]);
  });

  it('a spent window waits for its reset, then the new window is free', () => {
    const s = observeRateLimitHeaders(initialPacerState(), rl(300, 300, 12), T0);
    const d = decidePace(s, T0);
    expect(d.delayMs).toBe(12_000);
    expect(d.reason).toMatch(/window spent/);
    expect(decidePace(d.state, T0 + 12_000).delayMs).toBe(0);
  });

  it('a 429 holds everyone back until its Retry-After', () => {
    const s = observeRateLimited(initialPacerState(), 5000, T0);
    expect(decidePace(s, T0 + 1000).delayMs).toBe(4000);
  });

  it('ignores missing or garbage headers', () => {
    const s = observeRateLimitHeaders(initialPacerState(), { 'inin-ratelimit-allowed': '300', 'inin-ratelimit-count': 'x', 'inin-ratelimit-reset': '5' }, T0);
    expect(s).toEqual(initialPacerState());
  });

  it('within one window, keeps the lower of its own count and the server’s', () => {
    let s = observeRateLimitHeaders(initialPacerState(), rl(300, 280, 30), T0);
    for (let i = 0; i < 5; i++) s = decidePace(s, T0).state; // 5 started: 15 left locally
    // an older response still says 282: our own count (15 left) is the truer one
    s = observeRateLimitHeaders(s, rl(300, 282, 30), T0 + 100);
    expect(s.remaining).toBe(15);
    // a new window (reset much later) replaces it
    s = observeRateLimitHeaders(s, rl(300, 3, 60), T0 + 31_000);
    expect(s.remaining).toBe(297);
  });
});

/**
 * A discrete-event run against a server with fixed 60 s windows of 300 requests (the Genesys per-token limit):
 * four workers, 200 ms per request, 429 with Retry-After when the window is spent. Pure: no sockets, no timers.
 * Events (a worker ready to start, a request reaching the server, a response arriving) run in time order.
 */
function simulate(total: number, opts: { otherUsePerWindow?: number; lowFraction?: number } = {}) {
  const WINDOW = 60_000;
  const LIMIT = 300;
  const LATENCY = 200;
  type Event =
    | { at: number; kind: 'ready'; retry: boolean }
    | { at: number; kind: 'send' }
    | { at: number; kind: 'response'; ok: boolean; count: number; resetS: number };
  const queue: Event[] = Array.from({ length: 4 }, () => ({ at: 0, kind: 'ready' as const, retry: false }));
  const used = new Map<number, number>();
  let state = initialPacerState();
  let started = 0;
  let done = 0;
  let rateLimited = 0;
  let finish = 0;
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at);
    const ev = queue.shift()!;
    if (ev.kind === 'ready') {
      if (!ev.retry && started >= total) continue;
      if (!ev.retry) started++;
      const pace = decidePace(state, ev.at, { lowFraction: opts.lowFraction ?? 0 });
      state = pace.state;
      queue.push({ at: ev.at + pace.delayMs, kind: 'send' });
    } else if (ev.kind === 'send') {
      const win = Math.floor(ev.at / WINDOW);
      const count = (used.get(win) ?? 0) + (opts.otherUsePerWindow ?? 0);
      const resetS = Math.ceil(((win + 1) * WINDOW - ev.at) / 1000);
      if (count < LIMIT) used.set(win, (used.get(win) ?? 0) + 1);
      queue.push({ at: ev.at + LATENCY, kind: 'response', ok: count < LIMIT, count: count + 1, resetS });
    } else if (ev.ok) {
      state = observeRateLimitHeaders(state, rl(LIMIT, ev.count, ev.resetS), ev.at);
      done++;
      finish = ev.at;
      queue.push({ at: ev.at, kind: 'ready', retry: false });
    } else {
      rateLimited++;
      const wait = retryAfterMs(String(ev.resetS), ev.at)!;
      state = observeRateLimited(state, wait, ev.at);
      queue.push({ at: ev.at + wait, kind: 'ready', retry: true });
    }
  }
  expect(done).toBe(total);
  return { rateLimited, finishS: finish / 1000 };
}

describe('rate pacer: a run that needs twice the per-minute limit (600 requests, 300 a minute)', () => {
  // The floor: 300 in the first window, then the second 300 from 60 s at 4 × 200 ms → 75 s.
  it('meets no 429s and finishes near the 75 s floor', () => {
    const r = simulate(600);
    expect(r.rateLimited).toBe(0);
    expect(r.finishS).toBeGreaterThanOrEqual(75);
    expect(r.finishS).toBeLessThanOrEqual(77);
  });

  it('with someone else using 40 of each window, still meets no 429s (the server count wins)', () => {
    const r = simulate(600, { otherUsePerWindow: 40 });
    expect(r.rateLimited).toBe(0);
    expect(r.finishS).toBeGreaterThan(120); // 600 at 260 a minute needs a third window
    expect(r.finishS).toBeLessThanOrEqual(126);
  });

  it('even spreading (lowFraction 0.1) also avoids 429s but ends later, near the 2-minute rate floor', () => {
    const r = simulate(600, { lowFraction: 0.1 });
    expect(r.rateLimited).toBe(0);
    expect(r.finishS).toBeGreaterThan(100);
    expect(r.finishS).toBeLessThanOrEqual(120);
    expect(simulate(600, { lowFraction: 0.1, otherUsePerWindow: 40 }).rateLimited).toBeLessThanOrEqual(5);
  });
});

describe('rate pacer in the client', () => {
  const API = 'https://api.test.example';
  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.enableNetConnect());

  it('by default, waits for the reset once a response says the window is spent', async () => {
    const clock = fakeClock();
    const client = createApiClient({ apiUrl: API, tokens: stubTokens(), clock, logger: collectingLogger().logger });
    nock(API)
      .get('/api/v2/users').reply(200, { entities: [] }, { 'Content-Type': 'application/json', ...rl(300, 299, 12) })
      .get('/api/v2/users').times(2).reply(200, { entities: [] }, { 'Content-Type': 'application/json' });
    for (let i = 0; i < 3; i++) await client.request('GET', '/api/v2/users', { schema: UserListing });
    expect(clock.sleeps).toEqual([12_000]);
  });

  it('with spreading on, spreads the next requests after a response says 290 of 300 are used, 30 s to reset', async () => {
    const clock = fakeClock();
    const log = collectingLogger();
    const client = createApiClient({ apiUrl: API, tokens: stubTokens(), clock, logger: log.logger, pacing: SPREAD });
    nock(API)
      .get('/api/v2/users').reply(200, { entities: [] }, { 'Content-Type': 'application/json', ...rl(300, 290, 30) })
      .get('/api/v2/users').times(3).reply(200, { entities: [] }, { 'Content-Type': 'application/json' });
    await client.request('GET', '/api/v2/users', { schema: UserListing });
    await Promise.all([1, 2, 3].map(() => client.request('GET', '/api/v2/users', { schema: UserListing })));
    // 10 left for 30 s: one every 3 s, so starts at +0, +3 s, +6 s. The fake clock jumps on each sleep, so the
    // third request, deciding after the second's jump, waits the remaining 3 s.
    expect(clock.sleeps).toEqual([3000, 3000]);
    expect(clock.now() - T0).toBe(6000);
    expect(log.lines.filter((l) => l.includes('pacing: 9 of 300 requests left'))).toHaveLength(1);
  });
});
