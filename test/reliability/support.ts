import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSim, type SimOptions, type SimServer } from '../../src/sim/index.js';
import { startProxy, type Proxy, type ProxyEntry, type ProxyOptions } from './proxy.js';

/** One past UTC day: few requests, and results that do not depend on today's date. */
export const DAY = ['--from', '2026-11-10', '--to', '2026-11-11', '--tz', 'UTC'];
/** Eight past days: longer than the 7-day sync limit, so the details source runs an async job. */
export const EIGHT_DAYS = ['--from', '2026-11-03', '--to', '2026-11-10', '--tz', 'UTC'];
/** Slow faults then cost 2 s, not 30. */
export const FAST_TIMEOUT = ['--request-timeout', '2'];

/** A simulator with a proxy in front; the CLI is pointed at the proxy. */
export interface Rig {
  sim: SimServer;
  proxy: Proxy;
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startRig(sim: SimOptions = {}, proxy: ProxyOptions = {}): Promise<Rig> {
  // One status poll until FULFILLED: a details job costs one 2-second wait, not three.
  const s = await startSim({ port: 0, jobPollsUntilFulfilled: 0, ...sim });
  const p = await startProxy(s.url, proxy);
  return {
    sim: s,
    proxy: p,
    env: simEnv(s, p.url),
    close: async () => {
      await p.close();
      await s.close();
      // Requests held by a `slow` fault are logged once close() wakes them; wait (briefly) until every request
      // the proxy forwarded is in the simulator's log.
      for (let i = 0; i < 40 && s.requests().length < p.entries().length; i++) await new Promise((r) => setTimeout(r, 25));
    },
  };
}

export function simEnv(sim: SimServer, url = sim.url): Record<string, string> {
  return {
    GENESYS_CLOUD_API_URL: url,
    GENESYS_CLOUD_CLIENT_ID: sim.clientId,
    GENESYS_CLOUD_CLIENT_SECRET: sim.clientSecret,
  };
}

export function tempDir(prefix = 'gcx-rel-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

/** Every file under `dir` (relative paths, sorted), dot-files included. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const p = path.join(rel, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  walk('');
  return out.sort();
}

/** /api/v2 (and /oauth/token) requests that ended in a 429 carrying a numeric Retry-After. */
function rateLimited(entries: ProxyEntry[]) {
  return entries.filter((e) => e.status === 429 && e.retryAfter !== undefined && /^\d+$/.test(e.retryAfter));
}

/**
 * Retry-After respected, from the proxy's log: after a 429 with Retry-After S that arrived at T,
 * (a) its retry (same method, url and body) arrives no earlier than T + S, and
 * (b) no other API request arrives before T + S either, except ones the client had sent before it could have read
 *     the 429 (those arrive within `inFlightGraceMs` of the 429 being relayed).
 * `toleranceMs` allows for the two clocks' granularity. Returns one line per violation.
 */
export function retryAfterViolations(entries: ProxyEntry[], toleranceMs = 50, inFlightGraceMs = 100): string[] {
  const problems: string[] = [];
  for (const r of rateLimited(entries)) {
    const waitMs = Number(r.retryAfter) * 1000;
    const earliest = r.arrivedMs + waitMs - toleranceMs;
    const later = entries.filter((e) => e.seq > r.seq);
    const retry = later.find((e) => e.method === r.method && e.url === r.url && e.bodySha === r.bodySha);
    if (!retry) problems.push(`#${r.seq} ${r.method} ${r.path}: 429 never retried`);
    else if (retry.arrivedMs < earliest) {
      problems.push(`#${r.seq} ${r.method} ${r.path}: retried after ${retry.arrivedMs - r.arrivedMs} ms; Retry-After was ${r.retryAfter} s`);
    }
    const relayed = r.relayedMs ?? r.arrivedMs;
    for (const e of later) {
      if (e === retry || e.path === '/oauth/token') continue;
      if (e.arrivedMs > relayed + inFlightGraceMs && e.arrivedMs < earliest) {
        problems.push(`#${e.seq} ${e.method} ${e.path} arrived ${e.arrivedMs - r.arrivedMs} ms after the 429 of #${r.seq} (Retry-After ${r.retryAfter} s)`);
      }
    }
  }
  return problems;
}

/** The secrets (and their first 12 characters, for a token cut short in a log line) found in `text`. */
export function leaksIn(text: string, secrets: readonly string[]): string[] {
  const found: string[] = [];
  for (const s of secrets) {
    if (s.length < 12) throw new Error(`secret "${s}" is too short to search for`);
    if (text.includes(s) || text.includes(s.slice(0, 12))) found.push(`${s.slice(0, 4)}…(${s.length} chars)`);
  }
  return found;
}

/** Secrets found in any file under `dir` except those named in `skip` (the .env that legitimately holds one). */
export function leaksInFiles(dir: string, secrets: readonly string[], skip: string[] = []): string[] {
  const found: string[] = [];
  for (const f of listFiles(dir)) {
    if (skip.includes(f)) continue;
    for (const leak of leaksIn(fs.readFileSync(path.join(dir, f), 'utf8'), secrets)) found.push(`${f}: ${leak}`);
  }
  return found;
}

/** True when a stack trace or a multi-line error got onto stderr. */
export function hasStackTrace(stderr: string): boolean {
  return /\n\s+at\s|^\s+at\s|Error: .*\n\s+at /m.test(stderr);
}
