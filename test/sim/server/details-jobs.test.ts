import { afterEach, describe, expect, it } from 'vitest';
import { AvailabilityResponse, Conversation, JobResultsResponse, JobStatusResponse } from '../../../src/api/schemas.js';
import { generateDay, type SimConversation } from '../../../src/sim/index.js';
import { DAY_START, NOW, openSim, type Harness } from './sim-harness.js';

const JOBS = '/api/v2/analytics/conversations/details/jobs';
let h: Harness;
afterEach(() => h?.close());

async function submit(body: unknown): Promise<string> {
  const r = await h.call('POST', JOBS, { body });
  expect(r.status).toBe(202);
  return r.json.jobId;
}

async function pollUntilDone(jobId: string): Promise<string[]> {
  const states: string[] = [];
  for (let i = 0; i < 10; i++) {
    const r = await h.call('GET', `${JOBS}/${jobId}`);
    const s = JobStatusResponse.parse(r.json);
    states.push(`${r.status} ${s.state}`);
    if (r.status === 200) return states;
  }
  throw new Error(`job never finished: ${states.join(', ')}`);
}

async function allResults(jobId: string, pageSize: number): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const q = new URLSearchParams({ pageSize: String(pageSize), ...(cursor && { cursor }) });
    const page = JobResultsResponse.parse((await h.call('GET', `${JOBS}/${jobId}/results?${q}`)).json);
    pages += 1;
    ids.push(...(page.conversations ?? []).map((c) => Conversation.parse(c).conversationId!));
    cursor = page.cursor;
  } while (cursor);
  return { ids, pages };
}

const ids = (list: SimConversation[]) => list.map((c) => c.conversationId);
const D = 86_400_000;

/**
 * What a job over [from, to) must return, worked out from whole generated days: every conversation whose lifetime
 * overlaps it, whatever day it started on (ten days back is well past the longest simulated conversation), among
 * those in the datalake (ended by `availableMs`), in start order.
 */
function overlapping(from: string, to: string, availableMs: number): SimConversation[] {
  const [s, e] = [Date.parse(from), Date.parse(to)];
  const out: SimConversation[] = [];
  for (let d = Math.floor(s / D) * D - 10 * D; d < e; d += D) {
    for (const c of generateDay(h.sim.org, d).conversations) {
      if (Date.parse(c.conversationStart) < e && Date.parse(c.conversationEnd) > s && Date.parse(c.conversationEnd) <= availableMs) out.push(c);
    }
  }
  return out;
}

