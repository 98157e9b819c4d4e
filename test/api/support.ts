/** Test doubles for the api and auth suites: a clock that records sleeps and jumps time, a collecting logger. */
import type { Clock } from '../../src/clock.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { TokenProvider } from '../../src/auth/token-provider.js';

export const T0 = Date.UTC(2026, 10, 21, 12, 0, 0);

export interface FakeClock extends Clock {
  sleeps: number[];
  advance(ms: number): void;
}

export function fakeClock(start = T0): FakeClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    now: () => now,
    async sleep(ms, signal) {
      if (signal?.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
    advance(ms) {
      now += ms;
    },
  };
}

/** A verbose logger whose lines (already redacted by createLogger) are kept; `raw` keeps what it was handed. */
export function collectingLogger(): { logger: Logger; lines: string[]; raw: string[] } {
  const lines: string[] = [];
  const raw: string[] = [];
  const inner = createLogger('verbose', (l) => lines.push(l));
  const keep = (f: (m: string) => void) => (m: string) => {
    raw.push(m);
    f(m);
  };
  return {
    logger: { error: keep(inner.error), warn: keep(inner.warn), info: keep(inner.info), debug: keep(inner.debug) },
    lines,
    raw,
  };
}

/** Tokens tok-1, tok-2, … handed out in turn; `fetches` counts refreshes, `invalidated` what was dropped. */
export function stubTokens(): TokenProvider & { fetches: number; invalidated: Array<string | undefined> } {
  let current: string | undefined;
  const stub = {
    fetches: 0,
    invalidated: [] as Array<string | undefined>,
    async getToken() {
      if (!current) current = `tok-${++stub.fetches}`;
      return current;
    },
    invalidate(token?: string) {
      stub.invalidated.push(token);
      if (token === undefined || token === current) current = undefined;
    },
  };
  return stub;
}
