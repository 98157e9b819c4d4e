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
