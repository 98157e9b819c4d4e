import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ConversationAggregateQuerySchema, UserAggregateQuerySchema } from '../../../src/sim/engine/index.js';

const sample = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../fixtures/genesys/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const INTERVAL = '2026-11-20T00:00:00.000Z/2026-11-21T00:00:00.000Z';

describe('ConversationAggregateQuerySchema', () => {
  const real = { ...sample('conversation-aggregates-query-request-sl-open-data-exporter.json'), interval: INTERVAL };

  it('accepts the open-data-exporter service-level request and a full body with views', () => {
    expect(ConversationAggregateQuerySchema.safeParse(real).success).toBe(true);
    const full = {
      interval: INTERVAL, granularity: 'PT30M', timeZone: 'Europe/London', groupBy: ['queueId', 'mediaType'],
      filter: { type: 'or', clauses: [{ type: 'and', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'q' }] }] },
      metrics: ['nOffered', 'tAnswered', 'tHeld', 'oServiceLevel'],
      views: [{ target: 'tAnswered', name: 'within', function: 'rangeBound', range: { lt: 20001 } }],
      flattenMultivaluedDimensions: true, alternateTimeDimension: 'eventTime',
    };
    expect(ConversationAggregateQuerySchema.safeParse(full).success).toBe(true);
  });

  it.each([
    ['view', { view: 'queue' }],
    ['dateRange', { dateRange: { from: '2026-11-20', to: '2026-11-21' } }],
    ['select', { select: ['nOffered'] }],
    ['wait_time', { wait_time: 20 }],
  ])('rejects the tutorial field %s', (_, extra) => {
    expect(ConversationAggregateQuerySchema.safeParse({ ...real, ...extra }).success).toBe(false);
  });

  it('rejects made-up metric and dimension names and malformed filters and views', () => {
    const bad = [
      { ...real, metrics: ['tHold'] },
      { ...real, metrics: [] },
      { ...real, groupBy: ['queue'] },
      { ...real, groupBy: ['weekDay'] },
      { ...real, filter: { type: 'and', predicates: [{ dimension: 'mediaType', value: 'voice', extra: 1 }] } },
      { ...real, filter: { type: 'xor', predicates: [] } },
      { ...real, views: [{ target: 'tAnswered', name: 'p', function: 'percentile', range: { lt: 1 } }] },
      // AggregationRange has only gte and lt: a view range with lte or gt is not the real API's.
      { ...real, views: [{ target: 'tAnswered', name: 'p', function: 'rangeBound', range: { lte: 20000 } }] },
      { ...real, views: [{ target: 'tAnswered', name: 'p', function: 'rangeBound', range: { gt: 0, lt: 20001 } }] },
      { interval: INTERVAL },
    ];
    for (const body of bad) expect(ConversationAggregateQuerySchema.safeParse(body).success, JSON.stringify(body)).toBe(false);
    const err = ConversationAggregateQuerySchema.safeParse({ ...real, metrics: ['tHold'] });
    expect(err.error?.issues[0]?.message).toContain('"tHold"');
  });
});

describe('UserAggregateQuerySchema', () => {
  const real = { ...sample('users-aggregates-query-request-open-data-exporter.json'), interval: INTERVAL };

  it('accepts the open-data-exporter users request', () => {
    expect(UserAggregateQuerySchema.safeParse(real).success).toBe(true);
    expect(UserAggregateQuerySchema.safeParse({ ...real, groupBy: [] }).success).toBe(true);
  });

  it('rejects other dimensions, conversation metrics and unknown keys', () => {
    expect(UserAggregateQuerySchema.safeParse({ ...real, groupBy: ['queueId'] }).success).toBe(false);
    expect(UserAggregateQuerySchema.safeParse({ ...real, groupBy: ['userId', 'userId'] }).success).toBe(false);
    expect(UserAggregateQuerySchema.safeParse({ ...real, metrics: ['tHandle'] }).success).toBe(false);
    expect(UserAggregateQuerySchema.safeParse({ ...real, routingStatus: 'IDLE' }).success).toBe(false);
  });
});
