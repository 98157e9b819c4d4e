import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  generateDay, longConversationsStartingOn, MAX_OPEN_DAYS, type SimConversation, type SimOrg,
} from '../../../src/sim/data/index.js';
import { DAY_START, NOW, openSim, type Harness } from './sim-harness.js';

const OBS = '/api/v2/analytics/queues/observations/query';
const CONV = '/api/v2/analytics/conversations/aggregates/query';
const DETAILS = '/api/v2/analytics/conversations/details/query';
const D = 86_400_000;
const TODAY = DAY_START + D;

/** Every generated record that can be open at `t`: today's and the long ones of the days before. */
function candidates(org: SimOrg, t: number): SimConversation[] {
  const day = Math.floor(t / D) * D;
  const ids = { divisionId: org.divisionId!, wrapUpCodeIds: org.wrapUpCodes!.map((w) => w.id) };
  const long: SimConversation[] = [];
  for (let d = day - MAX_OPEN_DAYS * D; d < day; d += D) long.push(...longConversationsStartingOn(org, d, ids));
  return [...long, ...generateDay(org, day).conversations];
}

/** Waiting at t, worked out from the complete records: an acd segment that began before t and ends after it. */
function waitingAt(org: SimOrg, t: number) {
  const out: Array<{ queueId: string; mediaType: string; conversationId: string; entry: string }> = [];
  for (const c of candidates(org, t)) {
    for (const p of c.participants as any[]) {
      if (p.purpose !== 'acd') continue;
      for (const s of p.sessions) {
        for (const seg of s.segments) {
          if (Date.parse(seg.segmentStart) < t && Date.parse(seg.segmentEnd) > t) {
            out.push({ queueId: seg.queueId, mediaType: s.mediaType, conversationId: c.conversationId, entry: seg.segmentStart });
          }
        }
      }
    }
  }
  return out;
}

const allQueues = (org: SimOrg) => ({ type: 'or', predicates: org.queues.map((q) => ({ dimension: 'queueId', value: q.id })) });

let h: Harness;
beforeAll(async () => {
  h = await openSim();
});
afterAll(() => h.close());

