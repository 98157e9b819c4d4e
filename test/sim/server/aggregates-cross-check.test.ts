import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConversationAggregateResponse } from '../../../src/api/schemas.js';
import { MAX_OPEN_DAYS } from '../../../src/sim/data/index.js';
import { DAY, allDetailPages, openSim, type Harness } from './sim-harness.js';

/**
 * The aggregates endpoint against sums recomputed here from the details pages of the same server: each session
 * metric counts once in the bucket of its emitDate, grouped by the participant's userId or the session's queueId.
 */
let h: Harness;
beforeAll(async () => {
  h = await openSim();
});
afterAll(() => h.close());

type Totals = Record<string, { count: number; sum: number }>;
const add = (t: Record<string, Totals>, key: string, metric: string, value: number) => {
  const m = ((t[key] ??= {})[metric] ??= { count: 0, sum: 0 });
  m.count += 1;
  m.sum += value;
};

async function fromDetails() {
  const [start, end] = DAY.split('/').map((s) => Date.parse(s));
  const byUser: Record<string, Totals> = {};
  const byQueue: Record<string, Totals> = {};
  // Details list a conversation on the day it started: the long ones (emails, messages open for days) that emitted
  // metrics on DAY started up to MAX_OPEN_DAYS days before it.
  const earlier = `${new Date(start! - MAX_OPEN_DAYS * 86_400_000).toISOString()}/${new Date(start!).toISOString()}`;
  const pages = [...(await allDetailPages(h, { interval: DAY })), ...(await allDetailPages(h, { interval: earlier }))];
  for (const c of pages.flatMap((p) => p.conversations ?? [])) {
    for (const p of c.participants) {
      for (const s of p.sessions) {
        const queueId = s.segments.find((seg: { queueId?: string }) => seg.queueId)?.queueId;
        for (const m of s.metrics ?? []) {
          const at = Date.parse(m.emitDate);
          if (at < start! || at >= end!) continue;
          if (m.name === 'tHandle' && p.userId) add(byUser, p.userId, m.name, m.value);
          if (['nOffered', 'tAnswered', 'tAbandon'].includes(m.name) && queueId) add(byQueue, queueId, m.name, m.value);
        }
      }
    }
  }
  return { byUser, byQueue };
}

async function fromAggregates(groupBy: string, metrics: string[]) {
  const r = await h.call('POST', '/api/v2/analytics/conversations/aggregates/query', { body: { interval: DAY, groupBy: [groupBy], metrics } });
  const totals: Record<string, Totals> = {};
  for (const res of ConversationAggregateResponse.parse(r.json).results ?? []) {
    for (const m of res.data.flatMap((d) => d.metrics)) {
      const t = ((totals[res.group[groupBy]!] ??= {})[m.metric!] ??= { count: 0, sum: 0 });
      t.count += m.stats!.count ?? 0;
      // n* metrics carry only count; their value is 1 per observation in the details.
      t.sum += m.metric!.startsWith('n') ? (m.stats!.count ?? 0) : (m.stats!.sum ?? 0);
    }
  }
  return totals;
}

describe('aggregates agree with the details of the same day', () => {
  it('tHandle sum and count per userId; nOffered, tAnswered, tAbandon per queueId', async () => {
    const details = await fromDetails();
    expect(Object.keys(details.byUser).length).toBeGreaterThan(5);
    expect(Object.keys(details.byQueue)).toHaveLength(h.sim.org.queues.length);
    expect(await fromAggregates('userId', ['tHandle'])).toEqual(details.byUser);
    expect(await fromAggregates('queueId', ['nOffered', 'tAnswered', 'tAbandon'])).toEqual(details.byQueue);
  });
});
