import { describe, expect, it } from 'vitest';
import type { ProxyEntry } from './proxy.js';
import { leaksIn, retryAfterViolations } from './support.js';

/** The checkers the reliability suites rely on must be able to fail. */

const entry = (seq: number, arrivedMs: number, over: Partial<ProxyEntry> = {}): ProxyEntry => ({
  seq,
  method: 'POST',
  url: '/api/v2/analytics/conversations/aggregates/query',
  path: '/api/v2/analytics/conversations/aggregates/query',
  bodySha: 'a',
  arrivedMs,
  status: 200,
  relayedMs: arrivedMs + 2,
  outcome: 'relayed',
  ...over,
});
const limited = (seq: number, at: number) => entry(seq, at, { status: 429, retryAfter: '1' });

describe('retryAfterViolations', () => {
  it('accepts a retry 1 s after a Retry-After: 1, and a request already in flight', () => {
    const log = [limited(1, 0), entry(2, 20, { bodySha: 'b' }), entry(3, 1003)];
    expect(retryAfterViolations(log)).toEqual([]);
  });

  it('flags a retry that came too early', () => {
    expect(retryAfterViolations([limited(1, 0), entry(2, 400)])).toEqual([
      '#1 POST /api/v2/analytics/conversations/aggregates/query: retried after 400 ms; Retry-After was 1 s',
    ]);
  });

  it('flags another request sent during the wait, and a 429 never retried', () => {
    const problems = retryAfterViolations([limited(1, 0), entry(2, 500, { bodySha: 'b' })]);
    expect(problems).toEqual([
      '#1 POST /api/v2/analytics/conversations/aggregates/query: 429 never retried',
      '#2 POST /api/v2/analytics/conversations/aggregates/query arrived 500 ms after the 429 of #1 (Retry-After 1 s)',
    ]);
  });

  it('allows 50 ms of clock granularity, no more', () => {
    expect(retryAfterViolations([limited(1, 0), entry(2, 951)])).toEqual([]);
    expect(retryAfterViolations([limited(1, 0), entry(2, 949)])).toHaveLength(1);
  });
});

describe('leaksIn', () => {
  const token = 'cT9kZ0xQbW5vcHFyc3R1dnd4eXo';
  it('finds a secret, or its first 12 characters', () => {
    expect(leaksIn(`Authorization: Bearer ${token}`, [token])).toHaveLength(1);
    expect(leaksIn(`token ${token.slice(0, 12)}…`, [token])).toHaveLength(1);
    expect(leaksIn('Authorization: Bearer [REDACTED]', [token])).toEqual([]);
  });
});
