/**
 * Numbers from the API are checked as the --input path checks them: a count that is negative, fractional or past
 * 2^53, a sum that is negative or not finite or absurd, a group, data point, metric or view given twice (it would
 * be counted twice) is exit 4 naming where; an interval start with any ISO-8601 offset is read as the instant it names.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { queryConversationAggregates, streamAggregates } from '../../src/api/analytics.js';
import { createApiClient } from '../../src/api/http.js';
import { usableAggregates } from '../../src/api/usable-records.js';
import { ApiError } from '../../src/errors.js';
import { forEachAggregatePoint } from '../../src/metrics/aggregate-points.js';
import { MalformedRecordError } from '../../src/records/malformed-record-error.js';
import { useNockGuard, json } from '../nock-guard.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

useNockGuard();

const API = 'https://api.test.example';
const AGG = '/api/v2/analytics/conversations/aggregates/query';
const I1 = '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z';
const I2 = '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z';
type Stats = Record<string, number>;
const point = (interval: string, stats: Stats, metric = 'tHandle') => ({ interval, metrics: [{ metric, stats }], views: [] });
const response = (...data: ReturnType<typeof point>[]) => ({ results: [{ group: { queueId: 'q1', mediaType: 'voice' }, data }] });
const errorOf = (r: { results: unknown[] }) => {
  try {
    usableAggregates(r as Parameters<typeof usableAggregates>[0]);
  } catch (error) {
    expect(error).toBeInstanceOf(MalformedRecordError);
    return (error as Error).message;
  }
  return 'accepted';
};

describe('usableAggregates refuses numbers that would print a wrong report', () => {
  it.each([
    ['a negative count', { count: -3 }, 'at results[0].data[0].metrics[0].stats.count: expected a whole number from 0 to 2^53, got -3'],
    ['a fractional count', { count: 7.5 }, 'at results[0].data[0].metrics[0].stats.count: expected a whole number from 0 to 2^53, got 7.5'],
    ['a count past 2^53', { count: 2 ** 53 + 2 }, 'at results[0].data[0].metrics[0].stats.count: expected a whole number from 0 to 2^53, got 9007199254740994'],
    ['a negative sum', { count: 1, sum: -1000 }, 'at results[0].data[0].metrics[0].stats.sum: expected a number of milliseconds from 0 to 2^53, got -1000'],
    ['a sum of 1.8e308 (Infinity once parsed)', JSON.parse('{"count":1,"sum":1.8e308}') as Stats, 'at results[0].data[0].metrics[0].stats.sum: expected a number of milliseconds from 0 to 2^53, got Infinity'],
    ['an absurd sum', { count: 1, sum: 1e300 }, 'at results[0].data[0].metrics[0].stats.sum: expected a number of milliseconds from 0 to 2^53, got 1e+300'],
  ])('%s', (_name, stats, message) => {
    expect(errorOf(response(point(I1, stats)))).toBe(message);
  });

  it('accepts zero, whole counts up to 2^53 - 1 and fractional sums', () => {
    expect(errorOf(response(point(I1, { count: 0, sum: 0 }), point(I2, { count: 2 ** 53 - 1, sum: 1500.5 })))).toBe('accepted');
  });

  it('a view count is checked too', () => {
    const r = { results: [{ group: { queueId: 'q1' }, data: [{ interval: I1, metrics: [], views: [{ name: 'oServiceLevel', stats: { count: -1 } }] }] }] };
    expect(errorOf(r)).toBe('at results[0].data[0].views[0].stats.count: expected a whole number from 0 to 2^53, got -1');
  });

  it('a result group given twice, its keys in another order, is refused', () => {
    const r = { results: [{ group: { queueId: 'q1', mediaType: 'voice' }, data: [] }, { group: { mediaType: 'voice', queueId: 'q1' }, data: [] }] };
    expect(errorOf(r)).toBe('at results[1].group: the group {"mediaType":"voice","queueId":"q1"} appears twice (its counts would be added twice)');
  });

  it('a data point given twice, also out of order, is refused', () => {
    expect(errorOf(response(point(I1, { count: 1 }), point(I2, { count: 1 }), point(I1, { count: 1 })))).toBe(
      `at results[0].data: the interval ${I1} appears twice (its counts would be added twice)`,
    );
    expect(errorOf(response(point(I2, { count: 1 }), point(I1, { count: 1 })))).toBe('accepted');
  });

  it('a metric given twice in one data point (same qualifier) is refused', () => {
    const r = { results: [{ group: { userId: 'u1' }, data: [{ interval: I1, views: [], metrics: [
      { metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 60_000 } },
      { metric: 'tAgentRoutingStatus', qualifier: 'INTERACTING', stats: { sum: 60_000 } },
      { metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 60_000 } },
    ] }] }] };
    expect(errorOf(r)).toBe('at results[0].data[0].metrics[2]: tAgentRoutingStatus (IDLE) appears twice in one data point');
  });

  it('reads an interval start in any ISO-8601 offset as the instant it names', () => {
    const at = Date.UTC(2026, 10, 20, 9, 30);
    const starts: number[] = [];
    const forms = ['2026-11-20T10:30:00.000+01:00', '2026-11-20T04:30:00-05:00', '2026-11-20T10:30:00.000+01', '2026-11-20T9:30:00.000Z', '2026-11-20T10:30:00,000+01:00', '2026-11-20T09:30:00'];
    const usable = usableAggregates({ results: forms.map((f, i) => ({ group: { queueId: `q${i}` }, data: [point(`${f}/x`, { count: 1 })] })) } as never);
    forEachAggregatePoint(usable, (ms) => ms, (_group, startMs) => starts.push(startMs));
    expect(starts).toEqual(forms.map(() => at));
  });

  it('refuses an interval that is not ISO-8601 instead of dropping its point', () => {
    expect(errorOf(response(point('yesterday/today', { count: 1 })))).toBe('at results[0].data[0].interval: expected an ISO-8601 interval, got "yesterday/today"');
  });
});

describe('the API paths name the endpoint (exit 4)', () => {
  const client = () => createApiClient({ apiUrl: API, tokens: stubTokens(), clock: fakeClock(), logger: collectingLogger().logger, random: () => 0 });

  it('a whole-body aggregates query', async () => {
    nock(API).post(AGG).reply(200, response(point(I1, { count: -3 })), json);
    const error = (await queryConversationAggregates(client(), { interval: 'x', metrics: ['tHandle'] }).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.exitCode).toBe(4);
    expect(error.message).toBe(`POST ${AGG} response does not match the API schema at results[0].data[0].metrics[0].stats.count: expected a whole number from 0 to 2^53, got -3`);
  });

  it('a number beyond a double (1e400) is named as such, not "expected number, got number"', async () => {
    nock(API).post(AGG).reply(200, `{"results":[{"group":{"queueId":"q1"},"data":[{"interval":"${I1}","metrics":[{"metric":"tHandle","stats":{"count":1,"sum":1e400}}]}]}]}`, json);
    const error = (await queryConversationAggregates(client(), { interval: 'x', metrics: ['tHandle'] }).catch((e: unknown) => e)) as ApiError;
    expect(error.message).toBe(`POST ${AGG} response does not match the API schema at results[0].data[0].metrics[0].stats.sum: expected number, got Infinity (a number beyond ±1.8e308)`);
  });

  it('a streamed aggregates query, where the duplicate is in a later group', async () => {
    const body = { results: [{ group: { queueId: 'q1' }, data: [point(I1, { count: 1 })] }, { group: { queueId: 'q2' }, data: [] }, { group: { queueId: 'q1' }, data: [point(I2, { count: 1 })] }] };
    nock(API).post(AGG).reply(200, body, json);
    const fold = { start: () => 0, add: () => {} };
    const error = (await streamAggregates(client(), 'conversations', { interval: 'x', metrics: ['tHandle'] }, fold).catch((e: unknown) => e)) as ApiError;
    expect(error).toBeInstanceOf(ApiError);
    expect(error.message).toBe(`POST ${AGG} response does not match the API schema at results[2].group: the group {"queueId":"q1"} appears twice (its counts would be added twice)`);
  });
});
