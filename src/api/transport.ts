/**
 * One HTTP exchange through axios, reduced to plain data: a response (status, lower-case headers, body text) or
 * a network failure (code and message). The axios error itself is dropped on purpose: its `config` carries the
 * Authorization header, and anything that prints an error's `cause` would print the token.
 */
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import type { Readable } from 'node:stream';
import { InterruptedError } from '../errors.js';
import { isLoopback } from './proxy.js';
import { looksJson } from './response-body.js';
import { BodyProblem } from './results-stream.js';

/** Reads a successful JSON body as it arrives (instead of as one string); throws BodyProblem when it cannot. */
export type BodyReader<T> = (chunks: AsyncIterable<Uint8Array>) => Promise<T>;

/** What a BodyReader made of a body: its value, or the problem it found. */
export type ReadBody = { ok: true; value: unknown } | { ok: false; problem: string };

export type Outcome =
  | {
      kind: 'response';
      status: number;
      headers: Record<string, string | undefined>;
      /** The body text; '' when a reader took the body (then `read` holds what it made of it). */
      body: string;
      read?: ReadBody;
      /** Body bytes received. */
      bytes: number;
    }
  | { kind: 'network'; code: string; message: string };

/** A failure of the response stream itself (reset, abort), as opposed to a bug in the reader. */
class StreamFailure extends Error {
  constructor(readonly failure: unknown) {
    super('response stream failed');
  }
}

async function* counted(stream: Readable, bytes: { n: number }): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of stream) {
      bytes.n += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
  } catch (error) {
    throw new StreamFailure(error);
  }
}

async function text(chunks: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return Buffer.concat(parts).toString('utf8');
}

/** The axios instance every Genesys call shares: statuses and bodies are judged by us, not by axios. */
export function createAxios(baseURL?: string): AxiosInstance {
  return axios.create({
    ...(baseURL !== undefined ? { baseURL } : {}),
    validateStatus: () => true,
    responseType: 'text',
    // Keep the raw text: we parse it ourselves so that an HTML page or a cut-off body is recognised as such.
    transformResponse: [(data: unknown) => data],
    maxRedirects: 0,
  });
}

/**
 * One attempt. `config.timeout` bounds it from start to the last byte of the body (axios's own timeout is only an
 * idle timeout on Node, so a server that trickles bytes would hold it forever): past it, the attempt is aborted and
 * reported as the retryable network error ETIMEDOUT. `signal` is the run's (SIGINT): its abort is an interruption.
 */
export async function sendOnce(instance: AxiosInstance, config: AxiosRequestConfig, signal?: AbortSignal, reader?: BodyReader<unknown>): Promise<Outcome> {
  if (signal?.aborted) throw new InterruptedError();
  const attempt = new AbortController();
  const interrupt = () => attempt.abort();
  signal?.addEventListener('abort', interrupt, { once: true });
  const limitMs = config.timeout ?? 0;
  let timedOut = false;
  const timer =
    limitMs > 0
      ? setTimeout(() => {
          timedOut = true;
          attempt.abort();
        }, limitMs)
      : undefined;
  try {
    const res = await instance.request<string | Readable>({
      ...config,
      signal: attempt.signal,
      ...proxyFor(instance, config),
      ...(reader ? { responseType: 'stream' } : {}),
    });
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(res.headers ?? {})) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value == null ? undefined : String(value);
    }
    if (typeof res.data === 'string' || !res.data) {
      const body = typeof res.data === 'string' ? res.data : '';
      return { kind: 'response', status: res.status, headers, body, bytes: Buffer.byteLength(body) };
    }
    // Streamed: only a successful JSON body goes to the reader; the rest (errors, HTML pages) is read as text.
    const bytes = { n: 0 };
    const chunks = counted(res.data, bytes);
    if (!reader || res.status < 200 || res.status >= 300 || !looksJson(headers['content-type'])) {
      const body = await text(chunks);
      return { kind: 'response', status: res.status, headers, body, bytes: bytes.n };
    }
    let read: ReadBody;
    try {
      read = { ok: true, value: await reader(chunks) };
    } catch (error) {
      if (!(error instanceof BodyProblem)) throw error;
      read = { ok: false, problem: error.message };
    } finally {
      // A reader that stopped early leaves the rest unread: the connection must not wait for it.
      if (!res.data.readableEnded) res.data.destroy();
    }
    return { kind: 'response', status: res.status, headers, body: '', read, bytes: bytes.n };
  } catch (thrown) {
    if (signal?.aborted) throw new InterruptedError();
    if (timedOut) return { kind: 'network', code: 'ETIMEDOUT', message: `no complete answer within ${limitMs / 1000} s (--request-timeout)` };
    // A bug in a reader is not the network failing: it must not be retried as one.
    if (!(thrown instanceof StreamFailure) && reader && !axios.isAxiosError(thrown) && !axios.isCancel(thrown)) throw thrown;
    const err = thrown instanceof StreamFailure ? thrown.failure : thrown;
    if (axios.isCancel(err)) throw new InterruptedError();
    const e = err as { code?: unknown; message?: unknown };
    const message = typeof e.message === 'string' ? e.message : 'network error';
    const code = typeof e.code === 'string' && e.code !== '' ? e.code : message;
    return { kind: 'network', code, message };
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', interrupt);
  }
}

/** Loopback (the simulator, --demo, a local proxy) never goes through http_proxy/HTTPS_PROXY. */
function proxyFor(instance: AxiosInstance, config: AxiosRequestConfig): { proxy?: false } {
  const base = config.baseURL ?? instance.defaults.baseURL;
  try {
    return isLoopback(new URL(config.url ?? '', base).hostname) ? { proxy: false } : {};
  } catch {
    return {};
  }
}