describe('POST /api/v2/analytics/queues/observations/query', () => {
  it('counts the conversations waiting now per queue and media type, and lists their queue-entry dates with detailMetrics', async () => {
    const expected = waitingAt(h.sim.org, NOW);
    expect(expected.length).toBeGreaterThan(0);
    const r = await h.call('POST', OBS, { body: { filter: allQueues(h.sim.org), metrics: ['oWaiting'], detailMetrics: ['oWaiting'] } });
    expect(r.status).toBe(200);
    const groups = r.json.results.filter((x: any) => x.group.mediaType !== undefined);
    let total = 0;
    for (const g of groups) {
      const d = g.data.find((x: any) => x.metric === 'oWaiting');
      const mine = expected.filter((e) => e.queueId === g.group.queueId && e.mediaType === g.group.mediaType);
      expect(d.stats.count).toBe(mine.length);
      total += d.stats.count;
      const dates = (d.observations ?? []).map((o: any) => o.observationDate);
      // oWaiting's count is the length of its observations, each the queue entry, before now, oldest first.
      expect(dates.length).toBe(d.stats.count);
      expect(dates).toEqual(mine.map((m) => m.entry).sort());
      for (const o of d.observations ?? []) expect(Date.parse(o.observationDate)).toBeLessThan(NOW);
    }
    expect(total).toBe(expected.length);
  });

  it('serves a waiting conversation in the details query without conversationEnd and with an open queue segment', async () => {
    const w = waitingAt(h.sim.org, NOW).find((e) => Date.parse(e.entry) >= TODAY)!;
    const r = await h.call('POST', DETAILS, {
      body: { interval: '2026-11-20T00:00:00Z/2026-11-21T00:00:00Z', conversationFilters: [{ type: 'and', predicates: [{ dimension: 'conversationId', value: w.conversationId }] }] },
    });
    const c = r.json.conversations[0];
    expect(c.conversationEnd).toBeUndefined();
    const acd = c.participants.filter((p: any) => p.purpose === 'acd').at(-1);
    const seg = acd.sessions[0].segments.at(-1);
    expect(seg.segmentStart).toBe(w.entry);
    expect(seg.segmentEnd).toBeUndefined();
    for (const p of c.participants) for (const s of p.sessions) for (const m of s.metrics) expect(Date.parse(m.emitDate)).toBeLessThan(NOW);
  });

  it('gives each queue its members by routing status now, adding up to the members signed in', async () => {
    const spans = generateDay(h.sim.org, TODAY).statusSpans.filter((s) => s.startMs <= NOW && NOW < s.endMs);
    const statusOf = new Map(spans.map((s) => [s.userId, s.status]));
    const r = await h.call('POST', OBS, {
      body: { filter: allQueues(h.sim.org), metrics: ['oOnQueueUsers', 'oOffQueueUsers', 'oUserRoutingStatuses', 'oActiveUsers', 'oMemberUsers'] },
    });
    for (const q of h.sim.org.queues) {
      const g = r.json.results.find((x: any) => x.group.queueId === q.id && x.group.mediaType === undefined);
      const sum = (metric: string) => g.data.filter((d: any) => d.metric === metric).reduce((a: number, d: any) => a + d.stats.count, 0);
      const count = (metric: string, qualifier: string) => g.data.find((d: any) => d.metric === metric && d.qualifier === qualifier)?.stats.count ?? 0;
      const members = h.sim.org.queueMemberIds[q.id]!;
      const onQueue = members.filter((id) => statusOf.get(id) !== 'OFF_QUEUE');
      expect(sum('oOnQueueUsers')).toBe(onQueue.length);
      for (const st of ['IDLE', 'INTERACTING', 'NOT_RESPONDING', 'COMMUNICATING']) {
        expect(count('oOnQueueUsers', st)).toBe(members.filter((id) => statusOf.get(id) === st).length);
      }
      expect(sum('oOnQueueUsers') + sum('oOffQueueUsers')).toBe(sum('oUserRoutingStatuses'));
      expect(count('oUserRoutingStatuses', 'OFF_QUEUE')).toBe(sum('oOffQueueUsers'));
      expect(sum('oActiveUsers')).toBe(members.length);
      expect(sum('oMemberUsers')).toBe(members.length);
    }
  });

  it('makes every agent with a conversation connected or alerting now INTERACTING', async () => {
    const spans = generateDay(h.sim.org, TODAY).statusSpans.filter((s) => s.startMs <= NOW && NOW < s.endMs);
    const statusOf = new Map(spans.map((s) => [s.userId, s.status]));
    const busy = new Set<string>();
    for (const c of candidates(h.sim.org, NOW)) {
      for (const p of c.participants as any[]) {
        if (p.purpose !== 'agent') continue;
        for (const seg of p.sessions[0].segments) {
          if (Date.parse(seg.segmentStart) < NOW && Date.parse(seg.segmentEnd) > NOW) busy.add(p.userId);
        }
      }
    }
    expect(busy.size).toBeGreaterThan(0);
    for (const id of busy) expect(statusOf.get(id)).toBe('INTERACTING');
    const r = await h.call('POST', OBS, { body: { filter: allQueues(h.sim.org), metrics: ['oInteracting', 'oAlerting'] } });
    const counted = r.json.results.flatMap((x: any) => x.data).reduce((a: number, d: any) => a + d.stats.count, 0);
    expect(counted).toBeGreaterThan(0);
    expect(counted).toBeLessThanOrEqual(busy.size);
  });

  it('filters on mediaType and returns zero counts for an idle media type', async () => {
    const q = h.sim.org.queues[0]!;
    const r = await h.call('POST', OBS, {
      body: { filter: { type: 'and', predicates: [{ dimension: 'queueId', value: q.id }, { dimension: 'mediaType', value: 'callback' }] }, metrics: ['oWaiting'] },
    });
    expect(r.json.results).toEqual([{ group: { queueId: q.id, mediaType: 'callback' }, data: [{ metric: 'oWaiting', stats: { count: 0 } }] }]);
    expect(r.json.systemToOrganizationMappings.OFFLINE).toHaveLength(1);
  });

  it.each([
    ['101 queue predicates', { filter: { type: 'or', predicates: Array.from({ length: 101 }, (_, i) => ({ dimension: 'queueId', value: `q${i}` })) }, metrics: ['oWaiting'] }, /no more than 100 queueId predicates, got 101/],
    ['oLongestWaiting, not a metric of this query', { filter: { type: 'or', predicates: [{ dimension: 'queueId', value: 'x' }] }, metrics: ['oLongestWaiting'] }, /unknown metric "oLongestWaiting"/],
    ['a userId dimension', { filter: { type: 'or', predicates: [{ dimension: 'userId', value: 'x' }] }, metrics: ['oWaiting'] }, /unknown dimension "userId"/],
    ['no filter', { metrics: ['oWaiting'] }, /"filter"/],
    ['no queueId predicate', { filter: { type: 'or', predicates: [{ dimension: 'mediaType', value: 'voice' }] }, metrics: ['oWaiting'] }, /at least one queueId/],
  ])('rejects %s with a Genesys-shaped 400', async (_name, body, message) => {
    const r = await h.call('POST', OBS, { body });
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 400 });
    expect(Object.keys(r.json).sort()).toEqual(['code', 'contextId', 'details', 'errors', 'message', 'status']);
    expect(r.json.message).toMatch(message);
  });
});

