/**
 * Names and memberships: users, queues, group and queue members. Lookups by id go in batches of 100 ids
 * (`id=a&id=b…`), a few batches at a time; listings follow the entity paging envelope.
 */
import { apiError } from './api-error.js';
import { ApiError } from '../errors.js';
import type { ApiClient } from './http.js';
import { CONCURRENCY, ID_BATCH as BATCH } from './limits.js';
import { mapConcurrent } from './map-concurrent.js';
import { paginateEntities } from './paginate.js';
import { PageSizeLadder, pageSizeSteps, withPageSizeFallback, type PageSize } from './page-size-fallback.js';
import {
  DirectoryGroupListing,
  DirectoryQueue,
  DirectoryQueueListing,
  DirectoryUserListing,
  type DirectoryGroup,
  type DirectoryUser,
} from './directory-schemas.js';
import { matchOne, UUID, type Named } from '../selection/match-names.js';
import { GroupMemberListing, QueueMemberListing, UserListing } from './schemas.js';
import type { Skipped, SkipReason } from '../skipped.js';
import { memberUsers } from './usable-records.js';

/** A queue member as a user: the id is the user's id (see memberUsers). */
export type QueueMember = { id: string; name?: string | undefined };

/** A listing page's usable entities; those the schema could not read (no id, a mistyped field) are counted. */
export function usable<T>(page: { entities: T[]; unusable: number }, reason: SkipReason, skipped: Skipped | undefined): T[] {
  skipped?.add(reason, page.unusable);
  return page.entities;
}

/**
 * Whole listings (queues, users, groups) page 500 at a time: fewest requests. No official source gives 500 as the
 * maximum of these endpoints, so a 400 naming the page size steps down (100, then the server's default).
 */
export const LISTING_PAGE = 500;

/**
 * One page of an entity listing paged by number. Only page 1 may step the size down: a smaller size from page 2
 * on would shift every later page's offset and skip entities.
 */
function listingPage<T>(sizes: PageSizeLadder, pageNumber: number, fetch: (pageSize: PageSize) => Promise<T>): Promise<T> {
  return pageNumber === 1 ? withPageSizeFallback(sizes, fetch) : fetch(sizes.current);
}

const listingSizes = () => new PageSizeLadder(pageSizeSteps(LISTING_PAGE));

/** The `pageSize` query entry for a size; none for the server's default. */
const sized = (pageSize: PageSize) => (pageSize !== undefined ? { pageSize } : {});

function batches(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += BATCH) out.push(unique.slice(i, i + BATCH));
  return out;
}

/** id → name. Ids the API does not return are absent. `state=any` so that agents who have left still get a name. */
export async function getUsersByIds(client: ApiClient, ids: readonly string[], skipped?: Skipped): Promise<Map<string, string>> {
  const pages = await mapConcurrent(batches(ids), CONCURRENCY, async (batch) => {
    const { data } = await client.request('GET', '/api/v2/users', {
      query: { id: batch, pageSize: BATCH, state: 'any' },
      schema: UserListing,
    });
    return usable(data, 'userEntry', skipped);
  });
  const names = new Map<string, string>();
  for (const user of pages.flat()) names.set(user.id, user.name ?? '');
  return names;
}

/** id → queue (name and media settings). Ids the API does not return are absent. */
export async function getQueuesByIds(client: ApiClient, ids: readonly string[], skipped?: Skipped): Promise<Map<string, DirectoryQueue>> {
  const pages = await mapConcurrent(batches(ids), CONCURRENCY, async (batch) => {
    const { data } = await client.request('GET', '/api/v2/routing/queues', {
      query: { id: batch, pageSize: BATCH },
      schema: DirectoryQueueListing,
    });
    return usable(data, 'queueEntry', skipped);
  });
  return new Map(pages.flat().map((q) => [q.id, q]));
}

async function collect<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

/**
 * Every queue with its media settings (GET /api/v2/routing/queues, sorted by name by the API). With `name`, only
 * those the API's name filter matches: "the given name (leading and trailing asterisks allowed)".
 */
