import { describe, expect, it } from 'vitest';
import { endedVerdict, jobVerdict, liveVerdict, planDetailsQueries } from '../../src/sources/api/plan-details.js';
import { parseInterval } from '../../src/time/duration.js';
import type { Window } from '../../src/time/types.js';

const utc = (iso: string) => Date.parse(iso);
const window = (from: string, to: string): Window => ({ startMs: utc(from), endMs: utc(to), interval: parseInterval('30m'), tz: 'UTC' });
const all = { queueIds: [], media: [] };
const live = { type: 'and', predicates: [{ type: 'dimension', dimension: 'conversationEnd', operator: 'notExists' }] };
const ended = { type: 'and', predicates: [{ type: 'dimension', dimension: 'conversationEnd', operator: 'exists' }] };

describe('planDetailsQueries', () => {
  it('a past UTC day inside the datalake: one job; the synchronous part only looks for what ended after A or is live', () => {
    const plan = planDetailsQueries(window('2026-11-20T00:00:00Z', '2026-11-21T00:00:00Z'), all, utc('2026-11-25T10:00:00Z'));
    expect(plan.job).toEqual({
      // A second early: "overlaps" at the exact boundary is not documented, and an extra conversation is harmless.
      body: { order: 'asc', orderBy: 'conversationStart', interval: '2026-11-19T23:59:59.000Z/2026-11-21T00:00:00.000Z' },
      endedBeforeMs: utc('2026-11-25T10:00:00Z'),
    });
    expect(plan.live).toEqual([
      {
        body: { order: 'asc', orderBy: 'conversationStart', conversationFilters: [live], interval: '2026-11-19T00:00:00.000Z/2026-11-21T00:00:00.000Z' },
        keepFromMs: utc('2026-11-19T00:00:00Z'),
        keepToMs: utc('2026-11-21T00:00:00Z'),
      },
    ]);
    // Newest end first, read down to A. A is days later: only conversations that lasted over a day can have
    // ended after it, so one query covers the start days (from the day before the window).
    expect(plan.ended).toEqual([
      {
        body: { order: 'desc', orderBy: 'conversationEnd', conversationFilters: [ended], interval: '2026-11-19T00:00:00.000Z/2026-11-21T00:00:00.000Z' },
        keepFromMs: utc('2026-11-19T00:00:00Z'),
        keepToMs: utc('2026-11-21T00:00:00Z'),
        endedFromMs: utc('2026-11-25T10:00:00Z'),
      },
    ]);
  });

  it('a window reaching past A: the job stops at A, the ended queries read from A; queue and media filters on every part', () => {
    const plan = planDetailsQueries(window('2026-11-25T00:00:00Z', '2026-11-25T12:00:00Z'), { queueIds: ['q1'], media: ['voice'] }, utc('2026-11-25T10:00:00Z'));
    const segmentFilters = [{ type: 'and', clauses: [
      { type: 'or', predicates: [{ type: 'dimension', dimension: 'queueId', operator: 'matches', value: 'q1' }] },
      { type: 'or', predicates: [{ type: 'dimension', dimension: 'mediaType', operator: 'matches', value: 'voice' }] },
    ] }];
    expect(plan.job?.body).toEqual({ order: 'asc', orderBy: 'conversationStart', segmentFilters, interval: '2026-11-24T23:59:59.000Z/2026-11-25T10:00:00.000Z' });
    expect(plan.live.map((q) => q.body.interval)).toEqual(['2026-11-24T00:00:00.000Z/2026-11-25T12:00:00.000Z']);
    expect(plan.ended.map((q) => [q.body.interval, new Date(q.endedFromMs).toISOString(), new Date(q.keepToMs).toISOString()])).toEqual([
      ['2026-11-24T00:00:00.000Z/2026-11-25T00:00:00.000Z', '2026-11-25T10:00:00.000Z', '2026-11-25T00:00:00.000Z'],
      ['2026-11-25T00:00:00.000Z/2026-11-25T12:00:00.000Z', '2026-11-25T10:00:00.000Z', '2026-11-25T12:00:00.000Z'],
    ]);
    for (const q of [...plan.live, ...plan.ended]) expect(q.body.segmentFilters).toEqual(segmentFilters);
  });

  it('no job when the datalake does not reach the window, or its date is unknown: one ended query per start day, read down to the window start', () => {
    for (const available of [utc('2026-11-23T08:00:00Z'), utc('2026-11-23T09:00:00Z'), undefined]) {
      const plan = planDetailsQueries(window('2026-11-23T09:00:00Z', '2026-11-25T10:00:00Z'), all, available);
      expect(plan.job).toBeUndefined();
      expect(plan.ended.map((q) => [q.body.interval, q.endedFromMs])).toEqual([
        ['2026-11-22T00:00:00.000Z/2026-11-23T00:00:00.000Z', utc('2026-11-23T09:00:00Z')],
        ['2026-11-23T00:00:00.000Z/2026-11-24T00:00:00.000Z', utc('2026-11-23T09:00:00Z')],
        ['2026-11-24T00:00:00.000Z/2026-11-25T00:00:00.000Z', utc('2026-11-23T09:00:00Z')],
        ['2026-11-25T00:00:00.000Z/2026-11-25T10:00:00.000Z', utc('2026-11-23T09:00:00Z')],
      ]);
    }
  });

  it('30 days, A the next noon: one job; ended queries a week each, one day each from the day before A; ≤ 7-day live queries', () => {
    const plan = planDetailsQueries(window('2026-11-01T00:00:00Z', '2026-12-01T00:00:00Z'), all, utc('2026-12-01T12:00:00Z'));
    expect(plan.job?.body.interval).toBe('2026-10-31T23:59:59.000Z/2026-12-01T00:00:00.000Z');
    expect(plan.ended.map((q) => q.body.interval)).toEqual([
      '2026-10-31T00:00:00.000Z/2026-11-07T00:00:00.000Z',
      '2026-11-07T00:00:00.000Z/2026-11-14T00:00:00.000Z',
      '2026-11-14T00:00:00.000Z/2026-11-21T00:00:00.000Z',
      '2026-11-21T00:00:00.000Z/2026-11-28T00:00:00.000Z',
      '2026-11-28T00:00:00.000Z/2026-11-30T00:00:00.000Z',
      '2026-11-30T00:00:00.000Z/2026-12-01T00:00:00.000Z',
    ]);
    expect(plan.live.map((q) => q.body.interval)).toEqual([
      '2026-10-31T00:00:00.000Z/2026-11-07T00:00:00.000Z',
      '2026-11-07T00:00:00.000Z/2026-11-14T00:00:00.000Z',
      '2026-11-14T00:00:00.000Z/2026-11-21T00:00:00.000Z',
      '2026-11-21T00:00:00.000Z/2026-11-28T00:00:00.000Z',
      '2026-11-28T00:00:00.000Z/2026-12-01T00:00:00.000Z',
    ]);
  });
});

