/**
 * Names of many users in the fewest requests. Up to 100 ids: one `GET /api/v2/users?id=…`. More: the users
 * listing's first page (500 users, and the org's size), then whichever is fewer requests for the rest: the
 * remaining listing pages, or the still-missing ids in batches of 100. The org's size also tells the occupancy
 * plan whether unfiltered aggregates are worth it (commands/plan-queries.ts chooseAgentFiltering).
 */
import { getUsersByIds, LISTING_PAGE, usable } from './directory.js';
import type { ApiClient } from './http.js';
import { ID_BATCH } from './limits.js';
import { paginateEntities } from './paginate.js';
import { DirectoryUserListing } from './directory-schemas.js';
import type { Skipped } from '../skipped.js';

export interface UserNames {
  /** id → name ('' when the user has none); ids the API does not know are absent. */
  names: Map<string, string>;
  /** Users in the org (every state), when the listing was read and told. */
  orgUsers?: number;
}

/** What the listing's first page says about the whole listing. */
export interface ListingPage {
  entities: readonly unknown[];
  pageSize?: number | undefined;
  total?: number | undefined;
  pageCount?: number | undefined;
  nextUri?: string | undefined;
}

/** Pages after the first and the number of users, each undefined when the page does not tell. */
export function listingSize(first: ListingPage): { pagesLeft: number | undefined; total: number | undefined } {
  const last = first.pageCount === undefined && first.total === undefined && first.nextUri === undefined;
  const total = first.total ?? (last ? first.entities.length : undefined);
  const pageCount =
    first.pageCount ?? (first.total !== undefined && first.pageSize ? Math.ceil(first.total / first.pageSize) : last ? 1 : undefined);
  return { pagesLeft: pageCount === undefined ? undefined : Math.max(0, pageCount - 1), total };
}

/** The rest of the listing, or the missing ids by batch: fewer requests wins, a tie goes to the ids (smaller answers). */
export function restOfNamesBy(missing: number, pagesLeft: number | undefined): 'listing' | 'ids' {
  if (pagesLeft === undefined || missing === 0) return 'ids';
  return pagesLeft < Math.ceil(missing / ID_BATCH) ? 'listing' : 'ids';
}

export async function getUserNames(client: ApiClient, ids: readonly string[], skipped?: Skipped): Promise<UserNames> {
  const wanted = new Set(ids);
  if (wanted.size <= ID_BATCH) return { names: await getUsersByIds(client, [...wanted], skipped) };
  const names = new Map<string, string>();
  const take = (users: ReadonlyArray<{ id: string; name?: string | undefined }>) => {
    for (const user of users) if (wanted.has(user.id)) names.set(user.id, user.name ?? '');
  };
  let first: ListingPage = { entities: [] };
  const pages = paginateEntities(async (pageNumber) => {
    const { data } = await client.request('GET', '/api/v2/users', {
      query: { pageSize: LISTING_PAGE, pageNumber, state: 'any' },
      schema: DirectoryUserListing,
    });
    if (pageNumber === 1) first = data;
    return { ...data, entities: usable(data, 'userEntry', skipped) };
  }, { endpoint: 'GET /api/v2/users' });
  const page = await pages.next();
  if (!page.done) take(page.value);
  const { pagesLeft, total } = listingSize(first);
  const missing = () => [...wanted].filter((id) => !names.has(id));
  if (restOfNamesBy(missing().length, pagesLeft) === 'listing') for await (const users of pages) take(users);
  else await pages.return(undefined);
  // Whatever the listing did not show is asked for by id, as it always was: an id unknown there too is unknown.
  const left = missing();
  if (left.length > 0) for (const [id, name] of await getUsersByIds(client, left, skipped)) names.set(id, name);
  return { names, ...(total !== undefined ? { orgUsers: total } : {}) };
}
