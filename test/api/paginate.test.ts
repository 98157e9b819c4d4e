import { describe, expect, it } from 'vitest';
import { paginateDetails, paginateEntities } from '../../src/api/paginate.js';
import { ApiError, UsageError } from '../../src/errors.js';

const conv = (id: string) => ({ conversationId: id });

async function collect<T>(gen: AsyncGenerator<T[]>): Promise<T[][]> {
  const pages: T[][] = [];
  for await (const p of gen) pages.push(p);
  return pages;
}

describe('paginateDetails', () => {
  it('asks pageNumber 1, 2, 3 and stops at the page without conversations', async () => {
    const asked: number[] = [];
    const pages: Record<number, { conversations?: Array<{ conversationId: string }>; totalHits?: number }> = {
      1: { conversations: [conv('a'), conv('b')], totalHits: 3 },
      2: { conversations: [conv('c')], totalHits: 3 },
      3: { totalHits: 3 },
    };
    const out = await collect(paginateDetails(async (n) => (asked.push(n), pages[n]!)));
    expect(asked).toEqual([1, 2, 3]);
    expect(out).toEqual([[conv('a'), conv('b')], [conv('c')]]);
  });

  it('stops at an empty page too', async () => {
    const asked: number[] = [];
    const out = await collect(paginateDetails(async (n) => (asked.push(n), n === 1 ? { conversations: [conv('a')] } : { conversations: [] })));
    expect(asked).toEqual([1, 2]);
    expect(out.flat()).toEqual([conv('a')]);
  });

  it('yields a conversation that shifts onto the next page once', async () => {
    const pages = [[conv('a'), conv('b')], [conv('b'), conv('c')], [conv('c')]];
    const out = await collect(paginateDetails(async (n) => ({ conversations: pages[n - 1] })));
    expect(out).toEqual([[conv('a'), conv('b')], [conv('c')]]);
  });

  it('throws a UsageError naming what to change when the bound is hit', async () => {
    const gen = paginateDetails(async (n) => ({ conversations: [conv(`c${n}`)] }), { maxPages: 3 });
    await expect(collect(gen)).rejects.toThrow(new UsageError(
      'conversation details: more than 3 pages in this window; use a shorter window (--since, or --from/--to), or --source aggregates',
    ));
  });

  it('a page that repeats the previous one is exit 4 naming the endpoint, not 100 conversations silently lost', async () => {
    const asked: number[] = [];
    const page = [conv('a'), conv('b')];
    const gen = paginateDetails(async (n) => (asked.push(n), { conversations: n <= 2 ? page : [] }), { endpoint: 'POST /x/details/query' });
    const err = (await collect(gen).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.exitCode).toBe(4);
    expect(err.message).toBe("POST /x/details/query: page 2 repeats page 1; the server's paging does not advance, so the report would be wrong");
    expect(err.details).toMatchObject({ method: 'POST', path: '/x/details/query' });
    expect(asked).toEqual([1, 2]);
  });

  it('lets the caller stop early without fetching more', async () => {
    const asked: number[] = [];
    for await (const page of paginateDetails(async (n) => (asked.push(n), { conversations: [conv(`c${n}`)] }))) {
      expect(page).toHaveLength(1);
      break;
    }
    expect(asked).toEqual([1]);
  });
});

describe('paginateEntities', () => {
  it('stops when pageNumber reaches pageCount', async () => {
    const asked: number[] = [];
    const out = await collect(
      paginateEntities(async (n) => (asked.push(n), { entities: [n * 10, n * 10 + 1], pageNumber: n, pageCount: 2, nextUri: n < 2 ? 'x' : undefined })),
    );
    expect(asked).toEqual([1, 2]);
    expect(out.flat()).toEqual([10, 11, 20, 21]);
  });

  it('without pageCount, stops when nextUri is absent', async () => {
    const asked: number[] = [];
    await collect(paginateEntities(async (n) => (asked.push(n), { entities: [n], ...(n < 3 ? { nextUri: `/next?pageNumber=${n + 1}` } : {}) })));
    expect(asked).toEqual([1, 2, 3]);
  });

  it('stops at an empty page even if pageCount promises more', async () => {
    const asked: number[] = [];
    const out = await collect(paginateEntities(async (n) => (asked.push(n), { entities: n === 1 ? ['a'] : [], pageCount: 5, nextUri: 'x' })));
    expect(asked).toEqual([1, 2]);
    expect(out).toEqual([['a']]);
  });
});

describe('paginateEntities that does not advance: exit 4 naming the endpoint within a few requests', () => {
  const endpoint = 'GET /api/v2/routing/queues/q1/members';
  const failure = async (fetchPage: Parameters<typeof paginateEntities<{ id: string }>>[0], maxPages?: number) => {
    const err = (await collect(paginateEntities(fetchPage, { endpoint, ...(maxPages ? { maxPages } : {}) })).catch((e: unknown) => e)) as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.exitCode).toBe(4);
    return err.message;
  };
  const tail = "; the server's paging does not advance, so the report would be wrong";

  it('the server answers page 1 whatever page is asked for', async () => {
    const asked: number[] = [];
    const msg = await failure(async (n) => (asked.push(n), { entities: [{ id: 'u1' }], pageNumber: 1, pageCount: 3 }));
    expect(msg).toBe(`${endpoint}: asked for page 2, got page 1${tail}`);
    expect(asked).toEqual([1, 2]);
  });

  it('the same members again, with no page number and a nextUri every time', async () => {
    const asked: number[] = [];
    const msg = await failure(async (n) => (asked.push(n), { entities: [{ id: 'u1' }, { id: 'u2' }], nextUri: '/next' }));
    expect(msg).toBe(`${endpoint}: page 2 repeats page 1${tail}`);
    expect(asked).toEqual([1, 2]);
  });

  it('a pageCount that keeps growing with new entities ends at the page bound, as exit 4 (was an internal error)', async () => {
    const msg = await failure(async (n) => ({ entities: [{ id: `u${n}` }], pageNumber: n, pageCount: n + 1 }), 5);
    expect(msg).toBe(`${endpoint}: the listing did not end after 5 pages${tail}`);
  });
});
