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
import {
  GroupMemberListing,
  Queue,
  QueueListing,
  QueueMemberListing,
  UserListing,
  type User,
} from './schemas.js';
import type { z } from 'zod';

export type QueueMember = z.infer<typeof QueueMemberListing>['entities'][number];


function batches(ids: readonly string[]): string[][] {
  const unique = [...new Set(ids)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += BATCH) out.push(unique.slice(i, i + BATCH));
  return out;
}

/** id → name. Ids the API does not return are absent. `state=any` so that agents who have left still get a name. */
export async function getUsersByIds(client: ApiClient, ids: readonly string[]): Promise<Map<string, string>> {
  const pages = await mapConcurrent(batches(ids), CONCURRENCY, async (batch) => {
    const { data } = await client.request('GET', '/api/v2/users', {
      query: { id: batch, pageSize: BATCH, state: 'any' },
      schema: UserListing,
    });
    return data.entities;
  });
  const names = new Map<string, string>();
  for (const user of pages.flat()) names.set(user.id, user.name ?? '');
  return names;
}

/** id → queue (name and media settings). Ids the API does not return are absent. */
export async function getQueuesByIds(client: ApiClient, ids: readonly string[]): Promise<Map<string, Queue>> {
  const pages = await mapConcurrent(batches(ids), CONCURRENCY, async (batch) => {
    const { data } = await client.request('GET', '/api/v2/routing/queues', {
      query: { id: batch, pageSize: BATCH },
      schema: QueueListing,
    });
    return data.entities;
  });
  return new Map(pages.flat().map((q) => [q.id, q]));
}

async function collect<T>(pages: AsyncGenerator<T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

export function listQueues(client: ApiClient): Promise<Queue[]> {
  return collect(
    paginateEntities(async (pageNumber) => {
      const { data } = await client.request('GET', '/api/v2/routing/queues', {
        query: { pageSize: BATCH, pageNumber },
        schema: QueueListing,
      });
      return data;
    }),
  );
}

/** undefined when the queue does not exist (404). */
export async function getQueue(client: ApiClient, id: string): Promise<Queue | undefined> {
  try {
    const { data } = await client.request('GET', `/api/v2/routing/queues/${encodeURIComponent(id)}`, { schema: Queue });
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

export function listGroupMembers(client: ApiClient, groupId: string): Promise<User[]> {
  return collect(
    paginateEntities(async (pageNumber) => {
      const { data } = await client.request('GET', `/api/v2/groups/${encodeURIComponent(groupId)}/members`, {
        query: { pageSize: BATCH, pageNumber },
        schema: GroupMemberListing,
      });
      return data;
    }),
  ).catch(notFound('group', groupId));
}

/** Queue members; a member's `id` is the user's id. */
export function listQueueMembers(client: ApiClient, queueId: string): Promise<QueueMember[]> {
  return collect(
    paginateEntities(async (pageNumber) => {
      const { data } = await client.request('GET', `/api/v2/routing/queues/${encodeURIComponent(queueId)}/members`, {
        query: { pageSize: BATCH, pageNumber },
        schema: QueueMemberListing,
      });
      return data;
    }),
  ).catch(notFound('queue', queueId));
}
