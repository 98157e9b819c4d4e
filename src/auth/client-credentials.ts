/**
 * OAuth client-credentials grant: POST <loginUrl>/oauth/token with Basic auth. Secrets are registered for
 * redaction the moment they are known; bad credentials become an AuthError that says what to check.
 */
import { apiError } from '../api/api-error.js';
import { systemClock, type Clock } from '../clock.js';
import { AuthError, InterruptedError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { redact, registerSecret } from '../redact.js';
import { parseJsonBody, describeSchemaMismatch } from '../api/response-body.js';
import { RETRY_DEFAULTS, decideRetry, type RetryPolicy } from '../api/retry-policy.js';
import { TokenResponse } from '../api/schemas.js';
import { createAxios, sendOnce } from '../api/transport.js';
import type { IssuedToken } from './token-provider.js';

export interface ClientCredentialsDeps {
  loginUrl: string;
  clientId: string;
  clientSecret: string;
  timeoutMs?: number;
  clock?: Clock;
  logger?: Logger;
  policy?: RetryPolicy;
  random?: () => number;
  signal?: AbortSignal;
}

const http = createAxios();

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function badCredentials(status: number, error: string | undefined, loginUrl: string): AuthError {
  return new AuthError(
    redact(
      `authentication failed (${status} ${error ?? 'bad.credentials'}): check GENESYS_CLOUD_CLIENT_ID and ` +
        `GENESYS_CLOUD_CLIENT_SECRET, the region (login host ${hostOf(loginUrl)}), and that the OAuth client ` +
        'uses the Client Credentials grant',
    ),
  );
}

/** The OAuth error name: `error` in OAuth bodies, `code` in Genesys ones. */
function oauthError(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; code?: unknown };
    const name = parsed.error ?? parsed.code;
    return typeof name === 'string' && /^[\w.-]{1,60}$/.test(name) ? name : undefined;
  } catch {
    return undefined;
  }
}

export async function fetchClientCredentialsToken(deps: ClientCredentialsDeps): Promise<IssuedToken> {
  registerSecret(deps.clientSecret);
  const basic = Buffer.from(`${deps.clientId}:${deps.clientSecret}`).toString('base64');
  registerSecret(basic);
  const clock = deps.clock ?? systemClock;
  const logger = deps.logger ?? silentLogger;
  const policy = deps.policy ?? RETRY_DEFAULTS;
  const url = `${deps.loginUrl.replace(/\/+$/, '')}/oauth/token`;
  const label = `POST ${hostOf(deps.loginUrl)}/oauth/token`;
  let backoffRetries = 0;
  let rateLimitRetries = 0;
  let waitedForBackoffMs = 0;
  let waitedForRateLimitMs = 0;

  for (;;) {
    const outcome = await sendOnce(
      http,
      {
        method: 'POST',
        url,
        data: 'grant_type=client_credentials',
        timeout: deps.timeoutMs ?? policy.requestTimeoutMs,
        headers: {
          Authorization: `Basic ${basic}`,
          'Content-Type': 'application/x-www-form-urlencoded',
          Accept: 'application/json',
        },
      },
      deps.signal,
    );
    const status = outcome.kind === 'response' ? outcome.status : undefined;
    logger.debug(redact(`${label} → ${status ?? (outcome.kind === 'network' ? outcome.code : '')}`));

    if (outcome.kind === 'response' && status === 200) {
      const parsed = parseJsonBody(outcome.body, outcome.headers['content-type']);
      if (!parsed.ok) throw apiError(`${label} ${parsed.problem}`, { status, method: 'POST', path: '/oauth/token' });
      const raw = parsed.value as { access_token?: unknown } | null;
      if (raw && typeof raw.access_token === 'string') registerSecret(raw.access_token);
      const token = TokenResponse.safeParse(parsed.value);
      if (!token.success) {
        const where = describeSchemaMismatch(token.error, parsed.value);
        throw apiError(`${label} response does not match the API schema ${where}`, { status, method: 'POST', path: '/oauth/token' });
      }
      return { accessToken: token.data.access_token, expiresInS: token.data.expires_in };
    }
    if (outcome.kind === 'response' && (status === 400 || status === 401 || status === 403)) {
      throw badCredentials(outcome.status, oauthError(outcome.body), deps.loginUrl);
    }

    const decision = decideRetry(
      {
        ...(outcome.kind === 'response' ? { status: outcome.status } : { networkError: outcome.code }),
        attempt: backoffRetries,
        rateLimitAttempt: rateLimitRetries,
        retryAfterHeader: outcome.kind === 'response' ? outcome.headers['retry-after'] : undefined,
        waitedForBackoffMs,
        waitedForRateLimitMs,
        nowMs: clock.now(),
        random: deps.random ?? Math.random,
      },
      policy,
    );
    const failure = outcome.kind === 'response' ? `${outcome.status}` : outcome.message;
    if (!decision.retry) {
      const why = decision.exhausted ? ` ${decision.reason}` : '';
      throw apiError(`${label} failed: ${failure}${why}`, {
        ...(status !== undefined ? { status } : {}),
        method: 'POST',
        path: '/oauth/token',
      });
    }
    if (decision.kind === 'rateLimit') {
      rateLimitRetries++;
      waitedForRateLimitMs += decision.delayMs;
    } else {
      backoffRetries++;
      waitedForBackoffMs += decision.delayMs;
    }
    logger.debug(redact(`${label}: ${failure}; waiting ${decision.delayMs} ms before retrying`));
    try {
      await clock.sleep(decision.delayMs, deps.signal);
    } catch (err) {
      if (deps.signal?.aborted) throw new InterruptedError();
      throw err;
    }
  }
}
