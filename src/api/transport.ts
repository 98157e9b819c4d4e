/**
 * One HTTP exchange through axios, reduced to plain data: a response (status, lower-case headers, body text) or
 * a network failure (code and message). The axios error itself is dropped on purpose: its `config` carries the
 * Authorization header, and anything that prints an error's `cause` would print the token.
 */
import axios, { type AxiosInstance, type AxiosRequestConfig } from 'axios';
import { InterruptedError } from '../errors.js';

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

export async function sendOnce(instance: AxiosInstance, config: AxiosRequestConfig, signal?: AbortSignal): Promise<Outcome> {
  if (signal?.aborted) throw new InterruptedError();
  try {
    const res = await instance.request<string>({ ...config, ...(signal ? { signal } : {}) });
    const headers: Record<string, string | undefined> = {};
    for (const [name, value] of Object.entries(res.headers ?? {})) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value == null ? undefined : String(value);
    }
    return { kind: 'response', status: res.status, headers, body: typeof res.data === 'string' ? res.data : '' };
  } catch (err) {
    if (signal?.aborted || axios.isCancel(err)) throw new InterruptedError();
    const e = err as { code?: unknown; message?: unknown };
    const message = typeof e.message === 'string' ? e.message : 'network error';
    const code = typeof e.code === 'string' && e.code !== '' ? e.code : message;
    return { kind: 'network', code, message };
  }
}
