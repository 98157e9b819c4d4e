/**
 * The Genesys API client: one axios instance, bearer token from a TokenSource, pacing from the rate-limit headers,
 * retries through with-retry.ts, and every failure turned into AuthError or ApiError with a message that says what
 * failed and where. Bodies are parsed and validated here, at the boundary. Concurrency is bounded by the callers
 * (one mapConcurrent per fan-out, CONCURRENCY from limits.ts), not here.
 */
import { apiError } from './api-error.js';
import type { z } from 'zod';
import { pause, type Clock } from '../clock.js';
import { AuthError } from '../errors.js';
import type { Logger } from '../log.js';
import { redact } from '../redact.js';
import {
  PACER_DEFAULTS,
  decidePace,
  initialPacerState,
  observeRateLimitHeaders,
  observeRateLimited,
  type PacerOptions,
} from './rate-pacer.js';
import { describeSchemaMismatch, parseJsonBody, readErrorBody } from './response-body.js';
import type { ErrorBody } from './schemas.js';
import { RETRY_DEFAULTS, type RetryPolicy } from './retry-policy.js';
import { withRetry, type RateLimitBudget, type RetryableFailure } from './with-retry.js';
import { createAxios, sendOnce, type BodyReader, type Outcome } from './transport.js';
import { forbiddenMessage } from './forbidden-message.js';
import type { BodyLimits } from './limits.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';
export type QueryValue = string | number | (string | number)[];

/**
 * `schema`: the body is read whole and validated by it. `read`: a successful JSON body is handed to the reader
 * as it arrives, for responses too large to hold (it validates what it keeps, and throws BodyProblem when the body
 * is not what it expects); a retry calls it again from the start.
 */
export type RequestOptions<T> = {
  /** Arrays repeat the key: `id=a&id=b`. */
  query?: Record<string, QueryValue | undefined>;
  body?: unknown;
} & ({ schema: z.ZodType<T>; read?: undefined } | { read: BodyReader<T>; schema?: undefined });

/** What the client needs from authentication (src/auth implements it): a bearer token, and a way to drop one. */
export interface TokenSource {
  getToken(): Promise<string>;
  /** Forget the cached token; with `token`, only if the cache still holds that one. */
  invalidate(token?: string): void;
}

export interface ApiClient {
  request<T>(method: HttpMethod, path: string, opts: RequestOptions<T>): Promise<{ data: T; status: number }>;
}

export interface ResponseInfo {
  method: HttpMethod;
  path: string;
  status: number;
  bytes: number;
}

export interface ApiClientDeps {
  apiUrl: string;
  tokens: TokenSource;
  clock: Clock;
  logger: Logger;
  policy?: RetryPolicy;
  random?: () => number;
  signal?: AbortSignal;
  /** 429 waits of every request of this client together (default: a budget of its own). */
  rateLimitBudget?: RateLimitBudget;
  /** Rate-limit pacing; default: full speed until the window is spent, then wait for its reset. */
  pacing?: PacerOptions;
  onResponse?: (info: ResponseInfo) => void;
  /** A short line for the progress display whenever a request waits (retry, rate limit, pacing). */
  onPause?: (note: string) => void;
  /** Largest body accepted (default BODY_LIMITS); tests lower it. */
  bodyLimits?: BodyLimits;
}

export function queryString(query: RequestOptions<unknown>['query']): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? value : [value]) params.append(key, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : '';
}

interface Failure extends RetryableFailure {
  code?: string;
  contextId?: string;
  errBody: ErrorBody;
}

function summarizeFailure(outcome: Outcome): Failure {
  if (outcome.kind === 'network') return { networkError: outcome.code, failure: outcome.message, errBody: {} };
  const { status, headers } = outcome;
  const errBody = readErrorBody(outcome.body);
  const code = errBody.code;
  const contextId = errBody.contextId ?? headers['inin-correlation-id'];
  let failure = `${status}${code ? ` ${code}` : ''}`;
  // Genesys's own words help with a bad request; for 429 and 5xx they add nothing to the status.
  if (status < 500 && status !== 429 && status !== 401 && errBody.message) failure += `: ${errBody.message}`;
  return {
    status,
    errBody,
    failure,
    ...(code !== undefined ? { code } : {}),
    ...(contextId !== undefined ? { contextId } : {}),
    ...(headers['retry-after'] !== undefined ? { retryAfterHeader: headers['retry-after'] } : {}),
  };
}

