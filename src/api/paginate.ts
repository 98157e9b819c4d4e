/**
 * Paging as async generators that follow the API's own signals, so callers can stop early and memory stays flat.
 * Details queries: pageNumber from 1 until a page has no `conversations` (Genesys omits the key past the last
 * page); `totalHits` is approximate and pages shift on live data, so conversations are de-duplicated by id.
 * Entity listings (users, queues, members): until `pageCount` is reached, or, without it, until `nextUri` is absent.
 */
import { UsageError } from '../errors.js';

export interface DetailsPagingOptions {
  /** Default 1000 pages (100 000 conversations at 100 a page). */
  maxPages?: number;
}

export async function* paginateDetails<T extends { conversationId: string }>(
  fetchPage: (pageNumber: number) => Promise<{ conversations?: T[] | undefined }>,
  opts: DetailsPagingOptions = {},
): AsyncGenerator<T[]> {
  const maxPages = opts.maxPages ?? 1000;
  const seen = new Set<string>();
  for (let pageNumber = 1; ; pageNumber++) {
    if (pageNumber > maxPages) {
      throw new UsageError(
        `conversation details: more than ${maxPages} pages in this window; ` +
          'use a shorter window (--since, or --from/--to), or --source aggregates',
      );
    }
    const page = await fetchPage(pageNumber);
    const conversations = page.conversations ?? [];
    if (conversations.length === 0) return;
    const fresh = conversations.filter((c) => !seen.has(c.conversationId));
    for (const c of fresh) seen.add(c.conversationId);
    if (fresh.length > 0) yield fresh;
  }
}

export interface EntityPage<T> {
  entities: T[];
  pageCount?: number | undefined;
  pageNumber?: number | undefined;
  nextUri?: string | undefined;
}

export async function* paginateEntities<T>(
  fetchPage: (pageNumber: number) => Promise<EntityPage<T>>,
  opts: { maxPages?: number } = {},
): AsyncGenerator<T[]> {
  const maxPages = opts.maxPages ?? 10_000;
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
    const page = await fetchPage(pageNumber);
    if (page.entities.length === 0) return;
    yield page.entities;
    const current = page.pageNumber ?? pageNumber;
    if (page.pageCount !== undefined ? current >= page.pageCount : !page.nextUri) return;
  }
  throw new Error(`internal: listing did not end after ${maxPages} pages`);
}
