/**
 * OAuth client-credentials grant: POST <loginUrl>/oauth/token with Basic auth. Secrets are registered for
 * redaction the moment they are known; bad credentials become an AuthError that says what to check.
 */
import { apiError } from '../api/api-error.js';
import { systemClock, type Clock } from '../clock.js';
import { AuthError } from '../errors.js';
import { silentLogger, type Logger } from '../log.js';
import { redact, registerSecret } from '../redact.js';
import { parseJsonBody, describeSchemaMismatch } from '../api/response-body.js';
import { RETRY_DEFAULTS, type RetryPolicy } from '../api/retry-policy.js';
import { withRetry, type RateLimitBudget, type RetryableFailure } from '../api/with-retry.js';
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
  rateLimitBudget?: RateLimitBudget;
  onPause?: (note: string) => void;
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
  const where = { method: 'POST', path: '/oauth/token' };

  const attempt = async (): Promise<{ ok: true; value: IssuedToken } | { ok: false; failure: RetryableFailure }> => {
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
    if (outcome.kind === 'network') {
      logger.debug(redact(`${label} → ${outcome.code}`));
      return { ok: false, failure: { networkError: outcome.code, failure: outcome.message } };
    }
    const { status } = outcome;
    logger.debug(redact(`${label} → ${status}`));
    if (status === 200) {
      const parsed = parseJsonBody(outcome.body, outcome.headers['content-type']);
      if (!parsed.ok) throw apiError(`${label} ${parsed.problem}`, { status, ...where });
      const raw = parsed.value as { access_token?: unknown } | null;
      if (raw && typeof raw.access_token === 'string') registerSecret(raw.access_token);
      const token = TokenResponse.safeParse(parsed.value);
      if (!token.success) {
        const mismatch = describeSchemaMismatch(token.error, parsed.value);
        throw apiError(`${label} response does not match the API schema ${mismatch}`, { status, ...where });
      }
      return { ok: true, value: { accessToken: token.data.access_token, expiresInS: token.data.expires_in } };
    }
    if (status === 400 || status === 401 || status === 403) throw badCredentials(status, oauthError(outcome.body), deps.loginUrl);
    return { ok: false, failure: { status, retryAfterHeader: outcome.headers['retry-after'], failure: `${status}` } };
  };

  return withRetry(attempt, {
    clock,
    signal: deps.signal,
    policy,
    random: deps.random ?? Math.random,
    budget: deps.rateLimitBudget,
    onPause: deps.onPause,
    onWait: ({ failure, delayMs }) => logger.debug(redact(`${label}: ${failure.failure}; waiting ${delayMs} ms before retrying`)),
    giveUp: (f, exhausted) =>
      apiError(`${label} failed: ${f.failure}${exhausted ? ` ${exhausted}` : ''}`, {
        ...(f.status !== undefined ? { status: f.status } : {}),
        ...where,
      }),
  });
}
