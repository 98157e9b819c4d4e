/**
 * Paging as async generators that follow the API's own signals, so callers can stop early and memory stays flat.
 * Details queries: pageNumber from 1 until a page has no `conversations` (Genesys omits the key past the last
 * page); `totalHits` is approximate and pages shift on live data, so conversations are de-duplicated by id.
 * Entity listings (users, queues, members): until `pageCount` is reached, or, without it, until `nextUri` is absent.
 * Paging that does not advance (the same page again, a cursor seen before, a page number other than the one asked
 * for) is an API failure naming the endpoint: never a silent loop, never a silent gap.
 */
import { apiError } from './api-error.js';
import type { ApiError } from '../errors.js';
import { UsageError } from '../errors.js';

/** The ApiError (exit 4) for paging that does not advance. */
export function stalledPaging(endpoint: string, why: string): ApiError {
  return apiError(`${endpoint}: ${why}; the server's paging does not advance, so the report would be wrong`, {
    method: endpoint.split(' ')[0],
    path: endpoint.split(' ')[1],
  });
}

/** The ids of a page, as one comparable key: two pages are "the same page" when they list the same ids in order. */
export function pageKey(ids: readonly unknown[]): string {
  return JSON.stringify(ids);
}

/** Remembers every cursor of one paging run: a cursor seen before means the server is going round in a circle. */
export class CursorTrail {
  private readonly seen = new Set<string>();
  constructor(private readonly endpoint: string) {}

  /** Call with each new cursor before following it. */
  follow(cursor: string): void {
    if (this.seen.has(cursor)) {
      throw stalledPaging(this.endpoint, `cursor "${cursor}" came back after ${this.seen.size} pages`);
    }
    this.seen.add(cursor);
  }
}

export interface DetailsPagingOptions {
  /** Default 1000 pages (100 000 conversations at 100 a page). */
  maxPages?: number;
  /** Named in errors, e.g. `POST /api/v2/analytics/conversations/details/query`. */
  endpoint?: string;
}

export async function* paginateDetails<T extends { conversationId: string }>(
  fetchPage: (pageNumber: number) => Promise<{ conversations?: T[] | undefined }>,
  opts: DetailsPagingOptions = {},
): AsyncGenerator<T[]> {
  const maxPages = opts.maxPages ?? 1000;
  const endpoint = opts.endpoint ?? 'conversation details';
  const seen = new Set<string>();
  let previous = '';
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
    // A page with conversations is never the last one (that one has none), so a repeat hides a whole page.
    const key = pageKey(conversations.map((c) => c.conversationId));
    if (key === previous) throw stalledPaging(endpoint, `page ${pageNumber} repeats page ${pageNumber - 1}`);
    previous = key;
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

export interface EntityPagingOptions {
  /** Default 10 000 pages. */
  maxPages?: number;
  /** Named in errors, e.g. `GET /api/v2/routing/queues/{id}/members`. */
  endpoint?: string;
}

export async function* paginateEntities<T>(
  fetchPage: (pageNumber: number) => Promise<EntityPage<T>>,
  opts: EntityPagingOptions = {},
): AsyncGenerator<T[]> {
  const maxPages = opts.maxPages ?? 10_000;
  const endpoint = opts.endpoint ?? 'entity listing';
  let previous = '';
  for (let pageNumber = 1; pageNumber <= maxPages; pageNumber++) {
    const page = await fetchPage(pageNumber);
    if (page.entities.length === 0) return;
    if (page.pageNumber !== undefined && page.pageNumber !== pageNumber) {
      throw stalledPaging(endpoint, `asked for page ${pageNumber}, got page ${page.pageNumber}`);
    }
    const key = pageKey(page.entities.map(entityKey));
    if (pageNumber > 1 && key === previous) throw stalledPaging(endpoint, `page ${pageNumber} repeats page ${pageNumber - 1}`);
    previous = key;
    yield page.entities;
    if (page.pageCount !== undefined ? pageNumber >= page.pageCount : !page.nextUri) return;
  }
  throw stalledPaging(endpoint, `the listing did not end after ${maxPages} pages`);
}

/** An entity's id when it has one (every Genesys entity does), else the whole entity. */
function entityKey(entity: unknown): unknown {
  if (typeof entity === 'object' && entity !== null) {
    const { id } = entity as { id?: unknown };
    if (id !== undefined) return id;
    const { user } = entity as { user?: { id?: unknown } };
    if (user?.id !== undefined) return user.id;
  }
  return entity;
}
