/**
 * Issue 26, item 1: with no --threshold flag every row is measured against its own queue's target for its media
 * type, as the Genesys queue views measure it (mediaSettings.<media>.serviceLevel {durationMs, percentage}).
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { parseServiceLevelOptions } from '../../src/cli/options.js';
import { API, json, serviceLevelTable, testDeps, token } from './support.js';

const SUPPORT = '5a000000-0000-4000-8000-000000000007';

useNockGuard();

describe('service-level with no --threshold', () => {
  it("measures voice at the queue's 30 s / 80 % and email at its 24 h / 90 %, with target_met", async () => {
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API)
      .get('/api/v2/routing/queues')
      .query({ id: SUPPORT, pageSize: '100' })
      .reply(200, {
        entities: [
          {
            id: SUPPORT,
            name: 'Support',
            mediaSettings: {
              call: { serviceLevel: { percentage: 0.8, durationMs: 30_000 } },
              email: { serviceLevel: { percentage: 0.9, durationMs: 86_400_000 } },
            },
          },
        ],
        pageSize: 100,
        pageNumber: 1,
        pageCount: 1,
      }, json);
    const sent: Array<{ views: Array<{ name: string; range: { lt: number } }> }> = [];
    const point = (metrics: object[], views: object[]) => ({ interval: '2026-11-20T09:00:00.000Z/2026-11-20T09:30:00.000Z', metrics, views });
    nock(API)
      .post('/api/v2/analytics/conversations/aggregates/query', (b) => (sent.push(b), true))
      .reply(200, {
        results: [
          {
            group: { queueId: SUPPORT, mediaType: 'voice' },
            data: [point(
              [{ metric: 'nOffered', stats: { count: 5 } }, { metric: 'tAnswered', stats: { count: 5, sum: 100_000 } }],
              // 4 of the 5 answers within 30 s; 2 within the 20 s that a fixed default would have used.
              [{ name: 'gcxAnsweredWithin20000ms', stats: { count: 2 } }, { name: 'gcxAnsweredWithin30000ms', stats: { count: 4 } }],
            )],
          },
          {
            group: { queueId: SUPPORT, mediaType: 'email' },
            data: [point(
              [{ metric: 'nOffered', stats: { count: 11 } }, { metric: 'tAnswered', stats: { count: 10, sum: 3_600_000 } }, { metric: 'tAbandon', stats: { count: 1, sum: 60_000 } }],
              [{ name: 'gcxAnsweredWithin20000ms', stats: { count: 0 } }, { name: 'gcxAnsweredWithin86400000ms', stats: { count: 8 } }],
            )],
          },
        ],
      }, json);

    const { deps } = testDeps('2026-11-20T09:35:00Z');
    const table = await serviceLevelTable(parseServiceLevelOptions({ queue: [SUPPORT], since: '30m', tz: 'UTC', quiet: true }), deps);

    // One view per distinct threshold: the 20 s fallback (media without settings), 30 s and 24 h.
    expect(sent[0]!.views.map((v) => [v.name, v.range.lt])).toEqual([
      ['gcxAnsweredWithin20000ms', 20_001],
      ['gcxAnsweredWithin30000ms', 30_001],
      ['gcxAnsweredWithin86400000ms', 86_400_001],
    ]);
    expect(table.rows.map((r) => [r.media_type, r.answered_within, r.service_level_pct, r.threshold_s, r.target_pct, r.target_met])).toEqual([
      ['email', 8, 72.73, 86_400, 90, false], // 8 / (10 + 1) = 72.727… < 90
      ['voice', 4, 80, 30, 80, true], // 4 / 5 = 80 ≥ 80
    ]);
  });
});
