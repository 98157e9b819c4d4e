/**
 * One HTTP exchange through axios, reduced to plain data: a response (status, lower-case headers, body text) or
 * a network failure (code and message). The axios error itself is dropped on purpose: its `config` carries the
 * Authorization header, and anything that prints an error's `cause` would print the token.
 */
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { pipeline, Readable } from 'node:stream';
import zlib from 'node:zlib';
import { InterruptedError } from '../errors.js';
import { BODY_LIMITS, formatBytes, type BodyLimits } from './limits.js';
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

/** A body past its limit: not the network failing and not worth a retry (the same server sends the same body). */
class BodyTooLarge extends Error {}

/** Passes chunks on, counting them into `bytes`; past `limit` it stops with BodyTooLarge. */
async function* limited(stream: AsyncIterable<unknown>, bytes: { n: number }, limit: number, what: string): AsyncGenerator<Uint8Array> {
  for await (const chunk of stream) {
    bytes.n += (chunk as Buffer).length;
    if (bytes.n > limit) throw new BodyTooLarge(`answered with a body over ${formatBytes(limit)} ${what} (the limit for one response)`);
    yield chunk as Buffer;
  }
}

/**
 * The body as the server meant it: the bytes on the wire counted against `limit`, then inflated (gzip, deflate,
 * br: what we ask for) and counted again. axios's own decompression is off, since it cannot count the wire bytes.
 */
async function* decoded(raw: Readable, encoding: string | undefined, wire: { n: number }, limit: number): AsyncGenerator<Uint8Array> {
  try {
    const onWire = limited(raw, wire, limit, 'on the wire');
    const inflater = inflaterFor(encoding);
    if (!inflater) {
      yield* onWire;
      return;
    }
    // pipeline carries an error of either side (BodyTooLarge from the wire count, a corrupt stream) to the reader.
    const inflated = pipeline(Readable.from(onWire), inflater, () => {});
    yield* limited(inflated, { n: 0 }, limit, 'after decompression');
  } catch (error) {
    throw error instanceof BodyTooLarge ? error : new StreamFailure(error);
  }
}

function inflaterFor(encoding: string | undefined): NodeJS.ReadWriteStream | undefined {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
    case 'deflate':
      // createUnzip reads gzip and zlib-wrapped deflate alike, as axios did.
      return zlib.createUnzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
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
    // Bodies are inflated and counted in sendOnce (decoded), against BODY_LIMITS.
    decompress: false,
  });
}

/**
 * One attempt. `config.timeout` bounds it from start to the last byte of the body (axios's own timeout is only an
 * idle timeout on Node, so a server that trickles bytes would hold it forever): past it, the attempt is aborted and
 * reported as the retryable network error ETIMEDOUT. `signal` is the run's (SIGINT): its abort is an interruption.
 */
export async function sendOnce(
  instance: AxiosInstance,
  config: AxiosRequestConfig,
  signal?: AbortSignal,
  reader?: BodyReader<unknown>,
  limits: BodyLimits = BODY_LIMITS,
): Promise<Outcome> {
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
    const res = await instance.request<Readable>({
      ...config,
      headers: { 'Accept-Encoding': 'gzip, deflate, br', ...(config.headers as Record<string, string> | undefined) },
      signal: attempt.signal,
      ...proxyFor(instance, config),
      // Always a stream: every body is counted as it arrives, none is buffered by axios first.
      responseType: 'stream',
    });
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(res.headers ?? {})) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value == null ? undefined : String(value);
    }
    // Only a successful JSON body goes to the reader (streamed, never held); the rest (errors, HTML pages) is text.
    const streamed = reader !== undefined && res.status >= 200 && res.status < 300 && looksJson(headers['content-type']);
    const limit = streamed ? limits.streamedBytes : limits.wholeBytes;
    const bytes = { n: 0 };
    // No body (204, 304, Content-Length 0) is nothing to inflate, whatever Content-Encoding says (brotli would fail).
    const empty = res.status === 204 || res.status === 304 || headers['content-length'] === '0';
    const chunks = decoded(res.data, empty ? undefined : headers['content-encoding'], bytes, limit);
    if (!streamed) {
      try {
        const body = await text(chunks);
        return { kind: 'response', status: res.status, headers, body, bytes: bytes.n };
      } finally {
        if (!res.data.readableEnded) res.data.destroy();
      }
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
    if (thrown instanceof BodyTooLarge) return { kind: 'network', code: 'EBODYTOOLARGE', message: thrown.message };
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
