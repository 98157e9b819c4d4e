/**
 * One HTTP exchange through axios, reduced to plain data: a response (status, lower-case headers, body text) or
 * a network failure (code and message). The axios error itself is dropped on purpose: its `config` carries the
 * Authorization header, and anything that prints an error's `cause` would print the token.
 */
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { InterruptedError } from '../errors.js';
import { isLoopback } from './proxy.js';

export type Outcome =
  | { kind: 'response'; status: number; headers: Record<string, string | undefined>; body: string }
  | { kind: 'network'; code: string; message: string };

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
export async function sendOnce(instance: AxiosInstance, config: AxiosRequestConfig, signal?: AbortSignal): Promise<Outcome> {
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
    const res = await instance.request<string>({ ...config, signal: attempt.signal, ...proxyFor(instance, config) });
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(res.headers ?? {})) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value == null ? undefined : String(value);
    }
    return { kind: 'response', status: res.status, headers, body: typeof res.data === 'string' ? res.data : '' };
  } catch (err) {
    if (signal?.aborted) throw new InterruptedError();
    if (timedOut) return { kind: 'network', code: 'ETIMEDOUT', message: `no complete answer within ${limitMs / 1000} s (--request-timeout)` };
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
