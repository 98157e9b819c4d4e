import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { getQueue, getQueuesByIds, getUsersByIds, listGroupMembers, listGroups, listQueueMembers, listQueues } from '../../src/api/directory.js';
import { createApiClient } from '../../src/api/http.js';
import { ApiError } from '../../src/errors.js';
import { Skipped } from '../../src/skipped.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

const API = 'https://api.test.example';
const json = { 'Content-Type': 'application/json' };

useNockGuard();

const client = () => createApiClient({ apiUrl: API, tokens: stubTokens(), clock: fakeClock(), logger: collectingLogger().logger });
const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(3, '0')}`);
const notFound = { status: 404, code: 'not.found', message: 'The requested resource was not found.', contextId: 'nf' };

describe('getUsersByIds', () => {
  it('asks in batches of 100 repeated id params (de-duplicated) and maps id → name; unknown ids are absent', async () => {
    const all = ids(150);
    const asked: string[][] = [];
    nock(API)
      .get('/api/v2/users')
      .query(true)
      .times(2)
      .reply(200, (uri) => {
        const q = new URL(uri, API).searchParams;
        expect(q.get('pageSize')).toBe('100');
        expect(q.get('state')).toBe('any');
        const batch = q.getAll('id');
        asked.push(batch);
        // the API leaves out one id it does not know, and one user has no name
        const entities = batch.filter((id) => id !== 'u007').map((id) => (id === 'u120' ? { id } : { id, name: `Name ${id}` }));
        return { entities, pageSize: 100, pageNumber: 1, pageCount: 1 };
      }, json);
    const names = await getUsersByIds(client(), [...all, 'u001', 'u002']);
    expect(asked.map((b) => b.length).sort()).toEqual([100, 50]);
    expect(new Set(asked.flat()).size).toBe(150);
    expect(names.size).toBe(149);
    expect(names.get('u001')).toBe('Name u001');
    expect(names.get('u120')).toBe('');
    expect(names.has('u007')).toBe(false);
  });

  it('makes no request for no ids', async () => {
    expect((await getUsersByIds(client(), [])).size).toBe(0);
  });
});

describe('queues', () => {
  it('getQueuesByIds maps id → queue', async () => {
    nock(API)
      .get('/api/v2/routing/queues')
      .query({ id: ['q1', 'q2'], pageSize: '100' })
      .reply(200, { entities: [{ id: 'q1', name: 'Sales' }] }, json);
    const queues = await getQueuesByIds(client(), ['q1', 'q2']);
    expect([...queues.keys()]).toEqual(['q1']);
    expect(queues.get('q1')?.name).toBe('Sales');
  });

  it('listQueues follows pageCount, 500 a page (the API maximum)', async () => {
    nock(API)
      .get('/api/v2/routing/queues').query({ pageSize: '500', pageNumber: '1' })
      .reply(200, { entities: [{ id: 'q1' }], pageNumber: 1, pageCount: 2 }, json)
      .get('/api/v2/routing/queues').query({ pageSize: '500', pageNumber: '2' })
      .reply(200, { entities: [{ id: 'q2' }], pageNumber: 2, pageCount: 2 }, json);
    expect((await listQueues(client())).map((q) => q.id)).toEqual(['q1', 'q2']);
  });

  it('getQueue returns undefined on 404', async () => {
    nock(API).get('/api/v2/routing/queues/gone').reply(404, notFound, json);
    expect(await getQueue(client(), 'gone')).toBeUndefined();
  });

  it('getQueue still throws other errors', async () => {
    nock(API).get('/api/v2/routing/queues/q1').reply(400, { status: 400, code: 'bad.request', message: 'bad id' }, json);
    await expect(getQueue(client(), 'q1')).rejects.toBeInstanceOf(ApiError);
  });

  it('listQueueMembers pages through the members and escapes the id', async () => {
    nock(API)
      .get('/api/v2/routing/queues/q%201/members').query({ pageSize: '100', pageNumber: '1' })
      .reply(200, { entities: [{ id: 'u1', name: 'A' }], nextUri: '/next' }, json)
      .get('/api/v2/routing/queues/q%201/members').query({ pageSize: '100', pageNumber: '2' })
      .reply(200, { entities: [{ id: 'u2', name: 'B' }] }, json);
    expect((await listQueueMembers(client(), 'q 1')).map((m) => m.id)).toEqual(['u1', 'u2']);
  });

  it('listQueueMembers: unknown queue → ApiError 404 naming it', async () => {
    nock(API).get('/api/v2/routing/queues/nope/members').query(true).reply(404, notFound, json);
    const err = (await listQueueMembers(client(), 'nope').catch((e: unknown) => e)) as ApiError;
    expect(err.message).toBe('queue nope was not found (404)');
    expect(err.details.status).toBe(404);
  });
});

describe('listGroupMembers', () => {
  it('returns the members', async () => {
    nock(API)
      .get('/api/v2/groups/g1/members').query({ pageSize: '100', pageNumber: '1' })
      .reply(200, { entities: [{ id: 'u1', name: 'A' }, { id: 'u2' }], pageNumber: 1, pageCount: 1 }, json);
    expect(await listGroupMembers(client(), 'g1')).toEqual([{ id: 'u1', name: 'A' }, { id: 'u2' }]);
  });

  it('an unknown group → ApiError with status 404 for the command layer', async () => {
    nock(API).get('/api/v2/groups/nope/members').query(true).reply(404, notFound, json);
    const err = (await listGroupMembers(client(), 'nope').catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.message).toBe('group nope was not found (404)');
    expect(err.details).toMatchObject({ status: 404, method: 'GET', path: '/api/v2/groups/nope/members', contextId: 'nf' });
  });
});

describe('queue members joined to the queue', () => {
  it('keeps the joined members and those the listing does not mark, and counts the unjoined ones in one warning line', async () => {
    nock(API)
      .get('/api/v2/routing/queues/q1/members').query({ pageSize: '100', pageNumber: '1' })
      .reply(200, {
        entities: [
          { id: 'u1', user: { id: 'u1', name: 'A' }, joined: true },
          { id: 'u2', user: { id: 'u2', name: 'B' }, joined: false },
          { id: 'u3', user: { id: 'u3', name: 'C' } },
        ],
        nextUri: '/next',
      }, json)
      .get('/api/v2/routing/queues/q1/members').query({ pageSize: '100', pageNumber: '2' })
      .reply(200, { entities: [{ id: 'u4', user: { id: 'u4' }, joined: false }] }, json);
    const skipped = new Skipped();
    const members = await listQueueMembers(client(), 'q1', skipped);
    expect(members.map((m) => m.id)).toEqual(['u1', 'u3']);
    expect(skipped.count('memberNotJoined')).toBe(2);
    expect(skipped.lines()).toEqual(['2 queue members not joined to the queue skipped']);
  });

  it('a queue whose members are all joined adds no warning', async () => {
    nock(API)
      .get('/api/v2/routing/queues/q1/members').query({ pageSize: '100', pageNumber: '1' })
      .reply(200, { entities: [{ id: 'u1', user: { id: 'u1' }, joined: true }] }, json);
    const skipped = new Skipped();
    expect((await listQueueMembers(client(), 'q1', skipped)).map((m) => m.id)).toEqual(['u1']);
    expect(skipped.lines()).toEqual([]);
  });
});

describe('listings whose page size the server refuses', () => {
  const refused = (size: number) => ({ status: 400, code: 'invalid.value', message: `pageSize ${size} is greater than the maximum of 100`, contextId: 'ps' });

  it('a 400 naming the page size on 500 → asks page 1 again at 100 and reads every page at 100', async () => {
    nock(API)
      .get('/api/v2/groups').query({ pageSize: '500', pageNumber: '1' }).reply(400, refused(500), json)
      .get('/api/v2/groups').query({ pageSize: '100', pageNumber: '1' })
      .reply(200, { entities: [{ id: 'g1', name: 'One' }], pageNumber: 1, pageCount: 2 }, json)
      .get('/api/v2/groups').query({ pageSize: '100', pageNumber: '2' })
      .reply(200, { entities: [{ id: 'g2', name: 'Two' }], pageNumber: 2, pageCount: 2 }, json);
    expect((await listGroups(client())).map((g) => g.id)).toEqual(['g1', 'g2']);
  });

  it('100 refused too → no pageSize at all (the server default)', async () => {
    nock(API)
      .get('/api/v2/groups').query({ pageSize: '500', pageNumber: '1' }).reply(400, refused(500), json)
      .get('/api/v2/groups').query({ pageSize: '100', pageNumber: '1' }).reply(400, { status: 400, message: 'Invalid page size' }, json)
      .get('/api/v2/groups').query({ pageNumber: '1' })
      .reply(200, { entities: [{ id: 'g1' }], pageNumber: 1, pageCount: 1 }, json);
    expect((await listGroups(client())).map((g) => g.id)).toEqual(['g1']);
  });

  it('a 400 that does not name the page size is still an error, asked once', async () => {
    nock(API).get('/api/v2/groups').query({ pageSize: '500', pageNumber: '1' }).reply(400, { status: 400, code: 'bad.request', message: 'sortOrder is invalid' }, json);
    const err = (await listGroups(client()).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.details.status).toBe(400);
  });
});
