import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createApiClient, queryString, type ApiClientDeps } from '../../src/api/http.js';
import { ConversationAggregateResponse, UserListing } from '../../src/api/schemas.js';
import { createTokenProvider } from '../../src/auth/token-provider.js';
import { ApiError, AuthError, InterruptedError } from '../../src/errors.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

const API = 'https://api.test.example';
const AGG = '/api/v2/analytics/conversations/aggregates/query';
const aggBody = { interval: '2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z', metrics: ['nOffered'] };
const okAgg = { results: [{ group: { queueId: 'q1' }, data: [{ interval: aggBody.interval, metrics: [{ metric: 'nOffered', stats: { count: 5 } }] }] }] };
const json = { 'Content-Type': 'application/json' };
const errBody = (status: number, code: string, contextId: string, message = 'x') => ({ status, code, message, contextId, details: [], errors: [] });

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  const pending = nock.pendingMocks();
  nock.cleanAll();
  expect(pending).toEqual([]);
});
/** nock 14 only surfaces Error instances through axios; a plain object hangs the request. */
const netError = (code: string, message: string) => Object.assign(new Error(message), { code });
afterAll(() => nock.enableNetConnect());

function setup(over: Partial<ApiClientDeps> = {}) {
  const clock = fakeClock();
  const tokens = stubTokens();
  const log = collectingLogger();
  const responses: Array<{ status: number; path: string }> = [];
  const client = createApiClient({
    apiUrl: API,
    tokens,
    clock,
    logger: log.logger,
    random: () => 0,
    onResponse: (r) => responses.push({ status: r.status, path: r.path }),
    ...over,
  });
  return { client, clock, tokens, log, responses };
}

const postAgg = (client: ReturnType<typeof setup>['client']) =>
  client.request('POST', AGG, { body: aggBody, schema: ConversationAggregateResponse });

describe('queryString', () => {
  it('repeats the key for arrays and skips undefined', () => {
    expect(queryString({ id: ['a', 'b'], pageSize: 100, cursor: undefined })).toBe('?id=a&id=b&pageSize=100');
    expect(queryString({})).toBe('');
  });
});

