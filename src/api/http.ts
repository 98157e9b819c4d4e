/**
 * The Genesys API client: one axios instance, bearer token from the TokenProvider, bounded concurrency, pacing
 * from the rate-limit headers, retries as retry-policy.ts decides, and every failure turned into AuthError or
 * ApiError with a message that says what failed and where. Bodies are parsed and validated here, at the boundary.
 */
import { apiError } from './api-error.js';
import type { z } from 'zod';
import type { Clock } from '../clock.js';
import { AuthError, InterruptedError } from '../errors.js';
import type { Logger } from '../log.js';
import { redact } from '../redact.js';
import type { TokenProvider } from '../auth/token-provider.js';
import { createLimiter } from './limiter.js';
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
import { RETRY_DEFAULTS, decideRetry, retryAfterMs, type RetryPolicy } from './retry-policy.js';
import { createAxios, sendOnce, type Outcome } from './transport.js';
import { forbiddenMessage } from './forbidden-message.js';

export type HttpMethod = 'GET' | 'POST' | 'DELETE';
export type QueryValue = string | number | (string | number)[];

export interface RequestOptions<T> {
  /** Arrays repeat the key: `id=a&id=b`. */
  query?: Record<string, QueryValue | undefined>;
  body?: unknown;
  schema: z.ZodType<T>;
  /** Statuses that count as success; default any 2xx. */
  expectStatus?: number[];
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
  tokens: TokenProvider;
  clock: Clock;
  logger: Logger;
  policy?: RetryPolicy;
  random?: () => number;
  signal?: AbortSignal;
  userAgent?: string;
  /** Requests in flight at once; default 4. */
  maxConcurrent?: number;
  /** Rate-limit pacing; default: full speed until the window is spent, then wait for its reset. */
  pacing?: PacerOptions;
  onResponse?: (info: ResponseInfo) => void;
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

interface Failure {
  status?: number;
  code?: string;
  contextId?: string;
  retryAfterHeader?: string;
  errBody: ErrorBody;
  /** "503 service.unavailable", "400 bad.request: <Genesys message>", or the network error's message. */
  failure: string;
}

function summarizeFailure(outcome: Outcome): Failure {
  if (outcome.kind === 'network') return { failure: outcome.message, errBody: {} };
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
  const http = createAxios(deps.apiUrl.replace(/\/+$/, ''));
  const limiter = createLimiter(deps.maxConcurrent ?? 4);
  const debug = (m: string) => logger.debug(redact(m));
  let pacer = initialPacerState();

  const sleep = async (ms: number) => {
    try {
      await clock.sleep(ms, signal);
    } catch (err) {
      if (signal?.aborted) throw new InterruptedError();
      throw err;
    }
  };

  /** One attempt inside a concurrency slot: pace, take a token, send, note the rate-limit headers. */
  const attempt = (method: HttpMethod, path: string, url: string, body: unknown) =>
    limiter.run(async (): Promise<{ outcome: Outcome; token: string }> => {
      const pace = decidePace(pacer, clock.now(), deps.pacing ?? PACER_DEFAULTS);
      pacer = pace.state;
      if (pace.delayMs > 0) {
        debug(`${method} ${path}: ${pace.reason ?? 'pacing'}; waiting ${pace.delayMs} ms`);
        await sleep(pace.delayMs);
      }
      const token = await tokens.getToken();
      const headers: Record<string, string> = {
        Authorization: `Bearer ${token}`,
        Accept: 'application/json',
        'User-Agent': deps.userAgent ?? 'gcx-metrics',
      };
      if (body !== undefined) headers['Content-Type'] = 'application/json';
      const outcome = await sendOnce(
        http,
        { method, url, headers, timeout: policy.requestTimeoutMs, ...(body !== undefined ? { data: JSON.stringify(body) } : {}) },
        signal,
      );
      if (outcome.kind === 'response') {
        pacer = observeRateLimitHeaders(pacer, outcome.headers, clock.now());
        deps.onResponse?.({ method, path, status: outcome.status, bytes: Buffer.byteLength(outcome.body) });
      }
      return { outcome, token };
    });

  function decode<T>(method: HttpMethod, path: string, res: Outcome & { kind: 'response' }, schema: z.ZodType<T>): T {
    const details = { status: res.status, method, path, contextId: res.headers['inin-correlation-id'] };
    let value: unknown;
    if (res.status === 204 && res.body.trim() === '') value = undefined;
    else {
      const parsed = parseJsonBody(res.body, res.headers['content-type']);
      if (!parsed.ok) throw apiError(`${method} ${path} ${parsed.problem}`, details);
      value = parsed.value;
    }
    const result = schema.safeParse(value);
    if (!result.success) {
      const where = describeSchemaMismatch(result.error, value);
      throw apiError(`${method} ${path} response does not match the API schema ${where}`, details);
    }
    return result.data;
  }

  return {
    async request<T>(method: HttpMethod, path: string, opts: RequestOptions<T>) {
      const url = path + queryString(opts.query);
      const label = `${method} ${path}`;
      let tries = 0;
      let backoffRetries = 0;
      let rateLimitRetries = 0;
      let waitedForRateLimitMs = 0;
      let waitedForBackoffMs = 0;
      let refreshedToken = false;

      for (;;) {
        tries++;
        const { outcome, token } = await attempt(method, path, url, opts.body);
        debug(`${label} → ${outcome.kind === 'response' ? outcome.status : outcome.code} (attempt ${tries})`);
        if (outcome.kind === 'response') {
          const ok = opts.expectStatus ? opts.expectStatus.includes(outcome.status) : outcome.status >= 200 && outcome.status < 300;
          if (ok) return { data: decode(method, path, outcome, opts.schema), status: outcome.status };
        }
        const f = summarizeFailure(outcome);
        const ctx = f.contextId ? ` (contextId ${f.contextId})` : '';
        if (f.status === 401) {
          if (!refreshedToken) {
            refreshedToken = true;
            tokens.invalidate(token);
            debug(`${label}: ${f.failure}; retrying once with a fresh access token`);
            continue;
          }
          throw new AuthError(
            redact(`${label} failed: ${f.failure} even with a fresh access token; check that the OAuth client is active and belongs to this region${ctx}`),
          );
        }
        if (f.status === 403) throw new AuthError(redact(forbiddenMessage(label, f.errBody, ctx)));
        const { status, code, contextId, retryAfterHeader, failure } = f;

        const decision = decideRetry(
          {
            ...(outcome.kind === 'response' ? { status: outcome.status } : { networkError: outcome.code }),
            attempt: backoffRetries,
            rateLimitAttempt: rateLimitRetries,
            retryAfterHeader,
            waitedForRateLimitMs,
            waitedForBackoffMs,
            nowMs: clock.now(),
            random,
          },
          policy,
        );
        if (!decision.retry) {
          const why = decision.exhausted ? ` ${decision.reason}` : '';
          throw apiError(`${label} failed: ${failure}${why}${ctx}`, {
            ...(status !== undefined ? { status } : {}),
            method,
            path,
            ...(code !== undefined ? { code } : {}),
            ...(contextId !== undefined ? { contextId } : {}),
          });
        }
        if (decision.kind === 'rateLimit') {
          rateLimitRetries++;
          waitedForRateLimitMs += decision.delayMs;
          // Hold back the other requests too: the window is spent for all of them.
          pacer = observeRateLimited(pacer, decision.delayMs, clock.now());
          const source = retryAfterMs(retryAfterHeader, clock.now()) !== undefined ? 'as Retry-After says' : 'no usable Retry-After';
          debug(`${label}: rate limited (429); waiting ${decision.delayMs} ms (${source}) before retry`);
        } else {
          backoffRetries++;
          waitedForBackoffMs += decision.delayMs;
          debug(`${label}: ${failure}; waiting ${decision.delayMs} ms before retry ${backoffRetries} of ${policy.maxRetries}`);
        }
        await sleep(decision.delayMs);
      }
    },
  };
}
