import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Conversation, DetailsQueryResponse } from '../../../src/api/schemas.js';
import { generateDay, type SimConversation } from '../../../src/sim/index.js';
import { DAY_START, NOW, allDetailPages, openSim, type Harness } from './sim-harness.js';

const QUERY = '/api/v2/analytics/conversations/details/query';
let h: Harness;
let day: SimConversation[];
beforeAll(async () => {
  h = await openSim();
  day = generateDay(h.sim.org, DAY_START).conversations;
});
afterAll(() => h.close());

const hasSegment = (c: SimConversation, test: (seg: any, session: any, p: any) => boolean) =>
  (c.participants as any[]).some((p) => p.sessions.some((s: any) => s.segments.some((seg: any) => test(seg, s, p))));

describe('POST /api/v2/analytics/conversations/details/query', () => {
  it('returns the whole UTC day the interval touches, not just the hour, page by page', async () => {
    const pages = await allDetailPages(h, { interval: '2026-11-19T12:00:00.000Z/2026-11-19T13:00:00.000Z' });
    const got = pages.flatMap((p) => p.conversations ?? []);
    expect(day.length).toBeGreaterThan(100);
    expect(got.map((c) => c.conversationId)).toEqual(day.map((c) => c.conversationId));
    expect(Date.parse(got[0].conversationStart)).toBeLessThan(Date.parse('2026-11-19T12:00:00.000Z'));
    for (const p of pages) expect(p.totalHits).toBe(day.length);
    // The page past the last has no `conversations` key at all.
    expect(Object.keys(pages.at(-1))).toEqual(['totalHits']);
    expect(pages).toHaveLength(Math.ceil(day.length / 100) + 1);
    for (const p of pages) for (const c of DetailsQueryResponse.parse(p).conversations ?? []) Conversation.parse(c);
  });

  it('pages 25 by default and orders desc on request', async () => {
    const r = await h.call('POST', QUERY, { body: { interval: '2026-11-19T00:00:00Z/2026-11-19T01:00:00Z', order: 'desc' } });
    expect(r.json.conversations).toHaveLength(25);
    expect(r.json.conversations[0].conversationId).toBe(day.at(-1)!.conversationId);
    expect(r.json.conversations[1].conversationId).toBe(day.at(-2)!.conversationId);
  });

  it('returns the conversations started by now, those in progress without conversationEnd', async () => {
    const today = generateDay(h.sim.org, DAY_START + 86_400_000).conversations;
    const started = today.filter((c) => Date.parse(c.conversationStart) < NOW);
    const live = started.filter((c) => Date.parse(c.conversationEnd) > NOW);
    expect(live.length).toBeGreaterThan(0);
    expect(started.length).toBeLessThan(today.length);
    const pages = await allDetailPages(h, { interval: '2026-11-20T00:00:00Z/2026-11-21T00:00:00Z' });
    const served = pages.flatMap((p) => p.conversations ?? []);
    expect(pages[0].totalHits).toBe(started.length);
    const open = served.filter((c: any) => c.conversationEnd === undefined).map((c: any) => c.conversationId).sort();
    expect(open).toEqual(live.map((c) => c.conversationId).sort());
  });

  it('filters segments on queueId, userId and mediaType, and conversations on conversationId', async () => {
    const queueId = h.sim.org.queues[0]!.id;
    const userId = h.sim.org.agents[0]!.id;
    const byQueue = await allDetailPages(h, {
      interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z',
      segmentFilters: [{ type: 'or', predicates: [{ dimension: 'queueId', value: queueId }] }],
    });
    const expected = day.filter((c) => hasSegment(c, (seg) => seg.queueId === queueId));
    expect(byQueue[0].totalHits).toBe(expected.length);
    expect(expected.length).toBeLessThan(day.length);

    // One segment must satisfy the whole "and": this agent's segments in chat.
    const agentChat = await allDetailPages(h, {
      interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z',
      segmentFilters: [{ type: 'and', predicates: [{ dimension: 'userId', value: userId }, { dimension: 'mediaType', value: 'chat' }] }],
    });
    const expectedChat = day.filter((c) => hasSegment(c, (_seg, s, p) => p.userId === userId && s.mediaType === 'chat'));
    expect(agentChat[0].totalHits).toBe(expectedChat.length);

    const target = day[7]!;
    const one = await h.call('POST', QUERY, {
      body: {
        interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z',
        conversationFilters: [{ type: 'and', predicates: [{ dimension: 'conversationId', value: target.conversationId }] }],
      },
    });
    expect(one.json.totalHits).toBe(1);
    expect(one.json.conversations[0]).toEqual(target);
  });

  it('limits the interval to 7 days without filters and 31 days with them', async () => {
    const filter = { segmentFilters: [{ type: 'or', predicates: [{ dimension: 'mediaType', value: 'email' }] }] };
    const eightDays = '2026-11-10T00:00:00Z/2026-11-18T00:00:00Z';
    const tooLong = await h.call('POST', QUERY, { body: { interval: eightDays } });
    expect(tooLong.status).toBe(400);
    expect(tooLong.json.message).toMatch(/at most 7 days without filters, 31 days with/);
    expect((await h.call('POST', QUERY, { body: { interval: eightDays, ...filter, paging: { pageSize: 1 } } })).status).toBe(200);
    const over31 = await h.call('POST', QUERY, { body: { interval: '2026-10-01T00:00:00Z/2026-11-02T00:00:00Z', ...filter } });
    expect(over31.status).toBe(400);
  });

  it('rejects unknown keys, a page size over 100 and unsupported predicates with 400 naming the field', async () => {
    const cases: Array<[unknown, RegExp]> = [
      [{ interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z', dateRange: 'yesterday' }, /Unrecognized field "dateRange"/],
      [{ interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z', paging: { pageSize: 101 } }, /"paging.pageSize"/],
      [{ paging: { pageSize: 10 } }, /Missing required field "interval"/],
      [
        { interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z', segmentFilters: [{ type: 'and', predicates: [{ type: 'metric', metric: 'tTalk' }] }] },
        /only dimension predicates/,
      ],
    ];
    for (const [body, message] of cases) {
      const r = await h.call('POST', QUERY, { body });
      expect(r.status).toBe(400);
      expect(r.json).toMatchObject({ code: 'bad.request', status: 400 });
      expect(r.json.message).toMatch(message);
    }
  });
});

describe('POST …/details/query with conversationEnd filters over 31 start days', () => {
  // What the real query returns, from whole generated days: conversations that started on a touched UTC day (and
  // before now), as they stand now: those in progress have no conversationEnd.
  const D = 86_400_000;
  const startedOnDays = (from: number, to: number) => {
    const out: SimConversation[] = [];
    for (let d = from; d < to; d += D) out.push(...generateDay(h.sim.org, d).conversations.filter((c) => Date.parse(c.conversationStart) < NOW));
    return out;
  };
  const FIRST = Date.parse('2026-10-21T00:00:00Z');
  const MONTH = '2026-10-21T00:00:00Z/2026-11-21T00:00:00Z';
  const filter = (operator: string) => ({ conversationFilters: [{ type: 'and', predicates: [{ type: 'dimension', dimension: 'conversationEnd', operator }] }] });
  let month: SimConversation[];
  beforeAll(() => {
    month = startedOnDays(FIRST, DAY_START + 2 * D);
  });

  it('notExists: every conversation in progress now, emails and messages open for days included; none that started before the first day', async () => {
    const open = month.filter((c) => Date.parse(c.conversationEnd) > NOW);
    const longOpen = open.filter((c) => Date.parse(c.conversationStart) < DAY_START + D);
    expect(longOpen.length).toBeGreaterThan(0);
    const got = (await allDetailPages(h, { interval: MONTH, ...filter('notExists') })).flatMap((p) => p.conversations ?? []);
    expect(got.map((c: any) => c.conversationId)).toEqual(open.map((c) => c.conversationId));
    expect(got.every((c: any) => c.conversationEnd === undefined)).toBe(true);

    // The same question from the day after the oldest open one started: that one is not returned (start-day indexes).
    const oldest = Math.min(...longOpen.map((c) => Date.parse(c.conversationStart)));
    const from = Math.floor(oldest / D) * D + D;
    const later = (await allDetailPages(h, { interval: `${new Date(from).toISOString()}/2026-11-21T00:00:00Z`, ...filter('notExists') })).flatMap((p) => p.conversations ?? []);
    expect(later.map((c: any) => c.conversationId)).toEqual(open.filter((c) => Date.parse(c.conversationStart) >= from).map((c) => c.conversationId));
    expect(later.length).toBeLessThan(got.length);
  });

  it('exists, newest end first: each page as if every match were sorted (ties by id), across day boundaries', async () => {
    const ended = month.filter((c) => Date.parse(c.conversationEnd) <= NOW);
    const sorted = [...ended].sort((a, b) => Date.parse(b.conversationEnd) - Date.parse(a.conversationEnd) || b.conversationId.localeCompare(a.conversationId));
    // Page 4 of 100 reaches into yesterday's ends: today's morning holds fewer than 300.
    expect(sorted.filter((c) => Date.parse(c.conversationEnd) >= DAY_START + D).length).toBeLessThan(300);
    for (const pageNumber of [1, 2, 4]) {
      const r = await h.call('POST', QUERY, { body: { interval: MONTH, ...filter('exists'), order: 'desc', orderBy: 'conversationEnd', paging: { pageSize: 100, pageNumber } } });
      expect(r.status).toBe(200);
      expect(r.json.conversations.map((c: any) => c.conversationId), `page ${pageNumber}`).toEqual(sorted.slice((pageNumber - 1) * 100, pageNumber * 100).map((c) => c.conversationId));
    }
  });
});