describe('aggregates with conversations in progress', () => {
  it('count over [midnight, now) every metric emitted so far, the live conversations included', async () => {
    let emitted = 0;
    let fromEnded = 0;
    for (const c of candidates(h.sim.org, NOW)) {
      if (Date.parse(c.conversationStart) >= NOW) continue;
      for (const p of c.participants as any[]) {
        for (const s of p.sessions) {
          for (const m of s.metrics) {
            const t = Date.parse(m.emitDate);
            if (m.name !== 'nOffered' || t < TODAY || t >= NOW) continue;
            emitted++;
            if (Date.parse(c.conversationEnd) <= NOW) fromEnded++;
          }
        }
      }
    }
    expect(emitted).toBeGreaterThan(fromEnded);
    const r = await h.call('POST', CONV, { body: { interval: `${new Date(TODAY).toISOString()}/${new Date(NOW).toISOString()}`, metrics: ['nOffered'] } });
    expect(r.json.results[0].data[0].metrics[0].stats.count).toBe(emitted);
  });

  it('count an email still waiting after days in nOffered and not in tAnswered', async () => {
    const org = h.sim.org;
    const ids = { divisionId: org.divisionId!, wrapUpCodeIds: org.wrapUpCodes!.map((w) => w.id) };
    const email = longConversationsStartingOn(org, DAY_START - 2 * D, ids).find((c) => (c.participants as any[])[0].sessions[0].mediaType === 'email')!;
    const acd = (email.participants as any[]).find((p) => p.purpose === 'acd').sessions[0];
    const entry = Date.parse(acd.segments[0].segmentStart);
    const answeredAt = Date.parse(acd.segments[0].segmentEnd);
    expect(answeredAt - entry).toBeGreaterThan(20 * 3_600_000);
    const saved = h.clock.t;
    h.clock.t = answeredAt - 3_600_000; // an hour before an agent answers it
    try {
      const filter = { type: 'and', predicates: [{ dimension: 'conversationId', value: email.conversationId }] };
      const r = await h.call('POST', CONV, {
        body: { interval: `${new Date(DAY_START - 2 * D).toISOString()}/${new Date(h.clock.t).toISOString()}`, filter, metrics: ['nOffered', 'tAnswered'] },
      });
      const metrics = r.json.results.flatMap((x: any) => x.data.flatMap((d: any) => d.metrics));
      expect(metrics.map((m: any) => m.metric)).toEqual(['nOffered']);
      expect(metrics[0].stats.count).toBe(1);
      const obs = await h.call('POST', OBS, { body: { filter: { type: 'or', predicates: [{ dimension: 'queueId', value: acd.segments[0].queueId }] }, metrics: ['oWaiting'], detailMetrics: ['oWaiting'] } });
      const waiting = obs.json.results.find((x: any) => x.group.mediaType === 'email').data[0];
      expect(waiting.observations.map((o: any) => o.conversationId)).toContain(email.conversationId);
    } finally {
      h.clock.t = saved;
    }
  });
});

describe('org short-abandon setting', () => {
  it('counts tShortAbandon below the org threshold, not a fixed 10 s', async () => {
    const s = await openSim({ shortAbandonSeconds: 3 });
    try {
      const abandons = generateDay(s.sim.org, DAY_START).conversations.flatMap((c) =>
        (c.participants as any[]).flatMap((p) => p.sessions.flatMap((x: any) => x.metrics.filter((m: any) => m.name === 'tAbandon').map((m: any) => m.value as number))));
      const short = abandons.filter((v) => v < 3000).length;
      expect(short).toBeGreaterThan(0);
      expect(abandons.filter((v) => v < 10_000).length).toBeGreaterThan(short);
      const r = await s.call('POST', CONV, { body: { interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z', metrics: ['tShortAbandon'] } });
      expect(r.json.results[0].data[0].metrics[0].stats.count).toBe(short);
    } finally {
      await s.close();
    }
  });
});
