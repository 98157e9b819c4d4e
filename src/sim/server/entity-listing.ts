import { badRequest } from './http-error.js';

/** pageSize/pageNumber of a directory GET: default 25 and 1; the real APIs cap pageSize at 500. */
export function pageParams(url: URL, maxPageSize = 500): { pageSize: number; pageNumber: number } {
  const read = (name: string, fallback: number, max: number) => {
    const text = url.searchParams.get(name);
    if (text === null || text === '') return fallback;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 1 || n > max) {
      throw badRequest(`${name} must be an integer from 1 to ${max}, not "${text}"`, 'invalid.value');
    }
    return n;
  };
  return { pageSize: read('pageSize', 25, maxPageSize), pageNumber: read('pageNumber', 1, Number.MAX_SAFE_INTEGER) };
}

/** Repeated `id=a&id=b` and comma lists `id=a,b` alike. */
export function idFilter(url: URL): Set<string> | undefined {
  const ids = url.searchParams.getAll('id').flatMap((v) => v.split(',')).map((s) => s.trim()).filter(Boolean);
  return ids.length ? new Set(ids) : undefined;
}

/** The Genesys entity-listing envelope; a page past the last has empty `entities` and no `nextUri`. */
export function entityListing<T>(all: T[], url: URL, page: { pageSize: number; pageNumber: number }) {
  const { pageSize, pageNumber } = page;
  const pageCount = Math.ceil(all.length / pageSize);
  const uri = (n: number) => {
    const q = new URLSearchParams(url.search);
    q.set('pageSize', String(pageSize));
    q.set('pageNumber', String(n));
    return `${url.pathname}?${q}`;
  };
  return {
    entities: all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total: all.length,
    pageCount,
    firstUri: uri(1),
    selfUri: uri(pageNumber),
    lastUri: uri(Math.max(1, pageCount)),
    ...(pageNumber < pageCount && { nextUri: uri(pageNumber + 1) }),
    ...(pageNumber > 1 && { previousUri: uri(pageNumber - 1) }),
  };
}

/**
 * QueueMemberEntityListing: the same paging links without total, pageCount or lastUri (PY-SDK
 * QueueMemberEntityListing.md lists entities, pageNumber, pageSize, nextUri, previousUri, firstUri, selfUri only).
 */
export function pagedListing<T>(all: T[], url: URL, page: { pageSize: number; pageNumber: number }) {
  const { total: _t, pageCount: _c, lastUri: _l, ...rest } = entityListing(all, url, page);
  return rest;
}
