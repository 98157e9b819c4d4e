/**
 * The rows of `gcx-metrics list queues|agents|groups` (columns fixed by docs/cli-contract.md, section list), built
 * from the directory listings. Pure: the listings are fetched by list.ts.
 */
import type { DirectoryGroup, DirectoryQueue, DirectoryUser } from '../api/directory-schemas.js';
import type { Cell, Table } from '../output/printed-table.js';
import { compareText } from '../metrics/service-level.js';
import { msToSeconds } from '../metrics/round.js';
import { percentageToPct } from '../metrics/service-level-goals.js';

export const LIST_QUEUES_COLUMNS = ['queue_id', 'queue_name', 'media_type', 'threshold_s', 'target_pct', 'members'] as const;
export const LIST_AGENTS_COLUMNS = ['agent_id', 'agent_name', 'email', 'state'] as const;
export const LIST_GROUPS_COLUMNS = ['group_id', 'group_name', 'members'] as const;

/** mediaSettings keys as analytics names them (`call` is `voice` there, and in --media and the reports). */
const MEDIA_OF_KEY: Record<string, string> = { call: 'voice', callback: 'callback', chat: 'chat', email: 'email', message: 'message' };

const byNameThenId = <T extends { name: string; id: string }>(a: T, b: T) => compareText(a.name, b.name) || compareText(a.id, b.id);

/**
 * One row per queue and configured media type; threshold_s and target_pct empty where the media type has no
 * service level of its own (the reports then measure it at 20 s with no target). A queue without media settings
 * still gets a row, with the media cells empty, so that every queue can be found.
 */
export function queueListTable(queues: readonly DirectoryQueue[]): Table<(typeof LIST_QUEUES_COLUMNS)[number]> {
  const rows: Array<Record<(typeof LIST_QUEUES_COLUMNS)[number], Cell>> = [];
  const sorted = queues.map((q) => ({ ...q, name: q.name ?? '' })).sort(byNameThenId);
  for (const q of sorted) {
    const members = q.memberCount ?? null;
    const media = Object.entries(q.mediaSettings ?? {})
      .filter(([key, settings]) => settings && MEDIA_OF_KEY[key] !== undefined)
      .map(([key, settings]) => ({ media: MEDIA_OF_KEY[key]!, sl: settings?.serviceLevel }))
      .sort((a, b) => compareText(a.media, b.media));
    if (media.length === 0) rows.push({ queue_id: q.id, queue_name: q.name, media_type: null, threshold_s: null, target_pct: null, members });
    for (const { media: mediaType, sl } of media) {
      rows.push({
        queue_id: q.id,
        queue_name: q.name,
        media_type: mediaType,
        threshold_s: typeof sl?.durationMs === 'number' ? msToSeconds(sl.durationMs) : null,
        target_pct: typeof sl?.percentage === 'number' ? percentageToPct(sl.percentage) : null,
        members,
      });
    }
  }
  return { columns: LIST_QUEUES_COLUMNS, rows };
}

/** Users sorted by name; `only` (member ids of --queue/--group) narrows the listing, keeping members it lacks. */
export function agentListTable(
  users: readonly DirectoryUser[],
  only?: ReadonlyMap<string, string>,
): Table<(typeof LIST_AGENTS_COLUMNS)[number]> {
  const byId = new Map(users.map((u) => [u.id, u]));
  const picked = only
    ? [...only].map(([id, name]) => byId.get(id) ?? { id, name })
    : users;
  const rows = picked
    .map((u) => ({ id: u.id, name: u.name ?? '', email: u.email ?? null, state: u.state ?? null }))
    .sort(byNameThenId)
    .map((u) => ({ agent_id: u.id, agent_name: u.name, email: u.email, state: u.state }));
  return { columns: LIST_AGENTS_COLUMNS, rows };
}

export function groupListTable(groups: readonly DirectoryGroup[]): Table<(typeof LIST_GROUPS_COLUMNS)[number]> {
  const rows = groups
    .map((g) => ({ id: g.id, name: g.name ?? '', members: g.memberCount ?? null }))
    .sort(byNameThenId)
    .map((g) => ({ group_id: g.id, group_name: g.name, members: g.members }));
  return { columns: LIST_GROUPS_COLUMNS, rows };
}