export function listQueues(client: ApiClient, opts: { name?: string; skipped?: Skipped } = {}): Promise<DirectoryQueue[]> {
  const sizes = listingSizes();
  return collect(
    paginateEntities(async (pageNumber) => {
      const { data } = await listingPage(sizes, pageNumber, (pageSize) =>
        client.request('GET', '/api/v2/routing/queues', {
          query: { ...sized(pageSize), pageNumber, ...(opts.name !== undefined ? { name: opts.name } : {}) },
          schema: DirectoryQueueListing,
        }),
      );
      return { ...data, entities: usable(data, 'queueEntry', opts.skipped) };
    }, { endpoint: 'GET /api/v2/routing/queues' }),
  );
}

/**
 * Queues whose name equals `name`, case-insensitively. The API's name filter does the narrowing; whether it
 * compares case-sensitively is not documented, so its answer is checked here, and an empty answer is retried as a
 * `*name*` search so that the error can name what does exist.
 */
export async function findQueuesByName(client: ApiClient, name: string): Promise<{ exact: DirectoryQueue[]; near: DirectoryQueue[] }> {
  const folded = name.trim().toLowerCase();
  const sameName = (q: DirectoryQueue) => (q.name ?? '').trim().toLowerCase() === folded;
  const named = await listQueues(client, { name: name.trim() });
  const exact = named.filter(sameName);
  if (exact.length > 0) return { exact, near: named };
  const near = await listQueues(client, { name: `*${name.trim()}*` });
  return { exact: near.filter(sameName), near };
}

/** Every user in `state` (the API's default is active; `any` includes those who have left). */
export function listUsers(client: ApiClient, opts: { state?: 'active' | 'inactive' | 'deleted' | 'any'; skipped?: Skipped } = {}): Promise<DirectoryUser[]> {
  const sizes = listingSizes();
  return collect(
    paginateEntities(async (pageNumber) => {
      const { data } = await listingPage(sizes, pageNumber, (pageSize) =>
        client.request('GET', '/api/v2/users', {
          query: { ...sized(pageSize), pageNumber, state: opts.state ?? 'active' },
          schema: DirectoryUserListing,
        }),
      );
      return { ...data, entities: usable(data, 'userEntry', opts.skipped) };
    }, { endpoint: 'GET /api/v2/users' }),
  );
}

/** Every group (GET /api/v2/groups; the listing has no name filter). */
export function listGroups(client: ApiClient, opts: { skipped?: Skipped } = {}): Promise<DirectoryGroup[]> {
  const sizes = listingSizes();
  return collect(
    paginateEntities(async (pageNumber) => {
      const { data } = await listingPage(sizes, pageNumber, (pageSize) =>
        client.request('GET', '/api/v2/groups', { query: { ...sized(pageSize), pageNumber }, schema: DirectoryGroupListing }),
      );
      return { ...data, entities: usable(data, 'groupEntry', opts.skipped) };
    }, { endpoint: 'GET /api/v2/groups' }),
  );
}

/** undefined when the queue does not exist (404). */
export async function getQueue(client: ApiClient, id: string): Promise<DirectoryQueue | undefined> {
  try {
    const { data } = await client.request('GET', `/api/v2/routing/queues/${encodeURIComponent(id)}`, { schema: DirectoryQueue });
    return data;
  } catch (err) {
    if (err instanceof ApiError && err.details.status === 404) return undefined;
    throw err;
  }
}

/** Rethrow a 404 on a user-given id with a message naming it; status stays 404 for the command layer. */
function notFound(what: string, id: string) {
  return (err: unknown): never => {
    if (err instanceof ApiError && err.details.status === 404) {
      throw apiError(`${what} ${id} was not found (404)`, err.details);
    }
    throw err;
  };
}

export function listGroupMembers(client: ApiClient, groupId: string, skipped?: Skipped): Promise<Array<{ id: string; name?: string | undefined }>> {
  return collect(
    paginateEntities(async (pageNumber) => {
      const { data } = await client.request('GET', `/api/v2/groups/${encodeURIComponent(groupId)}/members`, {
        query: { pageSize: BATCH, pageNumber },
        schema: GroupMemberListing,
      });
      return { ...data, entities: usable(data, 'userEntry', skipped) };
    }, { endpoint: `GET /api/v2/groups/${encodeURIComponent(groupId)}/members` }),
  ).catch(notFound('group', groupId));
}

/**
 * A member the listing marks `joined: false` belongs to the queue but is not joined to it (Genesys routes it no
 * interactions). QueueMember's `joined` is optional: a member without it is taken as joined.
 */