export function createApiClient(deps: ApiClientDeps): ApiClient {
  const { tokens, clock, logger, signal } = deps;
  const policy = deps.policy ?? RETRY_DEFAULTS;
  const random = deps.random ?? Math.random;
  const rateLimitBudget = deps.rateLimitBudget ?? { waitedMs: 0 };
  const http = createAxios(deps.apiUrl.replace(/\/+$/, ''));
  const debug = (m: string) => logger.debug(redact(m));
  let pacer = initialPacerState();

  /** One exchange: pace, take a token, send, note the rate-limit headers. */
  const send = async (method: HttpMethod, path: string, url: string, body: unknown, reader?: BodyReader<unknown>): Promise<{ outcome: Outcome; token: string }> => {
    const pace = decidePace(pacer, clock.now(), deps.pacing ?? PACER_DEFAULTS);
    pacer = pace.state;
    if (pace.delayMs > 0) {
      debug(`${method} ${path}: ${pace.reason ?? 'pacing'}; waiting ${pace.delayMs} ms`);
      deps.onPause?.(`pacing: waiting ${Math.max(1, Math.round(pace.delayMs / 1000))} s`);
      await pause(clock, pace.delayMs, signal);
    }
    const token = await tokens.getToken();
    const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json', 'User-Agent': 'gcx-metrics' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const outcome = await sendOnce(
      http,
      { method, url, headers, timeout: policy.requestTimeoutMs, ...(body !== undefined ? { data: JSON.stringify(body) } : {}) },
      signal,
      reader,
      deps.bodyLimits,
    );
    if (outcome.kind === 'response') {
      pacer = observeRateLimitHeaders(pacer, outcome.headers, clock.now());
      deps.onResponse?.({ method, path, status: outcome.status, bytes: outcome.bytes });
    }
    return { outcome, token };
  };

  function decode<T>(method: HttpMethod, path: string, res: Outcome & { kind: 'response' }, opts: RequestOptions<T>): T {
    const details = { status: res.status, method, path, contextId: res.headers['inin-correlation-id'] };
    if (res.read) {
      if (!res.read.ok) throw apiError(`${method} ${path} ${res.read.problem}`, details);
      return res.read.value as T;
    }
    let value: unknown;
    if (res.status === 204 && res.body.trim() === '') value = undefined;
    else {
      const parsed = parseJsonBody(res.body, res.headers['content-type']);
      if (!parsed.ok) throw apiError(`${method} ${path} ${parsed.problem}`, details);
      value = parsed.value;
    }
    // With a reader, only a body that is not JSON is read whole, and parseJsonBody has refused it above.
    if (!opts.schema) throw apiError(`${method} ${path} returned a body that is not JSON`, details);
    const result = opts.schema.safeParse(value);
    if (!result.success) {
      const where = describeSchemaMismatch(result.error, value);
      throw apiError(`${method} ${path} response does not match the API schema ${where}`, details);
    }
    return result.data;
  }

  return {
    request<T>(method: HttpMethod, path: string, opts: RequestOptions<T>) {
      const url = path + queryString(opts.query);
      const label = `${method} ${path}`;
      const context = (f: Failure) => (f.contextId ? ` (contextId ${f.contextId})` : '');
      let tries = 0;
      let refreshedToken = false;

      const attempt = async (): Promise<{ ok: true; value: { data: T; status: number } } | { ok: false; failure: Failure }> => {
        for (;;) {
          tries++;
          const { outcome, token } = await send(method, path, url, opts.body, opts.read as BodyReader<unknown> | undefined);
          debug(`${label} → ${outcome.kind === 'response' ? outcome.status : outcome.code} (attempt ${tries})`);
          if (outcome.kind === 'response' && outcome.status >= 200 && outcome.status < 300) {
            return { ok: true, value: { data: decode(method, path, outcome, opts), status: outcome.status } };
          }
          const f = summarizeFailure(outcome);
          if (f.status === 401) {
            // One fresh token and one immediate retry: an expired token is not the server failing.
            if (!refreshedToken) {
              refreshedToken = true;
              tokens.invalidate(token);
              debug(`${label}: ${f.failure}; retrying once with a fresh access token`);
              continue;
            }
            throw new AuthError(
              redact(`${label} failed: ${f.failure} even with a fresh access token; check that the OAuth client is active and belongs to this region${context(f)}`),
            );
          }
          if (f.status === 403) throw new AuthError(redact(forbiddenMessage(label, f.errBody, context(f))), true);
          return { ok: false, failure: f };
        }
      };

      return withRetry(attempt, {
        clock,
        signal,
        policy,
        random,
        budget: rateLimitBudget,
        onPause: deps.onPause,
        onWait: ({ kind, delayMs, note }) => {
          // Hold back the other requests too: the window is spent for all of them.
          if (kind === 'rateLimit') pacer = observeRateLimited(pacer, delayMs, clock.now());
          debug(`${label}: ${note}`);
        },
        giveUp: (f, exhausted) =>
          apiError(`${label} failed: ${f.failure}${exhausted ? ` ${exhausted}` : ''}${context(f)}`, {
            ...(f.status !== undefined ? { status: f.status } : {}),
            method,
            path,
            ...(f.code !== undefined ? { code: f.code } : {}),
            ...(f.contextId !== undefined ? { contextId: f.contextId } : {}),
          }),
      });
    },
  };
}
