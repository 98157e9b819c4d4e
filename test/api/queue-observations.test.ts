import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '../../src/api/http.js';
import {
  MAX_OBSERVATION_QUEUES,
  planQueueObservationQueries,
  queryQueueObservations,
  QUEUE_OBSERVATIONS_PATH,
  usableQueueObservations,
} from '../../src/api/queue-observations.js';
import { QueueObservationQueryResponse } from '../../src/api/queue-observation-schemas.js';
import { ApiError, AuthError } from '../../src/errors.js';
import { Skipped } from '../../src/skipped.js';
import { json, useNockGuard } from '../nock-guard.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

const API = 'https://api.test.example';

useNockGuard();

function client() {
  return createApiClient({ apiUrl: API, tokens: stubTokens(), clock: fakeClock(), logger: collectingLogger().logger, random: () => 0 });
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `q${i}`);

describe('planQueueObservationQueries', () => {
  it('puts 100 queues in one request: or of queueId predicates, the five metrics, oWaiting details', () => {
    const bodies = planQueueObservationQueries(ids(100), 'all');
    expect(bodies).toHaveLength(1);
    expect(bodies[0]!.filter).toEqual({
      type: 'or',
      predicates: ids(100).map((value) => ({ type: 'dimension', dimension: 'queueId', operator: 'matches', value })),
    });
    expect(bodies[0]!.metrics).toEqual(['oWaiting', 'oAlerting', 'oInteracting', 'oOnQueueUsers', 'oOffQueueUsers']);
    expect(bodies[0]!.detailMetrics).toEqual(['oWaiting']);
  });

  it('splits 101 queues into 100 + 1 and drops duplicate ids', () => {
    const bodies = planQueueObservationQueries([...ids(101), 'q0', 'q5'], 'all');
    expect(bodies.map((b) => b.filter.predicates?.length)).toEqual([MAX_OBSERVATION_QUEUES, 1]);
    expect(bodies[1]!.filter.predicates![0]!.value).toBe('q100');
  });

  it('with media types, ands an or-clause of queues with an or-clause of media types', () => {
    const [body] = planQueueObservationQueries(['a', 'b'], ['voice', 'chat']);
    expect(body!.filter).toEqual({
      type: 'and',
      clauses: [
        {
          type: 'or',
          predicates: [
            { type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'a' },
            { type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'b' },
          ],
        },
        {
          type: 'or',
          predicates: [
            { type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' },
            { type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'chat' },
          ],
        },
      ],
    });
  });

  it('plans no request for no queues', () => {
    expect(planQueueObservationQueries([], 'all')).toEqual([]);
  });
});

describe('usableQueueObservations', () => {
  it('keeps counts and dates; skips and counts a result without queueId, a metric without count, an undated observation', () => {
    const skipped = new Skipped();
    const response = QueueObservationQueryResponse.parse({
      systemToOrganizationMappings: { OFFLINE: ['p-off'], AVAILABLE: ['p-av'] },
      results: [
        {
          group: { queueId: 'q1', mediaType: 'voice' },
          data: [
            {
              metric: 'oWaiting',
              stats: { count: 3 },
              observations: [
                { observationDate: '2026-11-20T10:00:00.000Z', conversationId: 'c1' },
                { conversationId: 'c2' },
                { observationDate: 'yesterday', conversationId: 'c3' },
              ],
            },
            { metric: 'oAlerting', stats: {} },
            { metric: 'oInteracting', stats: { count: 2 } },
          ],
        },
        { group: { mediaType: 'voice' }, data: [{ metric: 'oWaiting', stats: { count: 9 } }] },
        { group: { queueId: 'q1', mediaType: null }, data: [{ metric: 'oOnQueueUsers', qualifier: 'IDLE', stats: { count: 4 } }] },
      ],
    });
    const usable = usableQueueObservations(response, skipped);
    expect(usable).toEqual({
      offlinePresenceIds: ['p-off'],
      results: [
        {
          queueId: 'q1',
          mediaType: 'voice',
          metrics: [
            { metric: 'oWaiting', qualifier: undefined, count: 3, observationDatesMs: [Date.UTC(2026, 10, 20, 10)] },
            { metric: 'oInteracting', qualifier: undefined, count: 2, observationDatesMs: [] },
          ],
        },
        { queueId: 'q1', metrics: [{ metric: 'oOnQueueUsers', qualifier: 'IDLE', count: 4, observationDatesMs: [] }] },
      ],
    });
    expect(skipped.lines()).toEqual([
      '2 waiting observations without a valid observationDate skipped',
      '1 queue observation metric without metric or stats.count skipped',
      '1 queue observation result without a queueId skipped',
    ]);
  });
});

describe('queryQueueObservations', () => {
  it('posts the planned body and returns the usable results (an empty body has none)', async () => {
    const [body] = planQueueObservationQueries(['q1'], 'all');
    let sent: unknown;
    nock(API).post(QUEUE_OBSERVATIONS_PATH, (b) => ((sent = b), true)).reply(200, {}, json);
    expect(await queryQueueObservations(client(), body!)).toEqual({ results: [], offlinePresenceIds: [] });
    expect(sent).toEqual(body);
  });

  it('403 without a permission in the message → AuthError naming analytics:queueObservation:view', async () => {
    nock(API).post(QUEUE_OBSERVATIONS_PATH).reply(403, { status: 403, code: 'forbidden', message: 'Forbidden' }, json);
    const err = (await queryQueueObservations(client(), planQueueObservationQueries(['q1'], 'all')[0]!).catch((e: unknown) => e)) as AuthError;
    expect(err).toBeInstanceOf(AuthError);
    expect(err.exitCode).toBe(3);
    expect(err.message).toBe(
      `POST ${QUEUE_OBSERVATIONS_PATH} failed: 403 forbidden: Forbidden; the OAuth client's roles lack a permission this request needs; this request needs the permission analytics:queueObservation:view`,
    );
  });

  it('403 naming the permission is not repeated', async () => {
    nock(API)
      .post(QUEUE_OBSERVATIONS_PATH)
      .reply(403, { status: 403, code: 'missing.permissions', message: 'You are missing the following permission(s): [analytics:queueObservation:view]' }, json);
    const err = (await queryQueueObservations(client(), planQueueObservationQueries(['q1'], 'all')[0]!).catch((e: unknown) => e)) as AuthError;
    expect(err.message).toBe(
      `POST ${QUEUE_OBSERVATIONS_PATH} failed: 403 missing.permissions: missing permission analytics:queueObservation:view; grant it to a role of the OAuth client`,
    );
  });

  it('a mistyped count is a body that does not match the API (exit 4)', async () => {
    nock(API).post(QUEUE_OBSERVATIONS_PATH).reply(200, { results: [{ group: { queueId: 'q1' }, data: [{ metric: 'oWaiting', stats: { count: 'three' } }] }] }, json);
    const err = await queryQueueObservations(client(), planQueueObservationQueries(['q1'], 'all')[0]!).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).exitCode).toBe(4);
  });
});
