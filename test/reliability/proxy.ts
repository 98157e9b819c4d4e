import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One exchange as the loopback proxy saw it; times are this process's Date.now(). */
export interface ProxyEntry {
  seq: number;
  method: string;
  /** Path and query, as the client sent it. */
  url: string;
  path: string;
  /** sha256 of the request body: a retry sends the same method, url and body. */
  bodySha: string;
  /** The request body as text (set when the request has arrived whole). */
  requestBody?: string;
  /** When the request's headers arrived. */
  arrivedMs: number;
  /** Status relayed to the client (undefined when the upstream reset or the client left first). */
  status?: number;
  retryAfter?: string;
  contextId?: string;
  /** When the response was handed to the client's socket. */
  relayedMs?: number;
  outcome: 'pending' | 'relayed' | 'reset' | 'client-gone';
}

export interface Proxy {
  url: string;
  entries(): ProxyEntry[];
  /** Every access token the upstream issued (from /oauth/token bodies) or a client presented (Bearer headers). */
  tokens(): string[];
  close(): Promise<void>;
}

export interface ProxyOptions {
  /** Replace a relayed response body (e.g. drop a required field); return undefined to keep it. */
  rewrite?: (entry: ProxyEntry, body: string) => string | undefined;
  /** Called as each request arrives (before it is forwarded). */
  onRequest?: (entry: ProxyEntry) => void;
}

/**
 * A loopback HTTP proxy in front of the simulator: it records what the CLI actually sent and received (arrival
 * times, request bodies, relayed statuses, Retry-After, contextId) and the tokens that crossed it. A reset upstream
 * becomes a reset towards the client; a client that gives up (request timeout) aborts the upstream request.
 */
export async function startProxy(target: string, opts: ProxyOptions = {}): Promise<Proxy> {
  const upstream = new URL(target);
  const entries: ProxyEntry[] = [];
  const tokens = new Set<string>();
  let seq = 0;

  const server = http.createServer((req, res) => {
    const entry: ProxyEntry = {
      seq: ++seq,
      method: req.method ?? 'GET',
      url: req.url ?? '/',
      path: new URL(req.url ?? '/', 'http://x').pathname,
      bodySha: '',
      arrivedMs: Date.now(),
      outcome: 'pending',
    };
    entries.push(entry);
    const bearer = /^bearer\s+(\S+)/i.exec(req.headers.authorization ?? '');
    if (bearer) tokens.add(bearer[1]!);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('error', () => {});
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      entry.bodySha = createHash('sha256').update(body).digest('hex');
      entry.requestBody = body.toString('utf8');
      opts.onRequest?.(entry);
      const up = http.request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: entry.method,
          path: entry.url,
          headers: { ...req.headers, host: upstream.host },
          agent: false,
        },
        (upRes) => {
          const parts: Buffer[] = [];
          upRes.on('data', (c: Buffer) => parts.push(c));
          upRes.on('error', () => reset());
          upRes.on('end', () => {
            let text = Buffer.concat(parts).toString('utf8');
            if (entry.path === '/oauth/token') {
              try {
                const token = (JSON.parse(text) as { access_token?: unknown }).access_token;
                if (typeof token === 'string') tokens.add(token);
              } catch {
                // not a token body (an error or a fault)
              }
            }
            entry.status = upRes.statusCode ?? 0;
            const retryAfter = upRes.headers['retry-after'];
            if (typeof retryAfter === 'string') entry.retryAfter = retryAfter;
            const contextId = upRes.headers['inin-correlation-id'];
            if (typeof contextId === 'string') entry.contextId = contextId;
            text = opts.rewrite?.(entry, text) ?? text;
            if (res.destroyed) {
              entry.outcome = 'client-gone';
              return;
            }
            const headers = { ...upRes.headers, 'content-length': String(Buffer.byteLength(text)) };
            delete headers['transfer-encoding'];
            res.writeHead(entry.status, headers);
            res.end(text, () => {
              entry.relayedMs = Date.now();
              entry.outcome = 'relayed';
            });
          });
        },
      );
      const reset = () => {
        if (entry.outcome === 'pending') entry.outcome = 'reset';
        req.socket.destroy();
      };
      up.on('error', reset);
      res.on('close', () => {
        if (res.writableFinished) return;
        if (entry.outcome === 'pending') entry.outcome = 'client-gone';
        up.destroy();
      });
      up.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    entries: () => entries.map((e) => ({ ...e })),
    tokens: () => [...tokens],
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
