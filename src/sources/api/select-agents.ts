import type { ApiClient } from '../../api/http.js';
import { listGroupMembers, listQueueMembers, resolveAgentIds, resolveGroupIds, resolveQueueIds } from '../../api/directory.js';
import { ApiError, UsageError } from '../../errors.js';
import type { Skipped } from '../../skipped.js';
import type { AgentSelection } from '../../spec/report-spec.js';

export type { AgentSelection } from '../../spec/report-spec.js';


/** A 404 on an id the user typed is their input being wrong (exit 2), not the API failing (exit 4). */
export async function notFoundAsUsage<T>(flag: string, id: string, kind: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (error instanceof ApiError && error.details.status === 404) {
      throw new UsageError(`${flag}: no ${kind} with id "${id}" in this org; check the id (Admin > ${kind === 'group' ? 'Groups' : 'Queues'})`);
    }
    throw error;
  }
}

/** The selection with names and emails turned into ids (unknown or ambiguous ones: exit 2 naming candidates). */
export async function resolveSelection(client: ApiClient, s: AgentSelection): Promise<AgentSelection> {
  return {
    ...s,
    agents: await resolveAgentIds(client, s.agents),
    groups: await resolveGroupIds(client, s.groups),
    queues: await resolveQueueIds(client, s.queues),
  };
}

/**
 * The agents an occupancy report covers: --agent ids, plus the members of each --group and --queue, resolved
 * through the paged directory endpoints. Undefined when nothing is selected (then: every active agent).
 * Expects ids: see resolveSelection.
 */
export async function selectAgents(client: ApiClient, s: AgentSelection, skipped?: Skipped): Promise<string[] | undefined> {
  if (s.agents.length + s.groups.length + s.queues.length === 0) return undefined;
  const ids = new Set(s.agents);
  for (const groupId of s.groups) {
    const members = await notFoundAsUsage('--group', groupId, 'group', () => listGroupMembers(client, groupId, skipped));
    for (const member of members) ids.add(member.id);
  }
  for (const queueId of s.queues) {
    const members = await notFoundAsUsage('--queue', queueId, 'queue', () => listQueueMembers(client, queueId, skipped));
    for (const member of members) ids.add(member.id);
  }
  return [...ids];
}