describe('createApiClient', () => {
  it('sends the bearer token and JSON body, and returns validated data', async () => {
    const { client, clock } = setup();
    nock(API)
      .post(AGG, aggBody)
      .matchHeader('authorization', 'Bearer tok-1')
      .matchHeader('content-type', /application\/json/)
      .reply(200, okAgg, json);
    const res = await postAgg(client);
    expect(res).toEqual({ status: 200, data: ConversationAggregateResponse.parse(okAgg) });
    expect(clock.sleeps).toEqual([]);
  });

  it('sends array query params as repeated keys', async () => {
    const { client } = setup();
    let seen = '';
    nock(API)
      .get('/api/v2/users')
      .query((q) => {
        seen = JSON.stringify(q);
        return true;
      })
      .reply(200, { entities: [] }, json);
    await client.request('GET', '/api/v2/users', { query: { id: ['a', 'b'], pageSize: 100 }, schema: UserListing });
    expect(JSON.parse(seen)).toEqual({ id: ['a', 'b'], pageSize: '100' });
  });

  it('503, 503, 200: two backoff sleeps, then the data', async () => {
    const { client, clock, log, responses } = setup();
    nock(API)
      .post(AGG).reply(503, errBody(503, 'service.unavailable', 'c1'), json)
      .post(AGG).reply(503, errBody(503, 'service.unavailable', 'c2'), json)
      .post(AGG).reply(200, okAgg, json);
    const res = await postAgg(client);
    expect(res.data).toEqual(ConversationAggregateResponse.parse(okAgg));
    expect(clock.sleeps).toEqual([1000, 2000]); // equal jitter with random 0: half of 2 s, half of 4 s
    expect(responses.map((r) => r.status)).toEqual([503, 503, 200]);
    expect(log.lines).toContain(`debug: POST ${AGG}: 503 service.unavailable; waiting 1000 ms before retry 1 of 4\n`);
    expect(log.lines).toContain(`debug: POST ${AGG} → 200 (attempt 3)\n`);
  });

  it('429 with Retry-After 2 sleeps exactly 2000 ms, whatever the jitter source says', async () => {
    const { client, clock, log } = setup({ random: () => 0.9 });
    nock(API)
      .post(AGG).reply(429, errBody(429, 'too.many.requests.retry.after', 'r1'), { ...json, 'Retry-After': '2' })
      .post(AGG).reply(200, okAgg, json);
    await postAgg(client);
    expect(clock.sleeps).toEqual([2000]);
    expect(log.lines.some((l) => l.includes('rate limited (429); waiting 2000 ms (as Retry-After says)'))).toBe(true);
  });

  it('retries exhausted: ApiError naming the status, code, retries and contextId', async () => {
    const { client, clock } = setup();
    nock(API).post(AGG).times(5).reply(503, errBody(503, 'service.unavailable', 'abc'), json);
    const err = await postAgg(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe(`POST ${AGG} failed: 503 service.unavailable after 4 retries (contextId abc)`);
    expect((err as ApiError).details).toEqual({ status: 503, method: 'POST', path: AGG, code: 'service.unavailable', contextId: 'abc' });
    expect((err as ApiError).exitCode).toBe(4);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
  });

  it('takes the contextId from inin-correlation-id when the body has none', async () => {
    const { client } = setup();
    nock(API).post(AGG).reply(400, '<html>bad</html>', { 'Content-Type': 'text/html', 'inin-correlation-id': 'corr-9' });
    await expect(postAgg(client)).rejects.toThrow(`POST ${AGG} failed: 400 (contextId corr-9)`);
  });

  it('rate limiting that outlasts 10 minutes ends in ApiError', async () => {
    const { client, clock } = setup();
    nock(API).post(AGG).times(6).reply(429, errBody(429, 'too.many.requests.retry.after', 'rl'), { ...json, 'Retry-After': '120' });
    const err = (await postAgg(client).catch((e: unknown) => e)) as ApiError;
    expect(clock.sleeps).toEqual([120_000, 120_000, 120_000, 120_000, 120_000]);
    expect(err.message).toBe(
      `POST ${AGG} failed: 429 too.many.requests.retry.after after 600 s of rate-limit waits (the limit is 600 s in all) (contextId rl)`,
    );
  });

  it('429 with Retry-After 0 on every answer waits 1 s each time and ends in ApiError after 20 retries, not a loop', async () => {
    const { client, clock } = setup();
    nock(API).post(AGG).times(21).reply(429, errBody(429, 'too.many.requests.retry.after', 'rl'), { ...json, 'Retry-After': '0' });
    const err = (await postAgg(client).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.exitCode).toBe(4);
    expect(clock.sleeps).toEqual(Array(20).fill(1000));
    expect(err.message).toBe(`POST ${AGG} failed: 429 too.many.requests.retry.after after 20 rate-limited retries of this request (contextId rl)`);
  });

  it('the 10-minute rate-limit budget is per run: a second throttled request cannot wait another 10 minutes', async () => {
    const { client, clock } = setup();
    const throttled = () => nock(API).post(AGG).reply(429, errBody(429, 'too.many.requests.retry.after', 'rl'), { ...json, 'Retry-After': '120' });
    for (let i = 0; i < 4; i++) throttled();
    nock(API).post(AGG).reply(200, okAgg, json);
    await postAgg(client); // 4 × 120 s = 480 s of the run's 600 s spent
    throttled();
    throttled();
    const err = (await postAgg(client).catch((e: unknown) => e)) as ApiError;
    expect(clock.sleeps).toEqual([120_000, 120_000, 120_000, 120_000, 120_000]);
    expect(err.message).toContain('after 600 s of rate-limit waits (the limit is 600 s in all)');
  });

  it('a 404 is not retried and keeps its status for the command layer', async () => {
    const { client, clock } = setup();
    nock(API).get('/api/v2/routing/queues/nope').reply(404, errBody(404, 'not.found', 'n1', 'The requested resource was not found.'), json);
    const err = (await client.request('GET', '/api/v2/routing/queues/nope', { schema: z.unknown() }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.details.status).toBe(404);
    expect(err.message).toBe('GET /api/v2/routing/queues/nope failed: 404 not.found: The requested resource was not found. (contextId n1)');
    expect(clock.sleeps).toEqual([]);
  });

  it('501 is not retried', async () => {
    const { client, clock } = setup();
    nock(API).post(AGG).reply(501, errBody(501, 'not.implemented', 'i1'), json);
    await expect(postAgg(client)).rejects.toThrow(`POST ${AGG} failed: 501 not.implemented (contextId i1)`);
    expect(clock.sleeps).toEqual([]);
  });

  it('a 200 HTML page is an ApiError, not a crash', async () => {
    const { client } = setup();
    nock(API).post(AGG).reply(200, '<!doctype html><html><body>Proxy login</body></html>', { 'Content-Type': 'text/html; charset=utf-8' });
    const err = await postAgg(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe(`POST ${AGG} returned text/html, not JSON`);
  });

  it('a truncated JSON body is an ApiError', async () => {
    const { client } = setup();
    nock(API).post(AGG).reply(200, '{"results":[{"group":{"queueId":"q1"},"data":[{"interv', json);
    await expect(postAgg(client)).rejects.toThrow(`POST ${AGG} returned a truncated or malformed JSON body`);
  });

  it('a schema mismatch names the first bad field', async () => {
    const { client } = setup();
    const data = [0, 1, 2].map((i) => ({ interval: `i${i}`, metrics: [] })) as Array<{ interval: unknown; metrics: unknown[] }>;
    data[2]!.interval = 1234;
    nock(API).post(AGG).reply(200, { results: [{ group: {}, data }] }, json);
    const err = (await postAgg(client).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe(`POST ${AGG} response does not match the API schema at results[0].data[2].interval: expected string, got number`);
  });

  it('401 → one fresh token → success', async () => {
    const { client, tokens, clock } = setup();
    nock(API)
      .post(AGG).matchHeader('authorization', 'Bearer tok-1').reply(401, errBody(401, 'bad.credentials', 'a1'), json)
      .post(AGG).matchHeader('authorization', 'Bearer tok-2').reply(200, okAgg, json);
    await expect(postAgg(client)).resolves.toMatchObject({ status: 200 });
    expect(tokens.invalidated).toEqual(['tok-1']);
    expect(tokens.fetches).toBe(2);
    expect(clock.sleeps).toEqual([]);
  });

  it('401 twice → AuthError (exit 3)', async () => {
    const { client, tokens } = setup();
    nock(API).post(AGG).times(2).reply(401, errBody(401, 'bad.credentials', 'a2'), json);
    const err = (await postAgg(client).catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toMatch(/^POST \/api\/v2\/analytics\/conversations\/aggregates\/query failed: 401 bad.credentials even with a fresh access token.*\(contextId a2\)$/);
    expect(tokens.fetches).toBe(2);
  });

  it('concurrent 401s with one shared token cause one refresh', async () => {
    const clock = fakeClock();
    let fetches = 0;
    const tokens = createTokenProvider({ clock, fetchToken: async () => ({ accessToken: `shared-${++fetches}`, expiresInS: 3600 }) });
    const client = createApiClient({ apiUrl: API, tokens, clock, logger: collectingLogger().logger, random: () => 0 });
    nock(API)
      .post(AGG).times(3).matchHeader('authorization', 'Bearer shared-1').reply(401, errBody(401, 'bad.credentials', 'x'), json)
      .post(AGG).times(3).matchHeader('authorization', 'Bearer shared-2').reply(200, okAgg, json);
    await Promise.all([postAgg(client), postAgg(client), postAgg(client)]);
    expect(fetches).toBe(2);
  });

  it('403 → AuthError naming the missing permission', async () => {
    const { client } = setup();
    nock(API).post(AGG).reply(
      403,
      errBody(403, 'missing.permissions', 'p1', 'Unable to perform the requested action. You are missing the following permission(s): [analytics:conversationAggregate:view]'),
      json,
    );
    const err = (await postAgg(client).catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.message).toBe(
      `POST ${AGG} failed: 403 missing.permissions: missing permission analytics:conversationAggregate:view; grant it to a role of the OAuth client (contextId p1)`,
    );
  });

  it('403 missing.any.permissions lists the alternatives', async () => {
    const { client } = setup();
    const msg = 'Unable to perform the requested action. You must have at least one of the following permissions assigned: analytics:conversationDetail:view, analytics:agentConversationDetail:view';
    nock(API).post('/d').reply(403, errBody(403, 'missing.any.permissions', 'p2', msg), json);
    await expect(client.request('POST', '/d', { body: {}, schema: z.unknown() })).rejects.toThrow(
      'missing one of the permissions analytics:conversationDetail:view, analytics:agentConversationDetail:view',
    );
  });

  it.each(['ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED'])('retries the network error %s, then succeeds', async (code) => {
    const { client, clock } = setup();
    nock(API).post(AGG).replyWithError(netError(code, `boom ${code}`)).post(AGG).reply(200, okAgg, json);
    await expect(postAgg(client)).resolves.toMatchObject({ status: 200 });
    expect(clock.sleeps).toEqual([1000]);
  });

  it('a socket hang up five times ends in ApiError after 4 retries', async () => {
    const { client, clock } = setup();
    nock(API).post(AGG).times(5).replyWithError(netError('ECONNRESET', 'socket hang up'));
    const err = await postAgg(client).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).message).toBe(`POST ${AGG} failed: socket hang up after 4 retries`);
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
  });

  it('a refused connection is not retried', async () => {
    const { client, clock } = setup();
    nock(API).post(AGG).replyWithError(netError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:443'));
    await expect(postAgg(client)).rejects.toThrow(`POST ${AGG} failed: connect ECONNREFUSED 10.0.0.1:443`);
    expect(clock.sleeps).toEqual([]);
  });

  it('a 202 (job accepted) is a success', async () => {
    const { client } = setup();
    nock(API).post('/jobs').reply(202, { jobId: 'j' }, json);
    await expect(client.request('POST', '/jobs', { body: {}, schema: z.object({ jobId: z.string() }) })).resolves.toEqual({
      status: 202,
      data: { jobId: 'j' },
    });
  });

  it('an aborted signal ends with InterruptedError before sending', async () => {
    const ac = new AbortController();
    ac.abort();
    const { client } = setup({ signal: ac.signal });
    await expect(postAgg(client)).rejects.toBeInstanceOf(InterruptedError);
  });

  it('an abort during a retry wait ends with InterruptedError', async () => {
    const ac = new AbortController();
    const clock = fakeClock();
    const sleepingClock = { ...clock, sleep: async () => { ac.abort(); throw new Error('aborted'); } };
    const client = createApiClient({ apiUrl: API, tokens: stubTokens(), clock: sleepingClock, logger: collectingLogger().logger, signal: ac.signal });
    nock(API).post(AGG).reply(503, errBody(503, 'service.unavailable', 's'), json);
    await expect(postAgg(client)).rejects.toBeInstanceOf(InterruptedError);
  });

  it('verbose logs never carry headers or bodies', async () => {
    const { client, log } = setup();
    nock(API).post(AGG).reply(503, errBody(503, 'service.unavailable', 'c'), json).post(AGG).reply(200, okAgg, json);
    await postAgg(client);
    const all = log.lines.join('');
    expect(all).not.toMatch(/tok-1|Bearer|authorization|nOffered|interval/i);
  });
});
