import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DirectoryGroupListing, DirectoryQueue, DirectoryQueueListing, DirectoryUserListing } from '../../../src/api/directory-schemas.js';
import { GroupMemberListing, QueueMemberListing, UserListing } from '../../../src/api/schemas.js';
import { openSim, type Harness } from './sim-harness.js';

let h: Harness;
beforeAll(async () => {
  h = await openSim({ agents: 40, queues: 6 });
});
afterAll(() => h.close());

describe('GET /api/v2/users', () => {
  it('pages the 40 agents 15 at a time: 15, 15, 10, then an empty page', async () => {
    const pages = [];
    for (let n = 1; n <= 4; n++) pages.push(UserListing.parse((await h.call('GET', `/api/v2/users?pageSize=15&pageNumber=${n}`)).json));
    expect(pages.map((p) => p.entities.length)).toEqual([15, 15, 10, 0]);
    expect(pages.map((p) => p.nextUri)).toEqual([
      '/api/v2/users?pageSize=15&pageNumber=2',
      '/api/v2/users?pageSize=15&pageNumber=3',
      undefined,
      undefined,
    ]);
    expect(pages[0]).toMatchObject({ pageSize: 15, pageNumber: 1, total: 40, pageCount: 3 });
    const ids = pages.flatMap((p) => p.entities.map((e) => e.id));
    expect(ids).toEqual(h.sim.org.agents.map((a) => a.id));
    const first = h.sim.org.agents[0]!;
    expect(pages[0]!.entities[0]).toMatchObject({ id: first.id, name: first.name, email: first.email, state: 'active' });
  });

  it('filters by id, repeated or comma-separated, and defaults to 25 a page', async () => {
    const [a, b, c] = h.sim.org.agents;
    const repeated = (await h.call('GET', `/api/v2/users?id=${a!.id}&id=${b!.id}`)).json;
    const comma = (await h.call('GET', `/api/v2/users?id=${a!.id},${c!.id},unknown-id`)).json;
    expect(repeated.entities.map((e: { id: string }) => e.id)).toEqual([a!.id, b!.id]);
    expect(comma.entities.map((e: { id: string }) => e.id)).toEqual([a!.id, c!.id]);
    expect((await h.call('GET', '/api/v2/users')).json).toMatchObject({ pageSize: 25, total: 40, pageCount: 2 });
  });

  it('honours state: active by default, any, none inactive or deleted; 400 for another value', async () => {
    const count = async (q: string) => DirectoryUserListing.parse((await h.call('GET', `/api/v2/users?pageSize=500${q}`)).json).entities.length;
    expect([await count(''), await count('&state=any'), await count('&state=inactive'), await count('&state=deleted')]).toEqual([40, 40, 0, 0]);
    const bad = await h.call('GET', '/api/v2/users?state=gone');
    expect(bad.status).toBe(400);
    expect(bad.json.message).toMatch(/state must be one of active, inactive, deleted, any, not "gone"/);
  });

  it('rejects pageSize over 500 with 400 naming it', async () => {
    const r = await h.call('GET', '/api/v2/users?pageSize=501');
    expect(r.status).toBe(400);
    expect(r.json.message).toMatch(/pageSize must be an integer from 1 to 500, not "501"/);
  });
});

