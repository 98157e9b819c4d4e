import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { SimQueryError } from '../engine/index.js';
import { pickFault, type FaultKind, type ResolvedFaultPlan } from '../faults/index.js';
import { HttpError, errorBody, notFound } from './http-error.js';
import { injectedFault, rateLimitMessage } from './injected-fault.js';
import { oauthToken } from './oauth-token.js';
import { rateLimitHeaders, type RateLimiter } from './rate-limiter.js';
import { parseJsonBody, readBody } from './read-body.js';
import type { RequestLog } from './request-log.js';
import { matchRoute } from './routes.js';
import type { SimContext } from './sim-context.js';
import { simUuid } from './sim-ids.js';
import type { TokenStore } from './token-store.js';

export interface ServeDeps {
  ctx: SimContext;
  seed: number;
  client: { id: string; secret: string };
  tokens: TokenStore;
  limiter: RateLimiter;
  plan: ResolvedFaultPlan;
  log: RequestLog;
  latencyMs: number;
  /** Real-time wait that ends early when the server closes. */
  sleep: (ms: number) => Promise<void>;
}

/** What the request log and the headers learn while a request is decided, whether it ends well or in an error. */
interface Meta {
  headers: Record<string, string>;
  tokenId?: string;
  fault?: FaultKind;
  retryAfterS?: number;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** Destroy the socket instead of answering (the `reset` fault). */
  reset?: boolean;
}

const JSON_TYPE = { 'content-type': 'application/json' };
const JOB_FAULTS: ReadonlySet<FaultKind> = new Set(['jobFailed', 'jobExpired']);

/**
 * The request pipeline: number the request, pick its fault, then for /api/v2: auth, rate limit, route, handler.
 * Every answer is logged; every /api/v2 answer carries inin-correlation-id (= an error body's contextId) and
 * the inin-ratelimit-* headers of the caller's window.
 */
export function createRequestHandler(d: ServeDeps) {
  let seq = 0;
  let eligible = 0;

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const t0 = performance.now();
    seq += 1;
    const at = new Date(d.ctx.now()).toISOString();
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/(.)\/+$/, '$1');
    const isApi = path.startsWith('/api/v2/');
    const isToken = path === '/oauth/token';
    const fault = isApi || (isToken && d.plan.oauth) ? pickFault(d.plan, ++eligible) : undefined;
    const contextId = simUuid(d.seed, 'context', seq);
    const meta: Meta = { headers: {} };

    let reply: Reply;
    try {
      reply = await decide({ req, url, path, isApi, isToken, fault, contextId, meta });
    } catch (e) {
      reply = failure(e, contextId);
    }
    const headers = { ...meta.headers, ...reply.headers, ...(isApi && { 'inin-correlation-id': contextId }) };
    if (isApi && d.latencyMs > 0 && !reply.reset) await d.sleep(d.latencyMs);

    const sent = send(req, res, reply, headers);
    d.log.add({
      seq,
      at,
      method: req.method ?? 'GET',
      path,
      status: sent ? reply.status : 0,
      ...(meta.fault && { fault: meta.fault }),
      ...(meta.retryAfterS !== undefined && { retryAfterS: meta.retryAfterS }),
      ...(meta.tokenId && { tokenId: meta.tokenId }),
      durationMs: Math.round(performance.now() - t0),
    });
  };

  async function decide(r: {
    req: IncomingMessage;
    url: URL;
    path: string;
    isApi: boolean;
    isToken: boolean;
    fault: FaultKind | undefined;
    contextId: string;
    meta: Meta;
  }): Promise<Reply> {
    const { req, fault, meta } = r;
    const method = req.method ?? 'GET';
    if (fault === 'reset') {
      meta.fault = fault;
      return { status: 0, reset: true };
    }
    if (fault === 'slow') {
      meta.fault = fault;
      await d.sleep(d.plan.slowMs);
    }
    const auth = r.isApi ? d.tokens.check(req.headers.authorization) : undefined;
    meta.tokenId = auth?.tokenId;
    if (r.isApi) Object.assign(meta.headers, rateLimitHeaders(d.limiter.peek(auth?.ok ? auth.tokenId : undefined)));

    const injected = injectedFault(fault, r.contextId, d.plan.retryAfterS);
    if (injected) {
      meta.fault = fault;
      meta.retryAfterS = injected.retryAfterS;
      return injected;
    }

    if (r.isToken) {
      const form = method === 'POST' ? await readBody(req) : '';
      const reply = oauthToken(method, req.headers.authorization, form, d.client, d.tokens);
      meta.tokenId = reply.tokenId;
      return { status: reply.status, headers: JSON_TYPE, body: JSON.stringify(reply.body) };
    }
    if (!r.isApi || !auth) throw notFound();
    if (!auth.ok) throw new HttpError(401, auth.code, auth.message);
    if (fault === 'expire') {
      meta.fault = fault;
      d.tokens.revoke(auth.tokenId);
      throw new HttpError(401, 'bad.credentials', 'Invalid login credentials.');
    }

    const rate = d.limiter.hit(auth.tokenId);
    Object.assign(meta.headers, rateLimitHeaders(rate));
    if (rate.limited) {
      meta.retryAfterS = rate.resetS;
      throw new HttpError(429, 'too.many.requests.retry.after', rateLimitMessage(rate.resetS), {
        'retry-after': String(rate.resetS),
      });
    }

    const route = matchRoute(method, r.path);
    const body = route.hasBody ? parseJsonBody(await readBody(req)) : undefined;
    const jobFault = fault && JOB_FAULTS.has(fault) ? fault : undefined;
    const reply = route.handler({ url: r.url, params: route.params, body, fault: jobFault }, d.ctx);
    if (reply.faultApplied) meta.fault = fault;
    const text = reply.body === undefined ? undefined : JSON.stringify(reply.body);
    if (fault === 'truncated') {
      // A 200 whose JSON stops half-way, as when a proxy cuts the stream; Content-Length matches the cut body.
      meta.fault = fault;
      return { status: 200, headers: JSON_TYPE, body: text && text.length > 1 ? text.slice(0, text.length >> 1) : '{"' };
    }
    return { status: reply.status, headers: text === undefined ? {} : JSON_TYPE, body: text };
  }
}

/** Any thrown error as the platform's error body: HttpError and engine errors as given, anything else a 500. */
function failure(e: unknown, contextId: string): Reply {
  const known =
    e instanceof HttpError
      ? e
      : e instanceof SimQueryError
        ? new HttpError(400, e.code, e.message)
        : new HttpError(500, 'internal.server.error', `Simulator error: ${e instanceof Error ? e.message : String(e)}`);
  return {
    status: known.status,
    headers: { ...JSON_TYPE, ...known.headers },
    body: JSON.stringify(errorBody(known.status, known.code, known.message, contextId)),
  };
}

/** Writes the reply; false when nothing could be sent (reset, or the client already gone). */
function send(req: IncomingMessage, res: ServerResponse, reply: Reply, headers: Record<string, string>): boolean {
  if (reply.reset) {
    req.socket.destroy();
    return false;
  }
  if (res.destroyed || req.socket.destroyed) return false;
  // Encoded once: measuring the text and then writing it would walk a page of results (megabytes) twice.
  const bytes = reply.body === undefined ? undefined : Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...headers, 'content-length': String(bytes?.length ?? 0) });
  res.end(bytes);
  return true;
}
