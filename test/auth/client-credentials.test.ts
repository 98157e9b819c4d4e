import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { fetchClientCredentialsToken } from '../../src/auth/client-credentials.js';
import { ApiError, AuthError } from '../../src/errors.js';
import { redact } from '../../src/redact.js';
import { fakeClock } from '../api/support.js';

const LOGIN = 'https://login.mypurecloud.ie';
const ID = 'client-id-123';
const SECRET = 'very-secret-client-value-1';
const TOKEN = 'issued-access-token-abcdef';
const json = { 'Content-Type': 'application/json' };
const netError = (code: string, message: string) => Object.assign(new Error(message), { code });

useNockGuard();

const call = (clock = fakeClock()) =>
  fetchClientCredentialsToken({ loginUrl: LOGIN, clientId: ID, clientSecret: SECRET, clock, random: () => 0 });

describe('fetchClientCredentialsToken', () => {
  it('posts grant_type=client_credentials with Basic auth and returns the token', async () => {
    const basic = Buffer.from(`${ID}:${SECRET}`).toString('base64');
    nock(LOGIN)
      .post('/oauth/token', 'grant_type=client_credentials')
      .matchHeader('authorization', `Basic ${basic}`)
      .matchHeader('content-type', 'application/x-www-form-urlencoded')
      .reply(200, { access_token: TOKEN, token_type: 'bearer', expires_in: 86400 }, json);
    expect(await call()).toEqual({ accessToken: TOKEN, expiresInS: 86400 });
    // registered for redaction as soon as known
    expect(redact(`x ${SECRET} y ${TOKEN} z ${basic}`)).toBe('x [REDACTED] y [REDACTED] z [REDACTED]');
  });

  it.each([
    [401, { error: 'invalid_client', description: 'client not found' }, '401 invalid_client'],
    [400, { error: 'unauthorized_client' }, '400 unauthorized_client'],
    [401, 'nope', '401 bad.credentials'],
  ])('%d → AuthError that says what to check', async (status, body, head) => {
    nock(LOGIN).post('/oauth/token').reply(status, body);
    const err = (await call().catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toBe(
      `authentication failed (${head}): check GENESYS_CLOUD_CLIENT_ID and GENESYS_CLOUD_CLIENT_SECRET, the region ` +
        '(login host login.mypurecloud.ie), and that the OAuth client uses the Client Credentials grant',
    );
  });

  it('retries 5xx and resets, then succeeds', async () => {
    const clock = fakeClock();
    nock(LOGIN)
      .post('/oauth/token').reply(503, 'busy')
      .post('/oauth/token').replyWithError(netError('ECONNRESET', 'socket hang up'))
      .post('/oauth/token').reply(200, { access_token: TOKEN, token_type: 'bearer', expires_in: 60 }, json);
    expect(await call(clock)).toEqual({ accessToken: TOKEN, expiresInS: 60 });
    expect(clock.sleeps).toEqual([1000, 2000]);
  });

  it('gives up with ApiError after 4 retries of 5xx', async () => {
    const clock = fakeClock();
    nock(LOGIN).post('/oauth/token').times(5).reply(502, 'bad gateway');
    const err = (await call(clock).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('POST login.mypurecloud.ie/oauth/token failed: 502 after 4 retries');
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 8000]);
  });

  it('a token response without expires_in is a schema error, not a crash', async () => {
    nock(LOGIN).post('/oauth/token').reply(200, { access_token: TOKEN, token_type: 'bearer' }, json);
    await expect(call()).rejects.toThrow('POST login.mypurecloud.ie/oauth/token response does not match the API schema at expires_in: expected number, got nothing');
  });

  it('an HTML login page is an ApiError', async () => {
    nock(LOGIN).post('/oauth/token').reply(200, '<html>captive portal</html>', { 'Content-Type': 'text/html' });
    await expect(call()).rejects.toThrow('POST login.mypurecloud.ie/oauth/token returned text/html, not JSON');
  });
});
