import { describe, expect, it } from 'vitest';
import type { StatusSpan } from '../../../src/sim/data/index.js';
import { aggregateUserStatus, SimQueryError, SYSTEM_PRESENCE_IDS, type UserAggregateQuery } from '../../../src/sim/engine/index.js';
import { U1, U2 } from './builders.js';

const at = (hhmm: string): number => Date.parse(`2026-11-20T${hhmm}:00.000Z`);
const span = (userId: string, status: StatusSpan['status'], from: string, to: string): StatusSpan => ({ userId, status, startMs: at(from), endMs: at(to) });
const MIN = 60_000;
const base: UserAggregateQuery = { interval: '2026-11-20T09:00:00Z/2026-11-20T10:30:00Z', granularity: 'PT30M', groupBy: ['userId'], metrics: ['tAgentRoutingStatus'] };

describe('aggregateUserStatus', () => {
  const spans = [
    span(U1, 'OFF_QUEUE', '08:00', '09:10'),
    span(U1, 'INTERACTING', '09:10', '10:20'),
    span(U1, 'IDLE', '10:20', '11:00'),
    span(U2, 'IDLE', '09:00', '09:45'),
  ];

  it('slices a 09:10-10:20 span into 20, 30 and 20 minutes of three 30-minute buckets', () => {
    const r = aggregateUserStatus({ ...base, filter: { type: 'or', predicates: [{ dimension: 'userId', value: U1 }] } }, spans);
    expect(r.results).toEqual([{ group: { userId: U1 }, data: [
      { interval: '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z', metrics: [
        { metric: 'tAgentRoutingStatus', qualifier: 'OFF_QUEUE', stats: { sum: 10 * MIN } },
        { metric: 'tAgentRoutingStatus', qualifier: 'INTERACTING', stats: { sum: 20 * MIN } },
      ] },
      { interval: '2026-11-20T09:30:00.000Z/2026-11-20T10:00:00.000Z', metrics: [
        { metric: 'tAgentRoutingStatus', qualifier: 'INTERACTING', stats: { sum: 30 * MIN } },
      ] },
      { interval: '2026-11-20T10:00:00.000Z/2026-11-20T10:30:00.000Z', metrics: [
        { metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 10 * MIN } },
        { metric: 'tAgentRoutingStatus', qualifier: 'INTERACTING', stats: { sum: 20 * MIN } },
      ] },
    ] }]);
    expect(r.systemToOrganizationMappings.ON_QUEUE).toEqual([SYSTEM_PRESENCE_IDS.ON_QUEUE]);
  });

  it('sums all users into one group without groupBy, and derives presences', () => {
    const r = aggregateUserStatus({ interval: '2026-11-20T09:00:00Z/2026-11-20T09:30:00Z', metrics: ['tAgentRoutingStatus', 'tSystemPresence'] }, spans);
    expect(r.results).toEqual([{ group: {}, data: [{ interval: '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z', metrics: [
      { metric: 'tAgentRoutingStatus', qualifier: 'OFF_QUEUE', stats: { sum: 10 * MIN } },
      { metric: 'tAgentRoutingStatus', qualifier: 'IDLE', stats: { sum: 30 * MIN } },
      { metric: 'tAgentRoutingStatus', qualifier: 'INTERACTING', stats: { sum: 20 * MIN } },
      { metric: 'tSystemPresence', qualifier: 'OFFLINE', stats: { sum: 10 * MIN } },
      { metric: 'tSystemPresence', qualifier: 'ON_QUEUE', stats: { sum: 50 * MIN } },
    ] }] }]);
  });

  it('answers without results when no span falls in the interval', () => {
    expect(aggregateUserStatus({ ...base, interval: '2026-11-21T00:00:00Z/2026-11-21T01:00:00Z' }, spans).results).toBeUndefined();
  });

  it('refuses more than 100 userId predicates and other dimensions', () => {
    const predicates = Array.from({ length: 101 }, (_, i) => ({ dimension: 'userId', value: `u${i}` }));
    expect(() => aggregateUserStatus({ ...base, filter: { type: 'or', predicates } }, spans)).toThrow(/no more than 100 userId predicates/);
    expect(() => aggregateUserStatus({ ...base, filter: { type: 'or', predicates: predicates.slice(0, 100) } }, spans)).not.toThrow();
    expect(() => aggregateUserStatus({ ...base, filter: { type: 'or', predicates: [{ dimension: 'queueId', value: 'q' }] } }, spans)).toThrow(SimQueryError);
  });
});
