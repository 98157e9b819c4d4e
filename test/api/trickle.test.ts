/**
 * --request-timeout bounds an attempt from its start to the last byte of the answer: a server that sends headers
 * and then one byte at a time (each within any idle timeout) must be cut off, for the API and for /oauth/token.
 * A real local server on port 0; the retry waits go through a fake clock, so only the attempts take real time.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/http.js';
import { RETRY_DEFAULTS } from '../../src/api/retry-policy.js';
import { ConversationAggregateResponse } from '../../src/api/schemas.js';
import { fetchClientCredentialsToken } from '../../src/auth/client-credentials.js';
import { ApiError } from '../../src/errors.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

/** Answers 200 with a JSON content type, then one space every 50 ms, never finishing (until closed). */
async function trickler(): Promise<{ url: string; requests: () => number }> {
  let requests = 0;
  const server = http.createServer((req, res) => {
    requests++;
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{');
    const timer = setInterval(() => res.write(' '), 50);
    res.on('close', () => clearInterval(timer));
  });
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests: () => requests };
}

// 400 ms per attempt, 1 retry: the test ends in under a second however slow the machine, or fails.
const policy = { ...RETRY_DEFAULTS, requestTimeoutMs: 400, maxRetries: 1 };

describe('a server that trickles bytes', () => {
  it('API: each attempt is cut off at --request-timeout and retried, then exit 4 naming the timeout', async () => {
    const server = await trickler();
    const client = createApiClient({ apiUrl: server.url, tokens: stubTokens(), clock: fakeClock(), logger: collectingLogger().logger, policy, random: () => 0 });
    const err = (await client
      .request('POST', '/api/v2/analytics/conversations/aggregates/query', { body: {}, schema: ConversationAggregateResponse })
      .catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(/no complete answer within 0\.4 s \(--request-timeout\)/);
    expect(server.requests()).toBe(2);
  }, 10_000);

  it('/oauth/token: the same bound', async () => {
    const server = await trickler();
    const err = (await fetchClientCredentialsToken({
      loginUrl: server.url,
      clientId: 'id',
      clientSecret: 'secret-value',
      clock: fakeClock(),
      policy,
      random: () => 0,
    }).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toMatch(/oauth\/token failed: no complete answer within 0\.4 s/);
    expect(server.requests()).toBe(2);
  }, 10_000);
});
