import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { useNockGuard } from '../nock-guard.js';
import { createApiClient } from '../../src/api/http.js';
import { getUserNames, listingSize, restOfNamesBy } from '../../src/api/user-names.js';
import { collectingLogger, fakeClock, stubTokens } from './support.js';

const API = 'https://api.test.example';
const json = { 'Content-Type': 'application/json' };

useNockGuard();

const client = () => createApiClient({ apiUrl: API, tokens: stubTokens(), clock: fakeClock(), logger: collectingLogger().logger });
const ids = (n: number, prefix = 'u') => Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(5, '0')}`);

/** The users listing of an org of `org` users at 500 a page, and every id-batch look-up; records what was asked. */
function org(users: string[], asked: string[]) {
  nock(API)
    .get('/api/v2/users')
    .query(true)
    .times(100)
    .reply(200, (uri) => {
      const q = new URL(uri, API).searchParams;
      expect(q.get('state')).toBe('any');
      const batch = q.getAll('id');
      if (batch.length > 0) {
        asked.push(`ids ${batch.length}`);
        return { entities: batch.filter((id) => users.includes(id)).map((id) => ({ id, name: `Name ${id}` })), pageSize: 100, pageNumber: 1, pageCount: 1 };
      }
      const [size, page] = [Number(q.get('pageSize')), Number(q.get('pageNumber'))];
      asked.push(`page ${page}`);
      const entities = users.slice((page - 1) * size, page * size).map((id) => ({ id, name: `Name ${id}` }));
      return { entities, pageSize: size, pageNumber: page, total: users.length, pageCount: Math.ceil(users.length / size) };
    }, json);
}

describe('getUserNames', () => {
  it('1,000 of an org of 1,000: the listing, 2 pages of 500 (instead of 10 look-ups of 100 ids); the org size is told', async () => {
    const users = ids(1000);
    const asked: string[] = [];
    org(users, asked);
    const { names, orgUsers } = await getUserNames(client(), users);
    expect(asked).toEqual(['page 1', 'page 2']);
    expect(names.size).toBe(1000);
    expect(names.get('u00999')).toBe('Name u00999');
    expect(orgUsers).toBe(1000);
    nock.cleanAll();
  });

  it('300 of an org of 20,000: the first page names some, the rest by id (fewer than 39 more pages)', async () => {
    const users = ids(20_000);
    // 100 on the first page, 200 further on: 2 look-ups of 100 ids.
    const wanted = [...users.slice(400, 500), ...users.slice(10_000, 10_200)];
    const asked: string[] = [];
    org(users, asked);
    const { names, orgUsers } = await getUserNames(client(), wanted);
    expect(asked.sort()).toEqual(['ids 100', 'ids 100', 'page 1']);
    expect(names.size).toBe(300);
    expect(orgUsers).toBe(20_000);
    nock.cleanAll();
  });

  it('up to 100 ids: one look-up by id, no listing, no org size', async () => {
    const users = ids(1000);
    const asked: string[] = [];
    org(users, asked);
    const { names, orgUsers } = await getUserNames(client(), [...users.slice(0, 100), users[0]!]);
    expect(asked).toEqual(['ids 100']);
    expect(names.size).toBe(100);
    expect(orgUsers).toBeUndefined();
    nock.cleanAll();
  });

  it('an id the whole listing does not show is asked for by id once more, and stays absent when unknown', async () => {
    const users = ids(700);
    const asked: string[] = [];
    org(users, asked);
    const { names } = await getUserNames(client(), [...users.slice(0, 600), 'nobody']);
    expect(asked).toEqual(['page 1', 'page 2', 'ids 1']);
    expect(names.size).toBe(600);
    expect(names.has('nobody')).toBe(false);
    nock.cleanAll();
  });
});

describe('listingSize and restOfNamesBy', () => {
  it('reads the size from total, pageCount, or a last page', () => {
    expect(listingSize({ entities: [1, 2], pageSize: 500, total: 1200 })).toEqual({ pagesLeft: 2, total: 1200 });
    expect(listingSize({ entities: [1, 2], pageSize: 500, pageCount: 4 })).toEqual({ pagesLeft: 3, total: undefined });
    expect(listingSize({ entities: [1, 2, 3] })).toEqual({ pagesLeft: 0, total: 3 });
    expect(listingSize({ entities: [1], nextUri: '/api/v2/users?pageNumber=2' })).toEqual({ pagesLeft: undefined, total: undefined });
  });

  it('takes the listing only when it is fewer requests than the missing ids by 100', () => {
    expect(restOfNamesBy(500, 1)).toBe('listing');
    expect(restOfNamesBy(500, 4)).toBe('listing');
    expect(restOfNamesBy(500, 5)).toBe('ids');
    expect(restOfNamesBy(100, 1)).toBe('ids');
    expect(restOfNamesBy(101, 1)).toBe('listing');
    expect(restOfNamesBy(500, undefined)).toBe('ids');
    expect(restOfNamesBy(0, 3)).toBe('ids');
  });
});
