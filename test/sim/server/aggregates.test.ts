import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationAggregateResponse, UserAggregateResponse } from '../../../src/api/schemas.js';
import { DAY, openSim, shapeOf, type Harness } from './sim-harness.js';

const CONV = '/api/v2/analytics/conversations/aggregates/query';
const USERS = '/api/v2/analytics/users/aggregates/query';
const ERROR_SHAPE = shapeOf(JSON.parse(readFileSync(new URL('../../fixtures/genesys/error-404-body-js-sdk-readme.json', import.meta.url), 'utf8')));

let h: Harness;
beforeAll(async () => {
  h = await openSim();
});
afterAll(() => h.close());

describe('POST /api/v2/analytics/conversations/aggregates/query', () => {
  it('answers a real query with the real response shape: n* carry only count, t* max/min/count/sum', async () => {
    const r = await h.call('POST', CONV, { body: { interval: DAY, groupBy: ['queueId'], metrics: ['nOffered', 'tAnswered', 'tHandle'] } });
    expect(r.status).toBe(200);
    const body = ConversationAggregateResponse.parse(r.json);
    // Grouped by queueId only, each group still carries mediaType, as the real API adds it.
    expect([...new Set(body.results!.map((x) => x.group.queueId))].sort()).toEqual(h.sim.org.queues.map((q) => q.id).sort());
    for (const x of body.results!) expect(Object.keys(x.group).sort()).toEqual(['mediaType', 'queueId']);
    const metrics = body.results!.flatMap((x) => x.data.flatMap((d) => d.metrics));
    for (const m of metrics.filter((x) => x.metric === 'nOffered')) expect(Object.keys(m.stats!)).toEqual(['count']);
    for (const m of metrics.filter((x) => x.metric !== 'nOffered')) expect(Object.keys(m.stats!).sort()).toEqual(['count', 'max', 'min', 'sum']);
    expect(body.results![0]!.data[0]!.interval).toBe('2026-11-19T00:00:00.000Z/2026-11-20T00:00:00.000Z');
  });

  it.each([
    ['view', { view: 'conversations', interval: DAY, metrics: ['nOffered'] }, /"view"/],
    ['dateRange', { dateRange: { from: '2026-11-19', to: '2026-11-20' }, metrics: ['nOffered'] }, /"dateRange"|"interval"/],
    ['select', { interval: DAY, select: ['answered', 'wait_time'], metrics: ['nOffered'] }, /"select"/],
  ])('rejects the tutorial field %s with 400 bad.request and the real error body', async (_name, body, message) => {
    const r = await h.call('POST', CONV, { body });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ code: 'bad.request', status: 400 });
    expect(r.json.message).toMatch(message);
    expect(shapeOf(r.json)).toEqual(ERROR_SHAPE);
  });

  it('names a field of the wrong type', async () => {
    const r = await h.call('POST', CONV, { body: { interval: DAY, metrics: 'nOffered' } });
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/"metrics"/);
  });

  it('passes the engine’s semantic errors through as 400 with its code', async () => {
    const r = await h.call('POST', CONV, { body: { interval: '2026-11-20T00:00:00Z/2026-11-19T00:00:00Z', metrics: ['nOffered'] } });
    expect(r.status).toBe(400);
    expect(['bad.request', 'invalid.date', 'invalid.value']).toContain(r.json.code);
    expect(shapeOf(r.json)).toEqual(ERROR_SHAPE);
  });
});

describe('POST /api/v2/analytics/users/aggregates/query', () => {
  const statusSums = async (interval: string) => {
    const r = await h.call('POST', USERS, { body: { interval, groupBy: ['userId'], metrics: ['tAgentRoutingStatus'] } });
    expect(r.status).toBe(200);
    const body = UserAggregateResponse.parse(r.json);
    const sums = new Map<string, number>();
    for (const res of body.results ?? []) {
      for (const m of res.data.flatMap((d) => d.metrics)) {
        expect(m.qualifier).toMatch(/^(OFF_QUEUE|IDLE|INTERACTING|COMMUNICATING|NOT_RESPONDING)$/);
        sums.set(res.group.userId!, (sums.get(res.group.userId!) ?? 0) + m.stats!.sum!);
      }
    }
    return sums;
  };

  it('gives every agent exactly 24 h of routing status over a finished day', async () => {
    const sums = await statusSums(DAY);
    expect([...sums.keys()].sort()).toEqual(h.sim.org.agents.map((a) => a.id).sort());
    for (const total of sums.values()) expect(total).toBe(86_400_000);
  });

  it('counts today’s status only up to now (12:00 UTC)', async () => {
    const sums = await statusSums('2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z');
    expect(sums.size).toBe(h.sim.org.agents.length);
    for (const total of sums.values()) expect(total).toBe(12 * 3_600_000);
  });
});