describe('who owns a conversation', () => {
  const plan = planDetailsQueries(window('2026-11-25T00:00:00Z', '2026-11-25T12:00:00Z'), all, utc('2026-11-25T10:00:00Z'));
  const [yesterday, today] = plan.ended;

  it('the job: only what ended before A (09:59:59.999 yes, 10:00 no, live no)', () => {
    expect(jobVerdict(plan.job!, utc('2026-11-25T09:59:59.999Z'))).toBe('keep');
    expect(jobVerdict(plan.job!, utc('2026-11-25T10:00:00Z'))).toBe('skip');
    expect(jobVerdict(plan.job!, undefined)).toBe('skip');
  });

  it('an ended query: what started in its day and ended at or after A; the first that ended before A stops the reading', () => {
    expect(endedVerdict(today!, utc('2026-11-25T09:58:00Z'), utc('2026-11-25T10:00:00Z'))).toBe('keep');
    expect(endedVerdict(yesterday!, utc('2026-11-24T23:50:00Z'), utc('2026-11-25T10:30:00Z'))).toBe('keep');
    // Started yesterday: yesterday's query owns it, not today's (the query matches by start day, both may see it).
    expect(endedVerdict(today!, utc('2026-11-24T23:50:00Z'), utc('2026-11-25T10:30:00Z'))).toBe('skip');
    // Started after the window: no metric in it.
    expect(endedVerdict(today!, utc('2026-11-25T12:00:00Z'), utc('2026-11-25T12:05:00Z'))).toBe('skip');
    expect(endedVerdict(today!, utc('2026-11-25T09:00:00Z'), utc('2026-11-25T09:59:59.999Z'))).toBe('stop');
  });

  it('a live query: what started in its span', () => {
    const [q] = plan.live;
    expect(liveVerdict(q!, utc('2026-11-24T00:00:00Z'))).toBe('keep');
    expect(liveVerdict(q!, utc('2026-11-23T23:59:59.999Z'))).toBe('skip');
    expect(liveVerdict(q!, utc('2026-11-25T12:00:00Z'))).toBe('skip');
  });
});
