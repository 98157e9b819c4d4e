import type { Deps } from '../deps.js';
import { listGroupMembers, listGroups, listQueueMembers, listQueues, listUsers, resolveGroupIds, resolveQueueIds } from '../api/directory.js';
import type { ApiClient } from '../api/http.js';
import type { Table } from '../output/printed-table.js';
import { agentListTable, groupListTable, LIST_AGENTS_COLUMNS, LIST_GROUPS_COLUMNS, LIST_QUEUES_COLUMNS, queueListTable } from './list-rows.js';
import type { ListSpec } from '../spec/list-spec.js';
import type { Session } from '../session.js';
import { notFoundAsUsage } from '../sources/api/select-agents.js';
import { UsageError } from '../errors.js';
import { render } from '../output/render.js';
import { writeOutput } from '../output/write.js';
import { checkReportOutput, chosenColumns } from '../output/write-report.js';

const COLUMNS: Record<ListSpec['what'], readonly string[]> = {
  queues: LIST_QUEUES_COLUMNS,
  agents: LIST_AGENTS_COLUMNS,
  groups: LIST_GROUPS_COLUMNS,
};

/**
 * `gcx-metrics list queues|agents|groups`: the directory as a table, with the reports' output flags (--columns and
 * --output checked before any request; --hide-empty has nothing to hide: every directory entry is a row).
 */
export async function runList(o: ListSpec, session: Session, deps: Deps): Promise<void> {
  const output = o.output;
  if (output.format === 'html' || output.format === 'parquet') {
    throw new UsageError(`--format ${output.format}: list prints tables; use table, csv, json or ndjson`);
  }
  const columns = chosenColumns(output, COLUMNS[o.what]);
  checkReportOutput(output, deps);
  const listed = await listTable(o, session);
  const table = columns ? { ...listed, columns } : listed;
  const toTerminal = output.path === undefined && deps.stdout.isTTY === true;
  await writeOutput(
    await render(output.format, table, { width: toTerminal ? deps.stdout.columns : undefined, chosen: columns !== undefined }),
    output.path !== undefined ? { kind: 'file', path: output.path, cwd: deps.cwd } : { kind: 'stdout', stream: deps.stdout },
  );
}

export async function listTable(o: ListSpec, session: Session): Promise<Table> {
  const client = session.client;
  if (!client) throw new Error('internal: list needs the API');
  switch (o.what) {
    case 'queues':
      return queueListTable(await listQueues(client));
    case 'groups':
      return groupListTable(await listGroups(client));
    case 'agents':
      return agentListTable(await listUsers(client, { state: 'any' }), await membersOf(client, o));
  }
}

/** Members of the --queue and --group given (id → name); undefined when none is given (every user). */
async function membersOf(client: ApiClient, o: ListSpec): Promise<Map<string, string> | undefined> {
  if (o.queue.length + o.group.length === 0) return undefined;
  const members = new Map<string, string>();
  for (const id of await resolveQueueIds(client, o.queue)) {
    for (const m of await notFoundAsUsage('--queue', id, 'queue', () => listQueueMembers(client, id))) members.set(m.id, m.name ?? '');
  }
  for (const id of await resolveGroupIds(client, o.group)) {
    for (const u of await notFoundAsUsage('--group', id, 'group', () => listGroupMembers(client, id))) members.set(u.id, u.name ?? '');
  }
  return members;
}
