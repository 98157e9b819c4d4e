import { describe, expect, it } from 'vitest';
import { aggregateConversations, SimQueryError, type ConversationAggregateQuery } from '../../../src/sim/engine/index.js';
import { createOrg } from '../../../src/sim/data/index.js';
import { acd, agent, conv, m, Q1, Q2, U1, U2 } from './builders.js';

const HOUR_0900 = '2026-11-20T09:00:00.000Z/2026-11-20T11:00:00.000Z';
const q = (over: Partial<ConversationAggregateQuery>): ConversationAggregateQuery => ({ interval: HOUR_0900, metrics: ['nOffered'], ...over });

describe('aggregateConversations: buckets', () => {
  const convs = [
    conv(acd({ queueId: Q1, metrics: [m('nOffered', 1, '2026-11-20T09:10:00.000Z'), m('tAcd', 8000, '2026-11-20T09:29:59.999Z')] })),
    // Emitted exactly on the 09:30 boundary: belongs to the bucket that starts there.
    conv(acd({ queueId: Q1, metrics: [m('nOffered', 1, '2026-11-20T09:30:00.000Z'), m('tAcd', 12000, '2026-11-20T09:30:00.000Z')] })),
    conv(acd({ queueId: Q2, metrics: [m('nOffered', 1, '2026-11-20T10:45:00.000Z')] })),
    // Outside the interval on both sides.
    conv(acd({ queueId: Q1, metrics: [m('nOffered', 1, '2026-11-20T08:59:59.999Z'), m('nOffered', 1, '2026-11-20T11:00:00.000Z')] })),
  ];

  it('puts each metric in the 30-minute bucket holding its emitDate, boundaries to the later bucket', () => {
    const r = aggregateConversations(q({ granularity: 'PT30M', groupBy: ['queueId'], metrics: ['nOffered', 'tAcd'] }), convs);
    expect(r).toEqual({
      results: [
        { group: { queueId: Q1 }, data: [
          { interval: '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z', metrics: [
            { metric: 'nOffered', stats: { count: 1 } },
            { metric: 'tAcd', stats: { max: 8000, min: 8000, count: 1, sum: 8000 } },
          ] },
          { interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z', metrics: [
            { metric: 'nOffered', stats: { count: 1 } },
            { metric: 'tAcd', stats: { max: 12000, min: 12000, count: 1, sum: 12000 } },
          ] },
        ] },
        { group: { queueId: Q2 }, data: [
          { interval: '2026-11-20T10:30:00.000Z/2026-11-20T11:00:00.000Z', metrics: [{ metric: 'nOffered', stats: { count: 1 } }] },
        ] },
      ],
    });
  });

  it('defaults the granularity to the whole interval and sums across groups when not grouped', () => {
    const r = aggregateConversations(q({ metrics: ['nOffered', 'tAcd'] }), convs);
    expect(r).toEqual({ results: [{ group: {}, data: [{ interval: HOUR_0900, metrics: [
      { metric: 'nOffered', stats: { count: 3 } },
      { metric: 'tAcd', stats: { max: 12000, min: 8000, count: 2, sum: 20000 } },
    ] }] }] });
  });

  it('omits metrics without data, and answers {} when nothing matches', () => {
    const r = aggregateConversations(q({ metrics: ['tDialing', 'nOffered'] }), convs) as { results: Array<{ data: Array<{ metrics: Array<{ metric: string }> }> }> };
    expect(r.results[0]?.data[0]?.metrics.map((x) => x.metric)).toEqual(['nOffered']);
    expect(aggregateConversations(q({ metrics: ['tDialing'] }), convs)).toEqual({});
    expect(aggregateConversations(q({ interval: '2026-11-21T00:00:00Z/2026-11-22T00:00:00Z' }), convs)).toEqual({});
  });

  it('steps 30-minute buckets from a +05:45 interval start in Asia/Kathmandu', () => {
    const c = [conv(acd({ queueId: Q1, metrics: [
      m('nOffered', 1, '2026-11-19T18:44:59.999Z'), // 00:29:59.999 local: first bucket
      m('nOffered', 1, '2026-11-19T18:45:00.000Z'), // 00:30 local: second
      m('nOffered', 1, '2026-11-19T19:20:00.000Z'), // 01:05 local: third
    ] }))];
    const r = aggregateConversations({ interval: '2026-11-20T00:00:00+05:45/2026-11-20T02:00:00+05:45', granularity: 'PT30M', timeZone: 'Asia/Kathmandu', metrics: ['nOffered'] }, c);
    expect(r).toEqual({ results: [{ group: {}, data: [
      { interval: '2026-11-19T18:15:00.000Z/2026-11-19T18:45:00.000Z', metrics: [{ metric: 'nOffered', stats: { count: 1 } }] },
      { interval: '2026-11-19T18:45:00.000Z/2026-11-19T19:15:00.000Z', metrics: [{ metric: 'nOffered', stats: { count: 1 } }] },
      { interval: '2026-11-19T19:15:00.000Z/2026-11-19T19:45:00.000Z', metrics: [{ metric: 'nOffered', stats: { count: 1 } }] },
    ] }] });
  });

  it('makes P1D buckets calendar days in Europe/London, 25 hours on the day DST ends', () => {
    const c = [conv(acd({ queueId: Q1, metrics: [
      m('nOffered', 1, '2026-10-24T22:59:59.999Z'), // 23:59:59.999 BST on the 24th
      m('nOffered', 1, '2026-10-24T23:00:00.000Z'), // 00:00 BST on the 25th
      m('nOffered', 1, '2026-10-25T23:30:00.000Z'), // 23:30 GMT on the 25th: still the 25th
      m('nOffered', 1, '2026-10-26T00:00:00.000Z'), // 00:00 GMT on the 26th
    ] }))];
    const r = aggregateConversations({ interval: '2026-10-24T00:00:00+01:00/2026-10-27T00:00:00Z', granularity: 'P1D', timeZone: 'Europe/London', metrics: ['nOffered'] }, c);
    expect(r).toEqual({ results: [{ group: {}, data: [
      { interval: '2026-10-23T23:00:00.000Z/2026-10-24T23:00:00.000Z', metrics: [{ metric: 'nOffered', stats: { count: 1 } }] },
      { interval: '2026-10-24T23:00:00.000Z/2026-10-26T00:00:00.000Z', metrics: [{ metric: 'nOffered', stats: { count: 2 } }] },
      { interval: '2026-10-26T00:00:00.000Z/2026-10-27T00:00:00.000Z', metrics: [{ metric: 'nOffered', stats: { count: 1 } }] },
    ] }] });
  });
});

