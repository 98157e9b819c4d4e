/**
 * A known client secret and access token never appear in an error's message, String(err), stack or inspection,
 * nor in any log line, on every failure path of login and API calls.
 */
import { inspect } from 'node:util';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/http.js';
import { ConversationAggregateResponse } from '../../src/api/schemas.js';
import { fetchClientCredentialsToken } from '../../src/auth/client-credentials.js';
import { createTokenProvider } from '../../src/auth/token-provider.js';
import { collectingLogger, fakeClock } from '../api/support.js';

const LOGIN = 'https://login.test.example';
const API = 'https://api.test.example';
const AGG = '/api/v2/analytics/conversations/aggregates/query';
const ID = 'redaction-client-id';
const SECRET = 'S3cr3t-client-value-0123456789';
const TOKEN = 'AcCeSs-token-value-9876543210';
const BASIC = Buffer.from(`${ID}:${SECRET}`).toString('base64');
const json = { 'Content-Type': 'application/json' };
const netError = (code: string, message: string) => Object.assign(new Error(message), { code });
const okToken = { access_token: TOKEN, token_type: 'bearer', expires_in: 86400 };

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

function setup() {
  const clock = fakeClock();
  const log = collectingLogger();
  const login = () => fetchClientCredentialsToken({ loginUrl: LOGIN, clientId: ID, clientSecret: SECRET, clock, logger: log.logger, random: () => 0 });
  const tokens = createTokenProvider({ fetchToken: login, clock });
  const client = createApiClient({ apiUrl: API, tokens, clock, logger: log.logger, random: () => 0 });
  const run = () => client.request('POST', AGG, { body: { interval: 'x', metrics: ['nOffered'] }, schema: ConversationAggregateResponse });
  return { run, login, log };
}

function expectClean(err: unknown, log: ReturnType<typeof collectingLogger>) {
  expect(err).toBeInstanceOf(Error);
  const e = err as Error;
  const surfaces = [e.message, String(e), e.stack ?? '', inspect(e, { depth: 10 }), JSON.stringify(e), ...log.lines, ...log.raw];
  for (const text of surfaces) {
    for (const secret of [SECRET, TOKEN, BASIC]) expect(text).not.toContain(secret);
  }
}

describe('no secret survives a failure', () => {
  const loginFailures: Array<[string, (s: nock.Scope) => void]> = [
    ['login 401 echoing the secret', (s) => s.post('/oauth/token').reply(401, { error: 'invalid_client', description: `bad secret ${SECRET}` }, json)],
    ['login 500s until retries run out', (s) => s.post('/oauth/token').times(5).reply(500, `oops ${SECRET}`)],
    ['login network errors naming the secret', (s) => s.post('/oauth/token').times(5).replyWithError(netError('ECONNRESET', `reset while sending ${SECRET} ${BASIC}`))],
    ['login DNS failure', (s) => s.post('/oauth/token').replyWithError(netError('ENOTFOUND', `getaddrinfo ENOTFOUND login.test.example ${SECRET}`))],
    ['login 200 without expires_in', (s) => s.post('/oauth/token').reply(200, { access_token: TOKEN, token_type: 'bearer' }, json)],
    ['login 200 with an HTML page', (s) => s.post('/oauth/token').reply(200, `<html>${TOKEN}</html>`, { 'Content-Type': 'text/html' })],
  ];
  it.each(loginFailures)('%s', async (_name, script) => {
    script(nock(LOGIN));
    const { run, log } = setup();
    const err = await run().catch((e: unknown) => e);
    expectClean(err, log);
  });

  const apiFailures: Array<[string, (s: nock.Scope) => void]> = [
    ['400 echoing the token and secret', (s) => s.post(AGG).reply(400, { status: 400, code: 'bad.request', message: `bad token ${TOKEN} / client_secret=${SECRET}`, contextId: 'c' }, json)],
    ['401 twice', (s) => s.post(AGG).times(2).reply(401, { status: 401, code: 'bad.credentials', message: `token ${TOKEN} expired` }, json)],
    ['403 echoing the token', (s) => s.post(AGG).reply(403, { status: 403, code: 'missing.permissions', message: `token ${TOKEN} lacks [analytics:conversationAggregate:view]` }, json)],
    ['503 until retries run out', (s) => s.post(AGG).times(5).reply(503, { status: 503, code: 'service.unavailable', message: TOKEN, contextId: TOKEN }, json)],
    ['429 past the budget, echoing the token', (s) => s.post(AGG).times(6).reply(429, { code: 'too.many.requests.retry.after', contextId: TOKEN }, { ...json, 'Retry-After': '120' })],
    ['network errors naming the token', (s) => s.post(AGG).times(5).replyWithError(netError('ECONNRESET', `socket hang up Authorization: Bearer ${TOKEN}`))],
    ['schema mismatch at a key that is the token', (s) => s.post(AGG).reply(200, { results: [{ group: { [TOKEN]: 5 } }] }, json)],
    ['truncated body', (s) => s.post(AGG).reply(200, `{"token":"${TOKEN}`, json)],
  ];
  it.each(apiFailures)('%s', async (_name, script) => {
    nock(LOGIN).post('/oauth/token').times(2).reply(200, okToken, json);
    script(nock(API));
    const { run, log } = setup();
    const err = await run().catch((e: unknown) => e);
    expectClean(err, log);
    expect(log.lines.length).toBeGreaterThan(0); // the paths were logged, just not the secrets
  });
});
