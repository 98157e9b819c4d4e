/** The API's own limits and our politeness bounds, each declared once. */

/** Aggregates and details queries are sent in chunks of at most 7 days (the details query's unfiltered limit). */
export const CHUNK_MS = 7 * 86_400_000;

/** A details query with a filter may span 31 days (developer center, conversation detail query). */
export const FILTERED_DETAILS_MS = 31 * 86_400_000;

/** Users aggregates accept at most 100 userId predicates per query (developer center, user aggregate query). */
export const MAX_USER_PREDICATES = 100;

/** Ids per `GET /api/v2/users?id=…` or `/routing/queues?id=…`, and the page size of listings (the API's maximum). */
export const ID_BATCH = 100;

/** Requests in flight at once: enough to hide latency, few enough to stay far below 300 requests/minute. */
export const CONCURRENCY = 4;

export function batchesOf<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/**
 * Bytes of one response body, counted on the wire (compressed) and again after decompression, so neither a huge
 * body nor a gzip bomb can fill memory. `wholeBytes` bounds a body read whole (every answer but aggregates) and any
 * one value of a streamed body (a result group): the largest real ones are details pages of a few MB, so 256 MiB
 * is far above any real page and far below what fills a laptop. `streamedBytes` bounds an aggregates body, which
 * is read as it arrives and never held: an unfiltered week of a 1,000-agent org is about 90 MB, so 4 GiB leaves
 * room for 40 times that, and only stops a server that never ends.
 */
export interface BodyLimits {
  wholeBytes: number;
  streamedBytes: number;
}
export const BODY_LIMITS: BodyLimits = { wholeBytes: 256 * 2 ** 20, streamedBytes: 4 * 2 ** 30 };

/** "256 MiB", "4 GiB", "1000 bytes": a limit in the words a message uses. */
export function formatBytes(n: number): string {
  if (n >= 2 ** 30 && n % 2 ** 30 === 0) return `${n / 2 ** 30} GiB`;
  if (n >= 2 ** 20 && n % 2 ** 20 === 0) return `${n / 2 ** 20} MiB`;
  return `${n} bytes`;
}
