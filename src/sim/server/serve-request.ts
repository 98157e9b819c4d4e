import type { IncomingMessage, ServerResponse } from 'node:http';
import { performance } from 'node:perf_hooks';
import { ListedAnswer, SimQueryError } from '../engine/index.js';
import { pickFault, type FaultKind, type ResolvedFaultPlan } from '../faults/index.js';
import { HttpError, errorBody, notFound } from './http-error.js';
import { jsonPieces } from './json-pieces.js';
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
  /** Ends this request's turn at making a streamed answer (see `turns`), once it has been written. */
  endTurn?: () => void;
}

interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: string;
  /** A big body in pieces, written as they are made (chunked, no Content-Length); `body` is then unset. */
  pieces?: Iterator<string>;
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
  // One aggregates answer in the making at a time: each holds its query's accumulators until it has been written,
  // and a client sends several at once (4 in flight), which would hold them all while the first one drains.
  let turns: Promise<void> = Promise.resolve();
  const takeTurn = async (): Promise<() => void> => {
    const before = turns;
    let end!: () => void;
    turns = new Promise((resolve) => (end = resolve));
    await before;
    return end;
  };

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

    let sent: boolean;
    try {
      sent = await send(req, res, reply, headers);
    } finally {
      meta.endTurn?.();
    }
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
    if (route.streams) meta.endTurn = await takeTurn();
    const jobFault = fault && JOB_FAULTS.has(fault) ? fault : undefined;
    const reply = route.handler({ url: r.url, params: route.params, body, fault: jobFault }, d.ctx);
    if (reply.faultApplied) meta.fault = fault;
    if (reply.body instanceof ListedAnswer && fault !== 'truncated') {
      const pieces = jsonPieces(reply.body);
      const first = pieces.next();
      const second = pieces.next();
      // One piece is the whole (small) answer: sent with its Content-Length, as every other answer.
      if (second.done) return { status: reply.status, headers: JSON_TYPE, body: first.value };
      return { status: reply.status, headers: JSON_TYPE, pieces: chain([first.value, second.value], pieces) };
    }
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
async function send(req: IncomingMessage, res: ServerResponse, reply: Reply, headers: Record<string, string>): Promise<boolean> {
  if (reply.reset) {
    req.socket.destroy();
    return false;
  }
  if (res.destroyed || req.socket.destroyed) {
    reply.pieces?.return?.();
    return false;
  }
  if (reply.pieces) return sendPieces(res, reply.status, headers, reply.pieces);
  // Encoded once: measuring the text and then writing it would walk a page of results (megabytes) twice.
  const bytes = reply.body === undefined ? undefined : Buffer.from(reply.body, 'utf8');
  res.writeHead(reply.status, { ...headers, 'content-length': String(bytes?.length ?? 0) });
  res.end(bytes);
  return true;
}

/**
 * Writes a body piece by piece, making the next only once the socket has taken the last (backpressure): a slow
 * reader holds the simulator to one piece in memory, and a client that goes away stops the making.
 */
async function sendPieces(res: ServerResponse, status: number, headers: Record<string, string>, pieces: Iterator<string>): Promise<boolean> {
  try {
    res.writeHead(status, headers);
    for (let next = pieces.next(); !next.done; next = pieces.next()) {
      if (res.destroyed) return false;
      if (!res.write(next.value)) await drained(res);
    }
    if (res.destroyed) return false;
    res.end();
    return true;
  } catch {
    // Headers are out: a piece that cannot be made can only cut the answer short, as a broken server would.
    res.destroy();
    return false;
  } finally {
    pieces.return?.();
  }
}

/** The pieces already made, then the rest as it is made. */
function* chain(made: string[], rest: Generator<string>): Generator<string> {
  yield* made;
  // yield* passes return() on: a client gone mid-answer stops the making.
  yield* rest;
}

/** Resolves when `res` can take more, or has closed. */
function drained(res: ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      res.off('drain', done);
      res.off('close', done);
      resolve();
    };
    res.on('drain', done);
    res.on('close', done);
  });
}
