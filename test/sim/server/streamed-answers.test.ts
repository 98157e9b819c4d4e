/**
 * Big aggregates answers are written as they are produced, a result group at a time with backpressure, instead
 * of one JSON.stringify of everything (issue 32: `sim --agents 1000` over 31 days at 15 minutes exhausted the
 * heap). The bytes stay exactly those of the whole-object answer: the hashes below were taken from it.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_BYTES_PER_AGENT, dayCacheCapacity } from '../../../src/sim/server/day-source.js';
import { DAY, openSim, type Harness } from './sim-harness.js';

const CONV = '/api/v2/analytics/conversations/aggregates/query';
const USERS = '/api/v2/analytics/users/aggregates/query';
const TWO_DAYS = '2026-11-18T00:00:00.000Z/2026-11-20T00:00:00.000Z';
const sha = (text: string) => createHash('sha256').update(text).digest('hex');

let h: Harness;
beforeAll(async () => {
  h = await openSim();
});
afterAll(() => h.close());

describe('aggregates answers larger than one piece', () => {
  it.each([
    [USERS, { interval: TWO_DAYS, granularity: 'PT15M', groupBy: ['userId'], metrics: ['tAgentRoutingStatus', 'tSystemPresence'] }, 'users'],
    [CONV, { interval: TWO_DAYS, granularity: 'PT15M', groupBy: ['userId'], metrics: ['tHandle', 'tTalkComplete', 'tHeldComplete', 'tAcw'] }, 'conversations'],
  ])('%s goes out chunked (no Content-Length), byte for byte the whole-object answer', async (path, body, kind) => {
    const r = await h.call('POST', path, { body });
    expect(r.status).toBe(200);
    expect(r.text.length).toBeGreaterThan(100_000);
    expect(r.headers.get('content-length')).toBeNull();
    expect(r.headers.get('transfer-encoding')).toBe('chunked');
    expect(r.headers.get('content-type')).toBe('application/json');
    expect({ kind, sha: sha(r.text) }).toEqual({ kind, sha: PINNED[kind] });
  });

  it('a small answer still carries its Content-Length', async () => {
    const r = await h.call('POST', CONV, { body: { interval: DAY, groupBy: ['queueId'], metrics: ['nOffered'] } });
    expect(r.status).toBe(200);
    expect(Number(r.headers.get('content-length'))).toBe(Buffer.byteLength(r.text));
  });
});

describe('the generated days kept', () => {
  it('stay within 4,000 agent-days (the 1,000-agent org keeps 4 days, about 630 MB), from 2 to 32 days', () => {
    expect(dayCacheCapacity(1000)).toBe(4);
    expect(dayCacheCapacity(1000) * 1000 * DAY_BYTES_PER_AGENT).toBeLessThan(640 * 2 ** 20);
    expect(dayCacheCapacity(40)).toBe(32);
    expect(dayCacheCapacity(125)).toBe(32);
    expect(dayCacheCapacity(500)).toBe(8);
    expect(dayCacheCapacity(5000)).toBe(2);
  });

  it('follow a budget given in agent-days (the bench keeps 8 days of 1,000 agents, as its baseline did)', () => {
    expect(dayCacheCapacity(1000, 8000)).toBe(8);
    expect(dayCacheCapacity(1000, 100)).toBe(2);
    expect(dayCacheCapacity(10, 8000)).toBe(32);
  });
});

/** SHA-256 of the answers above as the simulator wrote them before streaming (12 agents, 3 queues, seed 7). */
const PINNED: Record<string, string> = {
  users: 'e5a794b7337609a31e8baca226285744de66c58bbfbbb533e63ad9fac512eeca',
  conversations: '5ca40182e98c47ccf6b31fa8a30a40957043366c51c6a85f105766db8b06f62e',
};
