/**
 * streamAggregates against a real local server (port 0): the body arrives in pieces, an attempt cut off in the
 * middle of its body is retried from the start with a fresh state (nothing counted twice), and a body that is not
 * what the API sends fails as the whole-body path fails (exit 4, naming where).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { streamAggregates, type AggregatesFold } from '../../src/api/analytics.js';
import { createApiClient, type ResponseInfo } from '../../src/api/http.js';
import { RETRY_DEFAULTS } from '../../src/api/retry-policy.js';
import type { UsableAggregates } from '../../src/api/usable-records.js';
import { ApiError } from '../../src/errors.js';
import { Skipped } from '../../src/skipped.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

type Answer = (res: http.ServerResponse, attempt: number) => void;

async function serve(answer: Answer): Promise<{ url: string; attempts: () => number }> {
  let attempts = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => answer(res, ++attempts));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, attempts: () => attempts };
}

const point = (sum: number, interval = '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z') => ({ interval, metrics: [{ metric: 'tHandle', stats: { count: 1, sum } }] });
const BODY = JSON.stringify({
  results: Array.from({ length: 300 }, (_, i) => ({ group: { userId: `user-${i}` }, data: [point(i * 1000), point(1, '2026-11-20T10:00:00.000Z/2026-11-20T10:30:00.000Z')] })),
});

/** Handle-time sums per user, and how many states were started. */
function sums() {
  let started = 0;
  const fold: AggregatesFold<Map<string, number>> = {
    start: () => (started++, new Map()),
    add: (state, response: UsableAggregates) => {
      for (const r of response.results) for (const p of r.data) state.set(r.group.userId!, (state.get(r.group.userId!) ?? 0) + p.metrics[0]!.stats.sum!);
    },
  };
  return { fold, started: () => started };
}

const policy = { ...RETRY_DEFAULTS, requestTimeoutMs: 5000, maxRetries: 2 };
const clientOf = (url: string, seen: ResponseInfo[] = []) =>
  createApiClient({ apiUrl: url, tokens: stubTokens(), clock: fakeClock(), logger: collectingLogger().logger, policy, random: () => 0, onResponse: (i) => seen.push(i) });

describe('streamAggregates', () => {
  it('folds a body sent in 1 kB pieces; the byte count is the body\'s', async () => {
    const server = await serve((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      for (let i = 0; i < BODY.length; i += 1000) res.write(BODY.slice(i, i + 1000));
      res.end();
    });
    const seen: ResponseInfo[] = [];
    const { fold } = sums();
    const state = await streamAggregates(clientOf(server.url, seen), 'conversations', { interval: 'x', metrics: ['tHandle'] }, fold);
    expect(state.size).toBe(300);
    expect(state.get('user-299')).toBe(299_001);
    expect(seen).toEqual([{ method: 'POST', path: '/api/v2/analytics/conversations/aggregates/query', status: 200, bytes: Buffer.byteLength(BODY) }]);
  });

  it('an attempt cut off mid-body is retried with a fresh state: every sum counted once', async () => {
    const server = await serve((res, attempt) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      if (attempt === 1) {
        res.write(BODY.slice(0, BODY.length / 2));
        setTimeout(() => res.destroy(), 50);
      } else res.end(BODY);
    });
    const { fold, started } = sums();
    const state = await streamAggregates(clientOf(server.url), 'conversations', { interval: 'x', metrics: ['tHandle'] }, fold);
    expect(server.attempts()).toBe(2);
    expect(started()).toBe(2);
    expect(state.get('user-0')).toBe(1);
    expect(state.get('user-100')).toBe(100_001);
  });

  it.each([
    ['{"results":[{"group":{"userId":"a"},"data":[]},{"group":{},"data":"none"}]}', 'application/json', 'response does not match the API schema at results[1].data: expected array, got string'],
    ['{"results":[{"group":{"userId":"a"},"data":[]}', 'application/json', 'returned a truncated or malformed JSON body'],
    ['{"results":7}', 'application/json', 'response does not match the API schema at results: expected array, got number'],
    ['<html>busy</html>', 'text/html', 'returned text/html, not JSON'],
  ])('%s (%s): exit 4, %s, not retried', async (body, type, message) => {
    const server = await serve((res) => {
      res.writeHead(200, { 'Content-Type': type });
      res.end(body);
    });
    const { fold } = sums();
    const err = (await streamAggregates(clientOf(server.url), 'conversations', { interval: 'x', metrics: ['tHandle'] }, fold).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe(`POST /api/v2/analytics/conversations/aggregates/query ${message}`);
    expect(server.attempts()).toBe(1);
  });

  it('skips and counts a point without an interval, as the whole-body path does', async () => {
    const server = await serve((res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ results: [{ group: { userId: 'a' }, data: [point(5), { metrics: [] }] }] }));
    });
    const skipped = new Skipped();
    const { fold } = sums();
    const state = await streamAggregates(clientOf(server.url), 'users', { interval: 'x', metrics: ['tAgentRoutingStatus'] }, fold, skipped);
    expect(state.get('a')).toBe(5);
    expect(skipped.count('pointInterval')).toBe(1);
  });
});
