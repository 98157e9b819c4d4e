import { describe, expect, it } from 'vitest';
import { paginateDetails, paginateEntities } from '../../src/api/paginate.js';
import { UsageError } from '../../src/errors.js';

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
