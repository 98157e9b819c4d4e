import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Conversation } from '../../../src/api/schemas.js';
import { createOrg, generateDay, longConversationsStartingOn, MAX_OPEN_DAYS, type SimConversation } from '../../../src/sim/data/index.js';
import { has, ms, participants, sessionsOf, sum, values } from './day-helpers.js';

const DAY = 86_400_000;
const D = Date.UTC(2026, 10, 18); // a Wednesday
const org = createOrg({ seed: 42 });
const day = generateDay(org, D);
const convs = day.conversations;

describe('generateDay: determinism', () => {
  it('gives byte-identical JSON for the same seed and day, whatever was generated before', () => {
    const fresh = createOrg({ seed: 42 });
    generateDay(fresh, D + DAY); // no state carries over from another day
    expect(JSON.stringify(generateDay(fresh, D))).toBe(JSON.stringify(day));
  });

  it('gives different traffic for another seed and another day', () => {
    const other = generateDay(createOrg({ seed: 43 }), D);
    expect(other.conversations[0]?.conversationId).not.toBe(convs[0]?.conversationId);
    expect(JSON.stringify(generateDay(org, D + DAY).conversations.slice(0, 5))).not.toBe(JSON.stringify(convs.slice(0, 5)));
  });

  it('refuses a day start that is not a UTC midnight', () => {
    expect(() => generateDay(org, D + 3_600_000)).toThrow(RangeError);
  });
});