describe('routing queues', () => {
  it('lists sorted by name, filters by name (wildcard) and id, and gets one with its service-level settings', async () => {
    const all = DirectoryQueueListing.parse((await h.call('GET', '/api/v2/routing/queues?pageSize=100')).json);
    expect(all.total).toBe(6);
    expect(all.entities.map((q) => q.name)).toEqual(['Billing', 'General Enquiries', 'Retention', 'Sales', 'Support', 'Technical Support']);
    expect(new Set(all.entities.map((q) => q.id))).toEqual(new Set(h.sim.org.queues.map((q) => q.id)));
    const q = h.sim.org.queues[1]!;
    const byName = (await h.call('GET', `/api/v2/routing/queues?name=${encodeURIComponent(q.name.toUpperCase())}`)).json;
    expect(byName.entities.map((e: { id: string }) => e.id)).toEqual([q.id]);
    const prefix = (await h.call('GET', `/api/v2/routing/queues?name=${encodeURIComponent(q.name.slice(0, 3))}*`)).json;
    expect(prefix.entities.map((e: { id: string }) => e.id)).toContain(q.id);
    expect((await h.call('GET', `/api/v2/routing/queues?id=${q.id}`)).json.total).toBe(1);

    const one = await h.call('GET', `/api/v2/routing/queues/${q.id}`);
    expect(one.status).toBe(200);
    expect(DirectoryQueue.parse(one.json).mediaSettings).toEqual(q.mediaSettings);
  });

  it('matches names as documented: whole name, case-insensitively; * only at the start or end', async () => {
    const names = async (name: string) =>
      DirectoryQueueListing.parse((await h.call('GET', `/api/v2/routing/queues?name=${encodeURIComponent(name)}`)).json).entities.map((q) => q.name);
    expect(await names('support')).toEqual(['Support']);
    expect(await names('*support')).toEqual(['Support', 'Technical Support']);
    expect(await names('Sup*')).toEqual(['Support']);
    expect(await names('*e*')).toEqual(['Billing', 'General Enquiries', 'Retention', 'Sales', 'Support', 'Technical Support'].filter((n) => /e/i.test(n)));
    expect(await names('S*s')).toEqual([]); // an inner asterisk is not a wildcard
    expect(await names('Sale')).toEqual([]);
  });

  it('serves mediaSettings per media with serviceLevel {percentage, durationMs} where configured, none for messaging', async () => {
    const sales = h.sim.org.queues.find((q) => q.name === 'Sales')!;
    const r = DirectoryQueue.parse((await h.call('GET', `/api/v2/routing/queues/${sales.id}`)).json);
    expect(r.mediaSettings).toEqual({
      call: { alertingTimeoutSeconds: 8, serviceLevel: { percentage: 0.8, durationMs: 20_000 } },
      callback: { alertingTimeoutSeconds: 30 },
      chat: { alertingTimeoutSeconds: 30, serviceLevel: { percentage: 0.8, durationMs: 60_000 } },
      email: { alertingTimeoutSeconds: 300, serviceLevel: { percentage: 0.9, durationMs: 86_400_000 } },
      message: { alertingTimeoutSeconds: 30 },
    });
    expect(r.memberCount).toBe(h.sim.org.queueMemberIds[sales.id]!.length);
  });

  it('pages queue members as {id: userId, user, joined}, sorted by name, with no total, pageCount or lastUri', async () => {
    const q = h.sim.org.queues[0]!;
    const memberIds = h.sim.org.queueMemberIds[q.id]!;
    const reply = await h.call('GET', `/api/v2/routing/queues/${q.id}/members?pageSize=100`);
    const r = QueueMemberListing.parse(reply.json);
    // QueueMemberEntityListing (PY-SDK QueueMemberEntityListing.md) has no total, pageCount or lastUri.
    expect(Object.keys(reply.json).sort()).toEqual(['entities', 'firstUri', 'pageNumber', 'pageSize', 'selfUri']);
    const byName = h.sim.org.agents.filter((a) => memberIds.includes(a.id)).sort((a, b) => (a.name.toLowerCase() < b.name.toLowerCase() ? -1 : 1));
    expect(r.entities.map((m) => m.id)).toEqual(byName.map((a) => a.id));
    expect(r.entities[0]).toMatchObject({ user: { id: byName[0]!.id }, joined: true, memberBy: 'user' });
  });

  it('caps the members pageSize at 100 ("Max value is 100") with a 400 naming it', async () => {
    const q = h.sim.org.queues[0]!;
    const r = await h.call('GET', `/api/v2/routing/queues/${q.id}/members?pageSize=101`);
    expect(r.status).toBe(400);
    expect(r.json).toMatchObject({ status: 400, code: 'invalid.value' });
    expect(r.json.message).toMatch(/pageSize must be an integer from 1 to 100, not "101"/);
  });

  it('answers 404 not.found for an unknown queue, also for its members', async () => {
    for (const path of ['/api/v2/routing/queues/nope', '/api/v2/routing/queues/nope/members']) {
      const r = await h.call('GET', path);
      expect(r.status).toBe(404);
      expect(r.json).toMatchObject({ code: 'not.found', status: 404 });
    }
  });
});

describe('GET /api/v2/groups', () => {
  it('lists the groups in the entity envelope with the Group model fields, filters by id', async () => {
    const r = DirectoryGroupListing.parse((await h.call('GET', '/api/v2/groups?pageSize=25')).json);
    expect(r).toMatchObject({ pageSize: 25, pageNumber: 1, total: 2, pageCount: 1 });
    const g = h.sim.org.groups[1]!;
    expect(r.entities[1]).toEqual({
      id: g.id, name: 'Tier 2 Agents', memberCount: g.memberIds.length, state: 'active', version: 1, type: 'official',
      rulesVisible: true, visibility: 'public', selfUri: `/api/v2/groups/${g.id}`,
    });
    expect((await h.call('GET', `/api/v2/groups?id=${g.id}`)).json.entities.map((e: { id: string }) => e.id)).toEqual([g.id]);
  });
});

describe('GET /api/v2/groups/{id}/members', () => {
  it('pages the group members as users and 404s an unknown group', async () => {
    const g = h.sim.org.groups[0]!;
    const r = GroupMemberListing.parse((await h.call('GET', `/api/v2/groups/${g.id}/members?pageSize=500`)).json);
    expect(r.entities.map((u) => u.id)).toEqual(g.memberIds);
    expect((await h.call('GET', '/api/v2/groups/nope/members')).status).toBe(404);
  });
});

describe('routing errors', () => {
  it('404s an unknown path, 405s a wrong method, 400s a body that is not JSON', async () => {
    expect((await h.call('GET', '/api/v2/analytics/queues/summary')).json.code).toBe('not.found');
    const wrongMethod = await h.call('GET', '/api/v2/analytics/conversations/details/query');
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
    const notJson = await h.call('POST', '/api/v2/analytics/conversations/details/query', { raw: 'interval=today' });
    expect(notJson.status).toBe(400);
    expect(notJson.json).toMatchObject({ code: 'bad.request', message: 'Unable to parse the request body as JSON' });
  });
});
