/** Starts the simulator on port 0 with a settable clock and talks to it with plain fetch (not the client's code). */
import { startSim, type SimOptions, type SimServer } from '../../../src/sim/index.js';

/** The simulator's "now" in these tests: 2026-11-20 12:00 UTC; 2026-11-19 is a whole finished day. */
export const NOW = Date.parse('2026-11-20T12:00:00.000Z');
export const DAY = '2026-11-19T00:00:00.000Z/2026-11-20T00:00:00.000Z';
export const DAY_START = Date.parse('2026-11-19T00:00:00.000Z');

export interface Harness {
  sim: SimServer;
  clock: { t: number };
  token(): Promise<string>;
  call(method: string, path: string, opts?: { token?: string | null; body?: unknown; raw?: string }): Promise<Reply>;
  close(): Promise<void>;
}

export interface Reply {
  status: number;
  headers: Headers;
  text: string;
  json: any;
}

export async function openSim(opts: SimOptions = {}): Promise<Harness> {
  const clock = { t: NOW };
  const sim = await startSim({ now: () => clock.t, agents: 12, queues: 3, ...opts });
  let cached: string | undefined;
  const token = async () => {
    const r = await requestToken(sim);
    if (r.status !== 200) throw new Error(`token request failed: ${r.status} ${r.text}`);
    return r.json.access_token as string;
  };
  return {
    sim,
    clock,
    token,
    async call(method, path, o = {}) {
      const t = o.token === undefined ? (cached ??= await token()) : o.token;
      const headers: Record<string, string> = {};
      if (t !== null) headers.authorization = `Bearer ${t}`;
      if (o.body !== undefined || o.raw !== undefined) headers['content-type'] = 'application/json';
      const res = await fetch(`${sim.url}${path}`, {
        method,
        headers,
        body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
      });
      return toReply(res);
    },
    close: () => sim.close(),
  };
}

export async function requestToken(
  sim: SimServer,
  opts: { id?: string; secret?: string; grant?: string } = {},
): Promise<Reply> {
  const basic = Buffer.from(`${opts.id ?? sim.clientId}:${opts.secret ?? sim.clientSecret}`).toString('base64');
  const res = await fetch(`${sim.url}/oauth/token`, {
    method: 'POST',
    headers: { authorization: `Basic ${basic}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: `grant_type=${opts.grant ?? 'client_credentials'}`,
  });
  return toReply(res);
}

async function toReply(res: Response): Promise<Reply> {
  const text = await res.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** A value's shape: object key sets and value types, recursively (arrays by their element shapes). */
export function shapeOf(v: unknown): unknown {
  if (Array.isArray(v)) return ['array', ...new Set(v.map((x) => JSON.stringify(shapeOf(x))))];
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(Object.keys(v).sort().map((k) => [k, shapeOf((v as Record<string, unknown>)[k])]));
  }
  return v === null ? 'null' : typeof v;
}

/** Every page of a details query, following the API's own signal (no `conversations` = past the last). */
export async function allDetailPages(h: Harness, body: Record<string, unknown>, pageSize = 100) {
  const pages: any[] = [];
  for (let pageNumber = 1; ; pageNumber++) {
    const r = await h.call('POST', '/api/v2/analytics/conversations/details/query', {
      body: { ...body, paging: { pageSize, pageNumber } },
    });
    if (r.status !== 200) throw new Error(`details page ${pageNumber}: ${r.status} ${r.text}`);
    pages.push(r.json);
    if (!r.json.conversations) return pages;
  }
}
