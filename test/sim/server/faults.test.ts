import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../../src/sim/index.js';
import { openSim, requestToken, type Harness } from './sim-harness.js';

const JOBS = '/api/v2/analytics/conversations/details/jobs';
let h: Harness;
afterEach(() => h?.close());

/** Three /api/v2 requests after a token: the fault is planned for the 2nd; the 1st and 3rd must be normal. */
async function aroundFault(faults: string, path = '/api/v2/users') {
  h = await openSim({ faults });
  const token = await h.token();
  const first = await h.call('GET', path, { token });
  const faulted = await h.call('GET', path, { token });
  const third = await h.call('GET', path, { token });
  expect(first.status).toBe(200);
  expect(third.status).toBe(200);
  return { faulted, third, log: h.sim.requests() };
}

describe('fault kinds fire at the configured API request number', () => {
  it('429 with Retry-After and the real body', async () => {
    const { faulted, log } = await aroundFault('at=2:429,retryAfter=2');
    expect(faulted.status).toBe(429);
    expect(faulted.headers.get('retry-after')).toBe('2');
    expect(faulted.json).toMatchObject({ code: 'too.many.requests.retry.after', message: 'Rate limit exceeded the maximum. Retry the request in [2] seconds' });
    expect(log.map((e) => [e.path, e.status, e.fault])).toEqual([
      ['/oauth/token', 200, undefined],
      ['/api/v2/users', 200, undefined],
      ['/api/v2/users', 429, '429'],
      ['/api/v2/users', 200, undefined],
    ]);
    expect(log[2]).toMatchObject({ retryAfterS: 2, tokenId: 't1' });
  });

  it.each([
    ['500', 'internal.server.error'],
    ['503', 'service.unavailable'],
    ['504', 'request.timeout'],
  ])('%s with the platform error body', async (kind, code) => {
    const { faulted } = await aroundFault(`at=2:${kind}`);
    expect(faulted.status).toBe(Number(kind));
    expect(faulted.json).toMatchObject({ code, status: Number(kind), details: [], errors: [] });
    expect(faulted.json.contextId).toBe(faulted.headers.get('inin-correlation-id'));
  });

  it('502 as an HTML proxy page', async () => {
    const { faulted } = await aroundFault('at=2:502');
    expect(faulted.status).toBe(502);
    expect(faulted.headers.get('content-type')).toMatch(/^text\/html/);
    expect(faulted.text).toContain('<title>502 Bad Gateway</title>');
  });

  it('html: a 200 that is an HTML page', async () => {
    const { faulted } = await aroundFault('at=2:html');
    expect(faulted.status).toBe(200);
    expect(faulted.headers.get('content-type')).toMatch(/^text\/html/);
    expect(faulted.json).toBeUndefined();
  });

  it('truncated: a 200 JSON body cut half-way', async () => {
    const { faulted, third } = await aroundFault('at=2:truncated');
    expect(faulted.status).toBe(200);
    expect(faulted.headers.get('content-type')).toBe('application/json');
    expect(() => JSON.parse(faulted.text)).toThrow();
    expect(faulted.text.length).toBe(Math.floor(third.text.length / 2));
    expect(third.text.startsWith(faulted.text)).toBe(true);
  });

  it('reset: the connection is destroyed without a response', async () => {
    h = await openSim({ faults: 'at=1:reset' });
    await expect(h.call('GET', '/api/v2/users')).rejects.toThrow();
    expect((await h.call('GET', '/api/v2/users')).status).toBe(200);
    expect(h.sim.requests().filter((e) => e.path === '/api/v2/users').map((e) => [e.status, e.fault])).toEqual([
      [0, 'reset'],
      [200, undefined],
    ]);
  });

  it('slow: the answer is held back, then normal', async () => {
    const { faulted, log } = await aroundFault('at=2:slow,slowMs=30');
    expect(faulted.status).toBe(200);
    expect(log[2]).toMatchObject({ status: 200, fault: 'slow' });
  });

  it('slow does not keep close() waiting', async () => {
    h = await openSim({ faults: 'at=1:slow,slowMs=3600000' });
    const token = await h.token();
    const pending = h.call('GET', '/api/v2/users', { token });
    await new Promise((r) => setTimeout(r, 50)); // let the request reach the server
    await h.close();
    await expect(pending).rejects.toThrow();
  });

  it('expire: the caller’s token stops working (401) and a new token works', async () => {
    h = await openSim({ faults: 'at=2:expire' });
    const token = await h.token();
    expect((await h.call('GET', '/api/v2/users', { token })).status).toBe(200);
    const expired = await h.call('GET', '/api/v2/users', { token });
    expect(expired.status).toBe(401);
    expect(expired.json.code).toBe('bad.credentials');
    expect((await h.call('GET', '/api/v2/users', { token })).status).toBe(401);
    expect((await h.call('GET', '/api/v2/users', { token: await h.token() })).status).toBe(200);
    expect(h.sim.requests()[2]).toMatchObject({ status: 401, fault: 'expire', tokenId: 't1' });
  });

  it('jobFailed on the submission: the job ends FAILED with an errorMessage', async () => {
    h = await openSim({ faults: 'at=1:jobFailed', jobPollsUntilFulfilled: 1 });
    const { jobId } = (await h.call('POST', JOBS, { body: { interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z' } })).json;
    expect((await h.call('GET', `${JOBS}/${jobId}`)).json.state).toBe('QUEUED');
    const failed = await h.call('GET', `${JOBS}/${jobId}`);
    expect(failed.status).toBe(200);
    expect(failed.json).toMatchObject({ state: 'FAILED', errorMessage: expect.stringMatching(/failure/) });
    expect((await h.call('GET', `${JOBS}/${jobId}/results`)).status).toBe(400);
    expect(h.sim.requests()[1]).toMatchObject({ status: 202, fault: 'jobFailed' });
  });

  it('jobExpired on a status poll: the job is EXPIRED at once', async () => {
    h = await openSim({ faults: 'at=2:jobExpired', jobPollsUntilFulfilled: 5 });
    const { jobId } = (await h.call('POST', JOBS, { body: { interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z' } })).json;
    const expired = await h.call('GET', `${JOBS}/${jobId}`);
    expect(expired.status).toBe(200);
    expect(expired.json.state).toBe('EXPIRED');
    expect(expired.json.errorMessage).toBeUndefined();
  });

  it('job faults on other requests change nothing and are not logged as faults', async () => {
    const { faulted, log } = await aroundFault('at=2:jobFailed');
    expect(faulted.status).toBe(200);
    expect(log.every((e) => e.fault === undefined)).toBe(true);
  });
});

describe('fault scope and reproducibility', () => {
  it('leaves /oauth/token alone unless oauth=on', async () => {
    h = await openSim({ faults: 'rate=1,kinds=503' });
    expect((await requestToken(h.sim)).status).toBe(200);
    expect((await h.call('GET', '/api/v2/users')).status).toBe(503);
    await h.close();
    h = await openSim({ faults: 'at=1:503,oauth=on' });
    expect((await requestToken(h.sim)).status).toBe(503);
    expect((await requestToken(h.sim)).status).toBe(200);
  });

  it('a probabilistic plan gives the same faults for the same seed and request order', async () => {
    const run = async (faults: string) => {
      h = await openSim({ faults });
      const token = await h.token();
      const statuses: number[] = [];
      for (let i = 0; i < 24; i++) statuses.push((await h.call('GET', '/api/v2/users?pageSize=1', { token })).status);
      await h.close();
      return statuses;
    };
    const a = await run('rate=0.5,seed=9,kinds=500+503+429');
    expect(await run('rate=0.5,seed=9,kinds=500+503+429')).toEqual(a);
    expect(new Set(a)).toEqual(new Set([200, 500, 503, 429]));
    expect(await run('rate=0.5,seed=10,kinds=500+503+429')).not.toEqual(a);
  });
});

describe('request log', () => {
  it('writes one JSON line per request to a file and a callback, never the token', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'sim-log-')), 'requests.jsonl');
    h = await openSim({ requestLog: file, faults: 'at=1:503' });
    const token = await h.token();
    await h.call('GET', '/api/v2/users', { token });
    await h.call('GET', '/api/v2/routing/queues/nope', { token });
    const inMemory = h.sim.requests();
    await h.close();
    const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as RequestLogEntry);
    expect(lines).toEqual(inMemory);
    expect(lines.map((e) => [e.seq, e.method, e.path, e.status, e.fault ?? null, e.tokenId ?? null])).toEqual([
      [1, 'POST', '/oauth/token', 200, null, 't1'],
      [2, 'GET', '/api/v2/users', 503, '503', 't1'],
      [3, 'GET', '/api/v2/routing/queues/nope', 404, null, 't1'],
    ]);
    expect(lines[0]!.at).toBe('2026-11-20T12:00:00.000Z');
    expect(readFileSync(file, 'utf8')).not.toContain(token);

    const seen: RequestLogEntry[] = [];
    h = await openSim({ requestLog: (e) => seen.push(e) });
    await h.call('GET', '/api/v2/users');
    expect(seen.map((e) => e.status)).toEqual([200, 200]);
  });
});