describe('aggregateConversations: service level, views, filters, groups', () => {
  const t = '2026-11-20T09:15:00.000Z';
  const answered = (userId: string, queueId: string, ms: number, media = 'voice', over = false) => conv(
    acd({ queueId, media, metrics: [m('nOffered', 1, t), m('tAcd', ms, t)] }),
    agent(userId, { queueId, media, wrapUpCode: 'w-1', metrics: [m('tAnswered', ms, t), ...(over ? [m('nOverSla', 1, t)] : []), m('tHandle', 300000, '2026-11-20T09:30:00.000Z')] }),
  );
  const abandoned = (queueId: string, ms: number, media = 'voice') => conv(acd({ queueId, media, metrics: [m('nOffered', 1, t), m('tAbandon', ms, t)] }));
  const convs = [
    answered(U1, Q1, 20000),
    answered(U1, Q1, 20001, 'voice', true),
    answered(U2, Q1, 5000),
    answered(U2, Q2, 90000, 'chat', true),
    abandoned(Q1, 4000),
    abandoned(Q1, 10000),
    abandoned(Q1, 45000),
  ];

  it('counts a 20000 ms answer within a rangeBound lt 20001 view, and 20001 ms outside', () => {
    const r = aggregateConversations(q({ filter: { type: 'and', predicates: [{ dimension: 'queueId', value: Q1 }] }, metrics: ['tAnswered'],
      views: [{ name: 'answeredWithin20s', target: 'tAnswered', function: 'rangeBound', range: { lt: 20001 } }] }), convs);
    expect(r).toEqual({ results: [{ group: {}, data: [{ interval: HOUR_0900,
      metrics: [{ metric: 'tAnswered', stats: { max: 20001, min: 5000, count: 3, sum: 45001 } }],
      views: [{ name: 'answeredWithin20s', stats: { max: 20000, min: 5000, count: 2, sum: 25000 } }] }] }] });
  });

  it('gives oServiceLevel as (answered − nOverSla) / (answered + abandoned), with the queue target when queues are given', () => {
    const org = createOrg({ seed: 1 });
    const queue = { ...org.queues[0]!, id: Q1 };
    const body = q({ groupBy: ['queueId'], filter: { type: 'and', predicates: [{ dimension: 'mediaType', value: 'voice' }] }, metrics: ['oServiceLevel', 'tAbandon', 'tShortAbandon'] });
    const r = aggregateConversations(body, convs, { queues: [queue] });
    // Q1 voice: 3 answered, 1 over target, 3 abandoned -> 2 / 6; abandons under 10 s are short: only the 4000 ms one.
    expect(r).toEqual({ results: [{ group: { queueId: Q1 }, data: [{ interval: HOUR_0900, metrics: [
      { metric: 'oServiceLevel', stats: { ratio: 2 / 6, numerator: 2, denominator: 6, target: queue.mediaSettings.call.serviceLevel!.percentage } },
      { metric: 'tAbandon', stats: { max: 45000, min: 4000, count: 3, sum: 59000 } },
      { metric: 'tShortAbandon', stats: { max: 4000, min: 4000, count: 1, sum: 4000 } },
    ] }] }] });
    const noTarget = aggregateConversations(body, convs) as { results: Array<{ data: Array<{ metrics: Array<{ stats: object }> }> }> };
    expect(noTarget.results[0]?.data[0]?.metrics[0]?.stats).toEqual({ ratio: 2 / 6, numerator: 2, denominator: 6 });
  });

  it('filters by queueId or mediaType, with clauses and exists/notExists', () => {
    const count = (filter: ConversationAggregateQuery['filter']): unknown =>
      (aggregateConversations(q({ filter, metrics: ['nOffered'] }), convs) as { results?: Array<{ data: Array<{ metrics: Array<{ stats: { count: number } }> }> }> })
        .results?.[0]?.data[0]?.metrics[0]?.stats.count;
    expect(count(undefined)).toBe(7);
    expect(count({ type: 'and', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: Q2 }] })).toBe(1);
    expect(count({ type: 'and', predicates: [{ dimension: 'mediaType', value: 'chat' }] })).toBe(1);
    expect(count({ type: 'or', predicates: [{ dimension: 'mediaType', value: 'chat' }, { dimension: 'queueId', value: Q1 }] })).toBe(7);
    expect(count({ type: 'and', clauses: [
      { type: 'or', predicates: [{ dimension: 'queueId', value: Q1 }, { dimension: 'queueId', value: Q2 }] },
      { type: 'and', predicates: [{ dimension: 'mediaType', value: 'voice' }] },
    ] })).toBe(6);
    // nOffered lives on acd sessions, which carry no userId.
    expect(count({ type: 'and', predicates: [{ dimension: 'userId', operator: 'notExists' }] })).toBe(7);
    expect(count({ type: 'and', predicates: [{ dimension: 'userId', operator: 'exists' }] })).toBeUndefined();
    expect(count({ type: 'and', predicates: [{ dimension: 'queueId', value: 'nope' }] })).toBeUndefined();
  });

  it('groups by the dimensions an observation has: agent metrics by user, acd metrics without one', () => {
    const r = aggregateConversations(q({ groupBy: ['queueId', 'userId'], filter: { type: 'and', predicates: [{ dimension: 'queueId', value: Q1 }] }, metrics: ['nOffered', 'tHandle', 'tAnswered'] }), convs);
    expect(r).toEqual({ results: [
      { group: { queueId: Q1 }, data: [{ interval: HOUR_0900, metrics: [{ metric: 'nOffered', stats: { count: 6 } }] }] },
      { group: { queueId: Q1, userId: U1 }, data: [{ interval: HOUR_0900, metrics: [
        { metric: 'tHandle', stats: { max: 300000, min: 300000, count: 2, sum: 600000 } },
        { metric: 'tAnswered', stats: { max: 20001, min: 20000, count: 2, sum: 40001 } },
      ] }] },
      { group: { queueId: Q1, userId: U2 }, data: [{ interval: HOUR_0900, metrics: [
        { metric: 'tHandle', stats: { max: 300000, min: 300000, count: 1, sum: 300000 } },
        { metric: 'tAnswered', stats: { max: 5000, min: 5000, count: 1, sum: 5000 } },
      ] }] },
    ] });
  });

  it('groups by wrapUpCode from the wrap-up segment', () => {
    const r = aggregateConversations(q({ groupBy: ['wrapUpCode'], metrics: ['tHandle'] }), convs) as { results: Array<{ group: object }> };
    expect(r.results.map((x) => x.group)).toEqual([{ wrapUpCode: 'w-1' }]);
  });
});

