import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorBody, TokenResponse } from '../../../src/api/schemas.js';
import { NOW, openSim, requestToken, shapeOf, type Harness } from './sim-harness.js';

let h: Harness;
afterEach(() => h?.close());

const sample = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/genesys/${name}`, import.meta.url), 'utf8'));

describe('POST /oauth/token', () => {
  it('issues bearer tokens for the client credentials, different each time and deterministic per seed', async () => {
    h = await openSim({ seed: 11 });
    expect(h.sim.clientId).toBe('sim-client-11');
    expect(h.sim.clientSecret).toBe('sim-secret-11-do-not-use');
    const a = await requestToken(h.sim);
    expect(a.status).toBe(200);
    const token = TokenResponse.parse(a.json);
    expect(token).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), token_type: 'bearer', expires_in: 86400 });
    const b = await requestToken(h.sim);
    expect(b.json.access_token).not.toBe(token.access_token);

    const again = await openSim({ seed: 11 });
    expect((await requestToken(again.sim)).json.access_token).toBe(token.access_token);
    await again.close();
  });

  it('rejects wrong credentials with 401 invalid_client and never echoes the secret', async () => {
    h = await openSim();
    const wrongSecret = await requestToken(h.sim, { secret: 'not-the-secret-123' });
    expect(wrongSecret.status).toBe(401);
    expect(wrongSecret.json).toEqual({ error: 'invalid_client', description: 'authentication failed', error_description: 'authentication failed' });
    const wrongId = await requestToken(h.sim, { id: 'someone-else' });
    expect(wrongId.status).toBe(401);
    expect(wrongId.json.error).toBe('invalid_client');
    expect(wrongSecret.text + wrongId.text).not.toContain(h.sim.clientSecret);
    expect(wrongSecret.text).not.toContain('not-the-secret-123');
  });

  it('rejects another grant type with 400 unsupported_grant_type', async () => {
    h = await openSim();
    const r = await requestToken(h.sim, { grant: 'password' });
    expect(r.status).toBe(400);
    expect(r.json.error).toBe('unsupported_grant_type');
    expect(r.json.error_description).toMatch(/"password"/);
  });

  it('expires tokens after tokenTtlSeconds on the simulator clock', async () => {
    h = await openSim({ tokenTtlSeconds: 60 });
    const token = await h.token();
    h.clock.t = NOW + 59_999;
    expect((await h.call('GET', '/api/v2/users', { token })).status).toBe(200);
    h.clock.t = NOW + 60_000;
    const r = await h.call('GET', '/api/v2/users', { token });
    expect(r.status).toBe(401);
    expect(r.json).toMatchObject({ code: 'bad.credentials', status: 401, message: 'Invalid login credentials.' });
    expect((await h.call('GET', '/api/v2/users', { token: await h.token() })).status).toBe(200);
  });
});

describe('authentication on /api/v2', () => {
  it('answers 401 authentication.required without a bearer token and bad.credentials for an unknown one', async () => {
    h = await openSim();
    const none = await h.call('GET', '/api/v2/users', { token: null });
    expect(none.status).toBe(401);
    expect(none.json.code).toBe('authentication.required');
    expect(none.json.contextId).toBe(none.headers.get('inin-correlation-id'));
    const unknown = await h.call('GET', '/api/v2/users', { token: 'made-up-token' });
    expect(unknown.status).toBe(401);
    expect(unknown.json.code).toBe('bad.credentials');
  });
});

describe('error bodies', () => {
  it('have the key set and value types of the real 404 and 429 bodies', async () => {
    h = await openSim({ rateLimitPerMinute: 1 });
    const notFound = await h.call('GET', '/api/v2/routing/queues/no-such-queue');
    expect(notFound.status).toBe(404);
    expect(shapeOf(notFound.json)).toEqual(shapeOf(sample('error-404-body-js-sdk-readme.json')));
    expect(notFound.json).toMatchObject({ code: 'not.found', status: 404 });
    const limited = await h.call('GET', '/api/v2/users');
    expect(limited.status).toBe(429);
    expect(shapeOf(limited.json)).toEqual(shapeOf(sample('error-429-body-forum-announcement.json')));
    // And every other error the server makes has that same shape and parses as an ErrorBody.
    const others = [
      await h.call('GET', '/api/v2/users', { token: null }),
      await h.call('GET', '/api/v2/nowhere', { token: await h.token() }),
      await h.call('DELETE', '/api/v2/users', { token: await h.token() }),
      await h.call('POST', '/api/v2/analytics/conversations/details/query', { token: await h.token(), raw: '{"interval":' }),
    ];
    expect(others.map((r) => r.status)).toEqual([401, 404, 405, 400]);
    for (const r of others) {
      expect(shapeOf(r.json)).toEqual(shapeOf(sample('error-404-body-js-sdk-readme.json')));
      expect(ErrorBody.parse(r.json).contextId).toBe(r.headers.get('inin-correlation-id'));
    }
  });
});

describe('rate limit', () => {
  it('counts per token in a 60 s window, then answers a real 429 with Retry-After', async () => {
    h = await openSim({ rateLimitPerMinute: 5 });
    const token = await h.token();
    const counts: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await h.call('GET', '/api/v2/users', { token });
      expect(r.status).toBe(200);
      expect(r.headers.get('inin-ratelimit-allowed')).toBe('5');
      expect(r.headers.get('inin-ratelimit-reset')).toBe('60');
      expect(r.headers.get('inin-correlation-id')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      counts.push(r.headers.get('inin-ratelimit-count')!);
    }
    expect(counts).toEqual(['1', '2', '3', '4', '5']);

    h.clock.t = NOW + 15_000;
    const limited = await h.call('GET', '/api/v2/users', { token });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('45');
    expect(limited.headers.get('inin-ratelimit-count')).toBe('6');
    expect(limited.json).toEqual({
      message: 'Rate limit exceeded the maximum. Retry the request in [45] seconds',
      code: 'too.many.requests.retry.after',
      status: 429,
      contextId: limited.headers.get('inin-correlation-id'),
      details: [],
      errors: [],
    });
    expect(h.sim.requests().at(-1)).toMatchObject({ status: 429, retryAfterS: 45, tokenId: 't1' });

    // Another token has its own window; the first one's window reopens after 60 s.
    expect((await h.call('GET', '/api/v2/users', { token: await h.token() })).headers.get('inin-ratelimit-count')).toBe('1');
    h.clock.t = NOW + 60_000;
    const fresh = await h.call('GET', '/api/v2/users', { token });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('inin-ratelimit-count')).toBe('1');
  });
});