export function joinedMembers<T extends object>(members: readonly T[], skipped?: Skipped): T[] {
  const joined = members.filter((m) => (m as { joined?: unknown }).joined !== false);
  skipped?.add('memberNotJoined', members.length - joined.length);
  return joined;
}

/**
 * The users joined to a queue (`user.id`, else the member `id`); a member with neither is skipped and counted, and
 * so is a member not joined to the queue (one warning line counts them). All members are listed, not
 * `joined=true` (a documented filter of GET /api/v2/routing/queues/{queueId}/members), so that the unjoined ones
 * can be counted in the same requests.
 */
export function listQueueMembers(client: ApiClient, queueId: string, skipped?: Skipped): Promise<QueueMember[]> {
  return collect(
    paginateEntities(async (pageNumber) => {
      const { data } = await client.request('GET', `/api/v2/routing/queues/${encodeURIComponent(queueId)}/members`, {
        query: { pageSize: BATCH, pageNumber },
        schema: QueueMemberListing,
      });
      const members = joinedMembers(usable(data, 'memberUserId', skipped), skipped);
      return { ...data, entities: memberUsers(members, skipped) };
    }, { endpoint: `GET /api/v2/routing/queues/${encodeURIComponent(queueId)}/members` }),
  ).catch(notFound('queue', queueId));
}

const asNamed = (e: { id: string; name?: string | undefined }): Named => ({ id: e.id, key: e.name ?? '', label: e.name ?? '' });
const isId = (value: string) => UUID.test(value.trim());

/**
 * `--queue` values to queue ids: an id passes as is (its existence is checked where it is used), a name must match
 * exactly one queue, case-insensitively; otherwise exit 2 listing the candidates.
 */
export async function resolveQueueIds(client: ApiClient, values: readonly string[], flag = '--queue'): Promise<string[]> {
  const ids: string[] = [];
  for (const value of values) {
    if (isId(value)) {
      ids.push(value.trim().toLowerCase());
      continue;
    }
    const { exact, near } = await findQueuesByName(client, value);
    // Nothing contains the name (`Suport`): the whole listing, so that a typo still gets its "did you mean".
    const entries = (exact.length > 0 ? exact : near.length > 0 ? near : await listQueues(client)).map(asNamed);
    ids.push(matchOne(value, entries, { flag, thing: 'queue', by: 'named', listHint: 'gcx-metrics list queues' }).id);
  }
  return [...new Set(ids)];
}

/** `--group` values to group ids: ids as is, names matched against the group listing (fetched once). */
export async function resolveGroupIds(client: ApiClient, values: readonly string[], flag = '--group'): Promise<string[]> {
  const names = values.filter((v) => !isId(v));
  const entries = names.length > 0 ? (await listGroups(client)).map(asNamed) : [];
  const ids = values.map((value) =>
    isId(value)
      ? value.trim().toLowerCase()
      : matchOne(value, entries, { flag, thing: 'group', by: 'named', listHint: 'gcx-metrics list groups' }).id,
  );
  return [...new Set(ids)];
}

/**
 * `--agent` values to user ids: ids as is, emails or exact names (like queues and groups) matched against the user
 * listing of every state (an agent who has left still has history). Two users with one email or name (one left,
 * one current) resolve to the active one; two current ones are an error listing both.
 */
export async function resolveAgentIds(client: ApiClient, values: readonly string[], flag = '--agent'): Promise<string[]> {
  const emails = values.filter((v) => !isId(v));
  const users = emails.length > 0 ? await listUsers(client, { state: 'any' }) : [];
  const label = (u: DirectoryUser) => `${u.name ?? ''} <${u.email ?? ''}>`;
  const entries = users.flatMap((u) => [
    { id: u.id, key: u.email ?? '', label: label(u) },
    { id: u.id, key: u.name ?? '', label: label(u) },
  ]);
  const active = new Set(users.filter((u) => u.state === undefined || u.state === 'active').map((u) => u.id));
  const ids = values.map((value) =>
    isId(value)
      ? value.trim().toLowerCase()
      : matchOne(value, entries, {
          flag,
          thing: 'user',
          by: 'with email or name',
          listHint: 'gcx-metrics list agents',
          prefer: (e) => active.has(e.id),
        }).id,
  );
  return [...new Set(ids)];
}
