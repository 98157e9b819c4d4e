import type { Store } from './store.js';
import { columnIndex, QUEUE_MEMBERS_TABLE } from './tables.js';

const QUEUE = columnIndex(QUEUE_MEMBERS_TABLE, 'queue_id');
const AGENT = columnIndex(QUEUE_MEMBERS_TABLE, 'agent_id');
const JOINED = columnIndex(QUEUE_MEMBERS_TABLE, 'joined');

/**
 * `staffing --db`: each asked queue's joined members as the last sync listed them (a queue without members has no
 * rows, and maps to []). `stored` is false when no sync has written members at all (a database from before
 * gcx-metrics kept them), which the caller must say rather than print 0 staffed agents as a fact.
 */
export async function readStoredQueueMembers(store: Store, queueIds: readonly string[]): Promise<{ members: Map<string, string[]>; stored: boolean }> {
  const members = new Map(queueIds.map((id) => [id, [] as string[]]));
  const rows = await store.readAll(QUEUE_MEMBERS_TABLE);
  for (const row of rows) {
    const list = members.get(String(row[QUEUE]));
    if (list && row[JOINED] === true) list.push(String(row[AGENT]));
  }
  return { members, stored: rows.length > 0 };
}