describe('aggregateConversations: semantic errors', () => {
  const code = (body: ConversationAggregateQuery): string | undefined => {
    try {
      aggregateConversations(body, []);
      return undefined;
    } catch (e) {
      expect(e).toBeInstanceOf(SimQueryError);
      return (e as SimQueryError).code;
    }
  };
  it('rejects bad intervals, granularities, zones, metrics and views', () => {
    expect(code(q({ interval: '2026-11-20T09:00:00/2026-11-20T10:00:00' }))).toBe('invalid.date');
    expect(code(q({ interval: '2026-11-20T10:00:00Z/2026-11-20T09:00:00Z' }))).toBe('invalid.date');
    expect(code(q({ granularity: 'PT7M' }))).toBe('invalid.value');
    expect(code(q({ granularity: 'PT30S' }))).toBe('invalid.value');
    expect(code(q({ granularity: '30m' }))).toBe('invalid.value');
    expect(code(q({ timeZone: 'Mars/Olympus' }))).toBe('invalid.value');
    expect(code(q({ metrics: ['tHold'] }))).toBe('invalid.value');
    const view = { name: 'v', target: 'tAnswered', function: 'rangeBound' as const, range: { lt: 20001 } };
    expect(code(q({ views: Array.from({ length: 11 }, (_, i) => ({ ...view, name: `v${i}` })) }))).toBe('bad.request');
    expect(code(q({ views: [{ ...view, name: 'tAnswered' }] }))).toBe('bad.request');
    expect(code(q({ views: [{ ...view, target: 'nOffered' }] }))).toBe('invalid.value');
    expect(code(q({ views: Array.from({ length: 10 }, (_, i) => ({ ...view, name: `v${i}` })) }))).toBeUndefined();
    expect(code(q({ granularity: 'PT15M' }))).toBeUndefined();
  });
});
