/**
 * Page sizes no official source documents must not be able to break a run. Job results are asked for 1000 a page
 * and whole listings for 500 a page (fewest requests), but the SDK docs give no maximum for
 * `GET …/details/jobs/{jobId}/results` ("The desired maximum number of results") nor for `GET /api/v2/groups`
 * ("Page size", default 25). When the server answers 400 and its message names the page size, the same page is
 * asked again with the next size down: 100 (the maximum Genesys documents for its other listings, e.g.
 * queue members "Max value is 100"), then no pageSize at all (the server's default, always accepted).
 */
import { ApiError } from '../errors.js';

/** A page size to send; undefined = leave `pageSize` out and take the server's default. */
export type PageSize = number | undefined;

/** The documented maximum of most Genesys listings: the first step down from an undocumented larger size. */
export const DOCUMENTED_LISTING_MAX = 100;

/** Genesys's words for the parameter, as a 400's message may spell them: pageSize, page size, page_size. */
const NAMES_PAGE_SIZE = /page[\s_-]?size/i;

/** A 400 whose message names the page size: the server refused our page size, not the query. */
export function isPageSizeRejection(error: unknown): error is ApiError {
  return error instanceof ApiError && error.details.status === 400 && NAMES_PAGE_SIZE.test(error.message);
}

/** The sizes to try, largest first: `first`, then 100 when `first` is larger, then the server's default. */
export function pageSizeSteps(first: PageSize): PageSize[] {
  if (first === undefined) return [undefined];
  return [first, ...(first > DOCUMENTED_LISTING_MAX ? [DOCUMENTED_LISTING_MAX] : []), undefined];
}

/** The page size in force for one paging run; it only ever steps down. */
export class PageSizeLadder {
  private step = 0;
  constructor(
    private readonly steps: readonly PageSize[],
    /** Told each step down, e.g. to log it. */
    private readonly onStepDown?: (from: PageSize, to: PageSize, why: string) => void,
  ) {}

  get current(): PageSize {
    return this.steps[this.step];
  }

  /** After `tried` was refused: step down (unless another request already did); false when nothing is left. */
  stepDown(tried: PageSize, why: string): boolean {
    if (tried !== this.current) return true;
    if (this.step + 1 >= this.steps.length) return false;
    this.step++;
    this.onStepDown?.(tried, this.current, why);
    return true;
  }
}

/** `fetch` with the ladder's size; a page-size 400 is retried one size down until one is accepted. */
export async function withPageSizeFallback<T>(ladder: PageSizeLadder, fetch: (pageSize: PageSize) => Promise<T>): Promise<T> {
  for (;;) {
    const tried = ladder.current;
    try {
      return await fetch(tried);
    } catch (error) {
      if (!isPageSizeRejection(error) || !ladder.stepDown(tried, error.message)) throw error;
    }
  }
}

/** How a step down reads in a log line. */
export function describePageSize(size: PageSize): string {
  return size === undefined ? "the server's default" : String(size);
}
