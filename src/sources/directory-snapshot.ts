/**
 * The directory as sync keeps it for BI tools: one queue listing and one user listing per run (only those the
 * stored reports need), as rows of the queues and agents tables. A queue's goals are stored as configured (empty
 * where the queue configures none), as `list queues` prints them.
 */
import { listQueues, listUsers } from '../api/directory.js';
import type { DirectoryQueue, DirectoryUser } from '../api/directory-schemas.js';
import type { ApiClient } from '../api/http.js';
import { msToSeconds } from '../metrics/round.js';
import { mediaSettingsKey, percentageToPct } from '../metrics/service-level-goals.js';
import type { Skipped } from '../skipped.js';
import type { TableUpsert } from '../store/store.js';
import { AGENTS_TABLE, GOAL_MEDIA, QUEUES_TABLE, type ReportName, type StoredRow } from '../store/tables.js';

export interface DirectorySnapshot {
  queues: DirectoryQueue[];
  users: DirectoryUser[];
}

/** Queues when service level is kept, users (every state: agents who left keep their names) when occupancy is. */
export async function fetchDirectorySnapshot(client: ApiClient, reports: readonly ReportName[], skipped?: Skipped): Promise<DirectorySnapshot> {
  const [queues, users] = await Promise.all([
    reports.includes('service-level') ? listQueues(client, { skipped }) : [],
    reports.includes('occupancy') ? listUsers(client, { state: 'any', skipped }) : [],
  ]);
  return { queues, users };
}

/** The snapshot as upserts, each row stamped `lastSeenMs`. Pure. */
export function directoryUpserts(snapshot: DirectorySnapshot, lastSeenMs: number): TableUpsert[] {
  const queues = new Map<string, StoredRow>();
  for (const q of snapshot.queues) {
    const goals = GOAL_MEDIA.flatMap((media) => {
      const sl = q.mediaSettings?.[mediaSettingsKey(media)!]?.serviceLevel;
      return [typeof sl?.durationMs === 'number' ? msToSeconds(sl.durationMs) : null, typeof sl?.percentage === 'number' ? percentageToPct(sl.percentage) : null];
    });
    queues.set(q.id, [q.id, q.name ?? '', ...goals, lastSeenMs]);
  }
  const agents = new Map<string, StoredRow>();
  for (const u of snapshot.users) agents.set(u.id, [u.id, u.name ?? '', u.email ?? null, u.state ?? null, lastSeenMs]);
  return [
    ...(queues.size > 0 ? [{ table: QUEUES_TABLE, rows: [...queues.values()] }] : []),
    ...(agents.size > 0 ? [{ table: AGENTS_TABLE, rows: [...agents.values()] }] : []),
  ];
}
