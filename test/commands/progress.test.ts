/**
 * The progress line a person at a terminal sees: there from the start, saying when a request is retried or waits,
 * counting requests in both reports, and closed by "wrote N rows to FILE".
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { parseOccupancyOptions, parseServiceLevelOptions } from '../../src/cli/options.js';
import { runOccupancy } from './support.js';
import { runServiceLevel } from './support.js';
import { createProgress } from '../../src/output/progress.js';
import { API, json, testDeps, token } from './support.js';

useNockGuard();

const AGG = '/api/v2/analytics/conversations/aggregates/query';
const USERS = '/api/v2/analytics/users/aggregates/query';
const ERR503 = { status: 503, code: 'service.unavailable', message: 'x', contextId: 'c1' };

/** testDeps with stderr a terminal. */
function terminalDeps(now: string) {
  const t = testDeps(now);
  Object.assign(t.deps.stderr, { isTTY: true, columns: 120 });
  return t;
}

describe('progress on a terminal', () => {
  it('occupancy: starts at once, shows a 503 retry, counts requests, ends with "wrote N rows to stdout"', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).post(AGG).reply(503, ERR503, json).post(AGG).reply(200, {}, json);
    nock(API).post(USERS).reply(200, {}, json);
    const { deps, stderr } = terminalDeps('2026-11-20T10:05:00Z');
    await runOccupancy(parseOccupancyOptions({ since: '1h', tz: 'UTC', format: 'csv' }), deps);
    const err = stderr();
    expect(err.startsWith(`\r[${'.'.repeat(24)}] starting`)).toBe(true);
    expect(err).toMatch(/\] 503: retrying in [12] s/); // equal jitter: 1–2 s
    expect(err).toMatch(/\] 2\/2 requests/);
    // No agent had activity: a header and no rows.
    expect(err.endsWith('\rwrote 0 rows to stdout\n')).toBe(true);
  });

  it('service-level counts in the same unit and names the file it wrote', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).post(AGG).reply(200, {}, json);
    const { deps, stderr } = terminalDeps('2026-11-20T10:05:00Z');
    const out = `${deps.cwd}/sl.csv`;
    await runServiceLevel(parseServiceLevelOptions({ threshold: '20', since: '1h', tz: 'UTC', output: out }), deps);
    expect(stderr()).toMatch(/\] 1\/1 requests/);
    expect(stderr().endsWith(`wrote 0 rows to ${out}\n`)).toBe(true);
  });

  it('a pipe (cron) gets neither the line nor the closing message', async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API).post(AGG).reply(200, {}, json);
    const { deps, stderr } = testDeps('2026-11-20T10:05:00Z');
    await runServiceLevel(parseServiceLevelOptions({ threshold: '20', since: '1h', tz: 'UTC' }), deps);
    expect(stderr()).toBe('');
  });
});

describe('createProgress notes', () => {
  it('shows a note after the count until the next update', () => {
    const writes: string[] = [];
    const stream = { columns: 80, write: (s: string) => writes.push(s) > 0 } as unknown as NodeJS.WriteStream;
    const p = createProgress({ stream, enabled: true });
    p.note('starting');
    p.update(1, 4, 'requests');
    p.note('rate limited: waiting 12 s');
    p.update(2, 4, 'requests');
    expect(writes.map((w) => w.trimEnd())).toEqual([
      `\r[${'.'.repeat(24)}] starting`,
      `\r[${'#'.repeat(6)}${'.'.repeat(18)}] 1/4 requests`,
      `\r[${'#'.repeat(6)}${'.'.repeat(18)}] 1/4 requests rate limited: waiting 12 s`,
      `\r[${'#'.repeat(12)}${'.'.repeat(12)}] 2/4 requests`,
    ]);
  });
});