describe('async details jobs', () => {
  it('go QUEUED → PENDING → FULFILLED over the configured polls, with dates on the simulator clock', async () => {
    h = await openSim({ jobPollsUntilFulfilled: 2 });
    const jobId = await submit({ interval: '2026-11-19T10:00:00Z/2026-11-19T11:00:00Z' });
    expect(jobId).toMatch(/^[0-9a-f-]{36}$/);
    const early = await h.call('GET', `${JOBS}/${jobId}/results`);
    expect(early.status).toBe(400);
    expect(early.json.message).toMatch(/is QUEUED; results are available only once it is FULFILLED/);

    expect(await pollUntilDone(jobId)).toEqual(['202 QUEUED', '202 PENDING', '200 FULFILLED']);
    const done = (await h.call('GET', `${JOBS}/${jobId}`)).json;
    expect(done).toEqual({
      state: 'FULFILLED',
      submissionDate: '2026-11-20T12:00:00.000Z',
      expirationDate: '2026-11-21T12:00:00.000Z',
      completionDate: '2026-11-20T12:00:00.000Z',
    });
  });

  it('match conversations overlapping the interval, however early they started, or started on a touched day with startOfDayIntervalMatching', async () => {
    h = await openSim({ jobPollsUntilFulfilled: 0 });
    const interval = '2026-11-19T10:00:00Z/2026-11-19T11:00:00Z';
    const day = generateDay(h.sim.org, DAY_START).conversations;
    // Jobs read the datalake: a long email still open at the availability date (now − 2 h) is not in it yet.
    const expected = overlapping('2026-11-19T10:00:00Z', '2026-11-19T11:00:00Z', NOW - 2 * 3_600_000);
    const sameDay = expected.filter((c) => Date.parse(c.conversationStart) >= DAY_START);
    // Long emails and messages that started on earlier days and were still open at 10:00: the real API's overlap.
    expect(expected.length - sameDay.length).toBeGreaterThan(0);
    expect(sameDay.length).toBeGreaterThan(0);
    expect(sameDay.length).toBeLessThan(day.length);

    const overlapJob = await submit({ interval });
    await pollUntilDone(overlapJob);
    const overlap = await allResults(overlapJob, 7);
    expect(overlap.ids).toEqual(ids(expected));
    expect(overlap.pages).toBe(Math.ceil(expected.length / 7));

    const dayJob = await submit({ interval, startOfDayIntervalMatching: true, order: 'desc' });
    await pollUntilDone(dayJob);
    const inLake = day.filter((c) => Date.parse(c.conversationEnd) <= NOW - 2 * 3_600_000);
    expect((await allResults(dayJob, 1000)).ids).toEqual(ids(inLake).reverse());
  });

  it('page with a stable opaque cursor, honour limit and reject a bad cursor or page size', async () => {
    h = await openSim({ jobPollsUntilFulfilled: 0 });
    const jobId = await submit({ interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z', limit: 30 });
    await pollUntilDone(jobId);
    const first = (await h.call('GET', `${JOBS}/${jobId}/results?pageSize=20`)).json;
    expect(first.conversations).toHaveLength(20);
    expect(first.dataAvailabilityDate).toBe('2026-11-20T10:00:00.000Z');
    const second = (await h.call('GET', `${JOBS}/${jobId}/results?pageSize=20&cursor=${first.cursor}`)).json;
    const again = (await h.call('GET', `${JOBS}/${jobId}/results?pageSize=20&cursor=${first.cursor}`)).json;
    expect(again).toEqual(second);
    expect(second.conversations).toHaveLength(10);
    expect(second.cursor).toBeUndefined();
    const expected = overlapping('2026-11-19T00:00:00Z', '2026-11-20T00:00:00Z', NOW - 2 * 3_600_000);
    expect([...first.conversations, ...second.conversations].map((c: SimConversation) => c.conversationId)).toEqual(ids(expected.slice(0, 30)));

    expect((await h.call('GET', `${JOBS}/${jobId}/results?cursor=bm9wZQ`)).status).toBe(400);
    expect((await h.call('GET', `${JOBS}/${jobId}/results?pageSize=1001`)).json.message).toMatch(/pageSize must be an integer from 1 to 1000/);
  });

  it('read only data older than the availability date (now − dataLag)', async () => {
    h = await openSim({ jobPollsUntilFulfilled: 0, dataLagMs: 3 * 3_600_000 });
    const availability = AvailabilityResponse.parse((await h.call('GET', `${JOBS}/availability`)).json);
    expect(availability.dataAvailabilityDate).toBe('2026-11-20T09:00:00.000Z');
    const jobId = await submit({ interval: '2026-11-20T00:00:00Z/2026-11-20T12:00:00Z' });
    await pollUntilDone(jobId);
    const available = overlapping('2026-11-20T00:00:00Z', '2026-11-20T12:00:00Z', NOW - 3 * 3_600_000);
    expect(available.length).toBeGreaterThan(0);
    expect((await allResults(jobId, 1000)).ids).toEqual(ids(available));
  });

  it('apply segment filters and are gone after DELETE; unknown jobs are 404', async () => {
    h = await openSim({ jobPollsUntilFulfilled: 0 });
    const queueId = h.sim.org.queues[1]!.id;
    const jobId = await submit({
      interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z',
      segmentFilters: [{ type: 'or', predicates: [{ dimension: 'queueId', value: queueId }] }],
    });
    await pollUntilDone(jobId);
    const inQueue = overlapping('2026-11-19T00:00:00Z', '2026-11-20T00:00:00Z', NOW - 2 * 3_600_000)
      .filter((c) => JSON.stringify(c.participants).includes(`"queueId":"${queueId}"`));
    expect((await allResults(jobId, 1000)).ids).toEqual(ids(inQueue));

    expect((await h.call('DELETE', `${JOBS}/${jobId}`)).status).toBe(204);
    expect((await h.call('GET', `${JOBS}/${jobId}`)).status).toBe(404);
    expect((await h.call('GET', `${JOBS}/nope/results`)).json.code).toBe('not.found');
  });

  it('reject paging in a job body and unknown keys', async () => {
    h = await openSim();
    const r = await h.call('POST', JOBS, { body: { interval: '2026-11-19T00:00:00Z/2026-11-20T00:00:00Z', paging: { pageSize: 10 } } });
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/Unrecognized field "paging"/);
  });
});