describe('generateDay: record shape', () => {
  it('parses every conversation with the client schema', () => {
    for (const c of convs) expect(Conversation.safeParse(c).success).toBe(true);
  });

  it('uses only keys and value types of the real 2021 details record', () => {
    const real = JSON.parse(readFileSync(new URL('../../fixtures/genesys/conversation-details-record-chat-2021.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    type Shape = Map<string, string>;
    const kind = (v: unknown): string => (Array.isArray(v) ? 'array' : typeof v);
    const learn = (shape: Shape, o: Record<string, unknown>) => { for (const [k, v] of Object.entries(o)) shape.set(k, kind(v)); };
    const shapes = { conversation: new Map(), participant: new Map(), session: new Map(), segment: new Map(), metric: new Map() } as Record<string, Shape>;
    learn(shapes.conversation!, real);
    for (const p of real.participants as Array<Record<string, unknown>>) {
      learn(shapes.participant!, p);
      for (const s of p.sessions as Array<Record<string, unknown>>) {
        learn(shapes.session!, s);
        for (const g of s.segments as Array<Record<string, unknown>>) learn(shapes.segment!, g);
        for (const m of s.metrics as Array<Record<string, unknown>>) learn(shapes.metric!, m);
      }
    }
    // Documented Segment field (genesys-api.md §3a) that the 2021 chat sample has no wrap-up to show.
    shapes.segment!.set('wrapUpCode', 'string');
    const wrong = new Set<string>();
    const check = (what: string, o: Record<string, unknown>) => {
      for (const [k, v] of Object.entries(o)) if (shapes[what]!.get(k) !== kind(v)) wrong.add(`${what}.${k}: ${kind(v)}`);
    };
    for (const c of convs) {
      check('conversation', c);
      for (const p of participants(c)) {
        check('participant', p as unknown as Record<string, unknown>);
        for (const s of p.sessions) {
          check('session', s as unknown as Record<string, unknown>);
          for (const g of s.segments) check('segment', g as unknown as Record<string, unknown>);
          for (const m of s.metrics) check('metric', m as unknown as Record<string, unknown>);
        }
      }
    }
    expect([...wrong]).toEqual([]);
  });

  it('writes times as ISO with milliseconds and Z, durations as non-negative integer ms', () => {
    const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
    const bad: string[] = [];
    const time = (x: string) => { if (!ISO.test(x)) bad.push(x); };
    for (const c of convs) {
      time(c.conversationStart);
      time(c.conversationEnd);
      for (const { s } of sessionsOf(c)) {
        for (const g of s.segments) { time(g.segmentStart); time(g.segmentEnd); }
        for (const m of s.metrics) {
          time(m.emitDate);
          if (!(Number.isInteger(m.value) && m.value >= 0) || (m.name.startsWith('n') && m.value !== 1)) bad.push(`${m.name}=${m.value}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('sorts by conversationStart then conversationId', () => {
    for (let i = 1; i < convs.length; i++) {
      const a = convs[i - 1]!;
      const b = convs[i]!;
      expect(a.conversationStart < b.conversationStart || (a.conversationStart === b.conversationStart && a.conversationId < b.conversationId)).toBe(true);
    }
  });
});

describe('generateDay: invariants', () => {
  it('keeps every segment and emit of a conversation inside its start, its end and its UTC day (long emails and messages: within MAX_OPEN_DAYS days)', () => {
    const bad: string[] = [];
    for (const c of convs) {
      const start = ms(c.conversationStart);
      const end = ms(c.conversationEnd);
      const long = end >= D + DAY && ['email', 'message'].includes(participants(c)[0]!.sessions[0]!.mediaType);
      const lastDay = long ? D + (MAX_OPEN_DAYS + 1) * DAY : D + DAY;
      if (start < D || end >= lastDay || end < start) bad.push(`${c.conversationId} ${start}-${end}`);
      for (const { s } of sessionsOf(c)) {
        for (const g of s.segments) {
          const a = ms(g.segmentStart);
          const b = ms(g.segmentEnd);
          if (a < start || b > end || b < a) bad.push(`${c.conversationId} ${g.segmentType} ${g.segmentStart}/${g.segmentEnd}`);
        }
        for (const m of s.metrics) if (ms(m.emitDate) < start || ms(m.emitDate) > end) bad.push(`${c.conversationId} ${m.name} ${m.emitDate}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('has tHandle = tTalk + tHeld + tAcw on every handled agent session, with contiguous segments', () => {
    let handled = 0;
    for (const c of convs) {
      for (const { p, s } of sessionsOf(c)) {
        if (p.purpose !== 'agent') continue;
        for (let i = 1; i < s.segments.length; i++) expect(s.segments[i]!.segmentStart).toBe(s.segments[i - 1]!.segmentEnd);
        const handle = values(s, 'tHandle');
        if (handle.length === 0) continue;
        handled++;
        expect(handle).toHaveLength(1);
        expect(handle[0]).toBe(sum(values(s, 'tTalk')) + sum(values(s, 'tHeld')) + sum(values(s, 'tAcw')));
        expect(values(s, 'tTalkComplete')).toEqual([sum(values(s, 'tTalk'))]);
      }
    }
    expect(handled).toBeGreaterThan(1000);
  });

  it('answers each queue visit with tAnswered = tAcd of that visit, and nOverSla exactly when over the queue target', () => {
    const queues = new Map(org.queues.map((q) => [q.id, q]));
    for (const c of convs) {
      const acdByQueue = new Map<string, { tAcd: number[] }>();
      for (const { p, s } of sessionsOf(c)) if (p.purpose === 'acd') acdByQueue.set(s.segments[0]!.queueId!, { tAcd: values(s, 'tAcd') });
      for (const { p, s } of sessionsOf(c)) {
        const answered = values(s, 'tAnswered');
        if (p.purpose !== 'agent' || answered.length === 0) continue;
        const queueId = s.segments[0]!.queueId!;
        expect(acdByQueue.get(queueId)?.tAcd).toEqual(answered);
        const key = s.mediaType === 'voice' ? 'call' : (s.mediaType as 'chat' | 'email' | 'message');
        // Media without a service level of their own (messaging) are measured at the default 20 s.
        const target = queues.get(queueId)!.mediaSettings[key].serviceLevel?.durationMs ?? 20_000;
        expect(values(s, 'nOverSla').length).toBe(answered[0]! > target ? 1 : 0);
      }
    }
  });

  it('balances offered = answered + abandoned + flow-out per queue', () => {
    const tally = new Map<string, { offered: number; outcomes: number }>();
    const t = (q: string) => tally.get(q) ?? (tally.set(q, { offered: 0, outcomes: 0 }), tally.get(q)!);
    for (const c of convs) {
      for (const { s } of sessionsOf(c)) {
        const q = s.segments[0]?.queueId;
        if (!q) continue;
        t(q).offered += values(s, 'nOffered').length;
        t(q).outcomes += values(s, 'tAnswered').length + values(s, 'tAbandon').length + values(s, 'tFlowOut').length;
      }
    }
    expect(tally.size).toBe(6);
    for (const [, v] of tally) expect(v.outcomes).toBe(v.offered);
  });

  it('tiles each agent\'s UTC day with status spans', () => {
    const byUser = new Map<string, typeof day.statusSpans>();
    for (const s of day.statusSpans) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s]);
    expect(byUser.size).toBe(40);
    for (const spans of byUser.values()) {
      expect(spans[0]!.startMs).toBe(D);
      expect(spans[spans.length - 1]!.endMs).toBe(D + DAY);
      for (let i = 0; i < spans.length; i++) {
        expect(spans[i]!.endMs).toBeGreaterThan(spans[i]!.startMs);
        if (i > 0) {
          expect(spans[i]!.startMs).toBe(spans[i - 1]!.endMs);
          expect(spans[i]!.status).not.toBe(spans[i - 1]!.status);
        }
      }
    }
    const statuses = new Set(day.statusSpans.map((s) => s.status));
    expect([...statuses].sort()).toEqual(['COMMUNICATING', 'IDLE', 'INTERACTING', 'NOT_RESPONDING', 'OFF_QUEUE']);
  });

  it('never has an agent on two interactions at once, and covers each with INTERACTING', () => {
    const work = new Map<string, Array<[number, number]>>();
    // Work done on this day: this day's conversations answered today, and long ones of earlier days answered today.
    const ids = { divisionId: org.divisionId!, wrapUpCodeIds: org.wrapUpCodes!.map((w) => w.id) };
    const earlier: SimConversation[] = [];
    for (let d = D - MAX_OPEN_DAYS * DAY; d < D; d += DAY) earlier.push(...longConversationsStartingOn(org, d, ids));
    expect(earlier.some((c) => ms(c.conversationEnd) >= D && ms(c.conversationEnd) < D + DAY)).toBe(true);
    for (const c of [...convs, ...earlier]) {
      for (const { p, s } of sessionsOf(c)) {
        if (p.purpose !== 'agent' || ms(s.segments[0]!.segmentStart) < D || ms(s.segments[0]!.segmentStart) >= D + DAY) continue;
        const list = work.get(p.userId!) ?? [];
        list.push([ms(s.segments[0]!.segmentStart), ms(s.segments[s.segments.length - 1]!.segmentEnd)]);
        work.set(p.userId!, list);
      }
    }
    for (const [userId, list] of work) {
      list.sort((a, b) => a[0] - b[0]);
      for (let i = 1; i < list.length; i++) expect(list[i]![0]).toBeGreaterThanOrEqual(list[i - 1]![1]);
      const spans = day.statusSpans.filter((s) => s.userId === userId && s.status === 'INTERACTING');
      for (const [a, b] of list) expect(spans.some((s) => s.startMs <= a && s.endMs >= b)).toBe(true);
    }
  });

  it('follows each unanswered alert (tNotResponding + nError) with NOT_RESPONDING status', () => {
    let missed = 0;
    for (const c of convs) {
      for (const { p, s } of sessionsOf(c)) {
        const nr = s.metrics.find((m) => m.name === 'tNotResponding');
        if (!nr) continue;
        missed++;
        expect(values(s, 'nError')).toEqual([1]);
        expect(s.segments.map((g) => [g.segmentType, g.disconnectType])).toEqual([['alert', 'noAnswerTransfer']]);
        const span = day.statusSpans.find((x) => x.userId === p.userId && x.startMs === ms(nr.emitDate));
        expect(span?.status).toBe('NOT_RESPONDING');
      }
    }
    expect(missed).toBeGreaterThan(5);
  });

  it('agrees with the next day about who is on queue at midnight', () => {
    const next = generateDay(org, D + DAY);
    const lastOf = new Map(day.statusSpans.map((s) => [s.userId, s.status]));
    const firstOf = new Map<string, string>();
    for (const s of next.statusSpans) if (!firstOf.has(s.userId)) firstOf.set(s.userId, s.status);
    for (const [u, st] of lastOf) expect(st === 'OFF_QUEUE').toBe(firstOf.get(u) === 'OFF_QUEUE');
    expect([...lastOf.values()].some((s) => s !== 'OFF_QUEUE')).toBe(true);
  });
});

describe('generateDay: realistic traffic for 40 agents', () => {
  const all = (c: SimConversation, purpose: string, name: string) =>
    [...sessionsOf(c)].filter(({ p }) => p.purpose === purpose).flatMap(({ s }) => values(s, name));
  const answered = convs.flatMap((c) => all(c, 'agent', 'tAnswered'));
  const abandons = convs.flatMap((c) => all(c, 'acd', 'tAbandon'));
  const offered = convs.flatMap((c) => all(c, 'acd', 'nOffered'));
  const voice = convs.filter((c) => participants(c)[0]!.sessions[0]!.mediaType === 'voice');

  it('carries 1,000-3,000 conversations, mostly voice, with a few percent abandoned', () => {
    expect(convs.length).toBeGreaterThan(1000);
    expect(convs.length).toBeLessThan(3000);
    expect(voice.length / convs.length).toBeGreaterThan(0.7);
    const media = new Set(convs.map((c) => participants(c)[0]!.sessions[0]!.mediaType));
    expect([...media].sort()).toEqual(['chat', 'email', 'message', 'voice']);
    const rate = abandons.length / offered.length;
    expect(rate).toBeGreaterThan(0.02);
    expect(rate).toBeLessThan(0.1);
  });

  it('answers most voice calls within 20 s, with a tail over a minute', () => {
    const v = voice.flatMap((c) => all(c, 'agent', 'tAnswered'));
    const within = v.filter((x) => x <= 20_000).length / v.length;
    expect(within).toBeGreaterThan(0.65);
    expect(within).toBeLessThan(0.92);
    expect(v.some((x) => x > 60_000)).toBe(true);
    expect(answered.length).toBeGreaterThan(v.length);
  });

  it('has voice AHT of 5-7 minutes and some calls longer than 30 minutes', () => {
    const handle = voice.flatMap((c) => all(c, 'agent', 'tHandle'));
    const aht = sum(handle) / handle.length / 60_000;
    expect(aht).toBeGreaterThan(5);
    expect(aht).toBeLessThan(7);
    expect(voice.some((c) => all(c, 'agent', 'tTalk').some((t) => t > 30 * 60_000))).toBe(true);
  });

  it('has short and long abandons, flow-outs answered in another queue, and transfers to a queue', () => {
    expect(abandons.some((x) => x <= 5000)).toBe(true);
    expect(abandons.some((x) => x > 60_000)).toBe(true);
    const flowedAndAnswered = convs.filter((c) => has(c, 'tFlowOut') && has(c, 'tAnswered'));
    expect(flowedAndAnswered.length).toBeGreaterThan(0);
    for (const c of flowedAndAnswered) {
      const queues = participants(c).filter((p) => p.purpose === 'acd').map((p) => p.sessions[0]!.segments[0]!.queueId);
      expect(new Set(queues).size).toBe(2);
    }
    const transferred = convs.filter((c) => has(c, 'nTransferred'));
    expect(transferred.length).toBeGreaterThan(0);
    for (const c of transferred) expect(participants(c).filter((p) => p.purpose === 'agent' && p.sessions[0]!.metrics.some((m) => m.name === 'tHandle')).length).toBeGreaterThanOrEqual(2);
  });

  it('staffs the org around the clock, more in its daytime than at night', () => {
    const onQueueAt = (t: number) => new Set(day.statusSpans.filter((s) => s.startMs <= t && s.endMs > t && s.status !== 'OFF_QUEUE').map((s) => s.userId)).size;
    for (let h = 0; h < 24; h++) expect(onQueueAt(D + h * 3_600_000 + 1_800_000)).toBeGreaterThan(0);
    // New York is UTC-5 in November: 15:30Z is 10:30 local, 08:30Z is 03:30 local.
    expect(onQueueAt(D + 15.5 * 3_600_000)).toBeGreaterThan(3 * onQueueAt(D + 8.5 * 3_600_000));
  });
});
