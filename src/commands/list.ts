import type { Deps } from '../deps.js';
import { listGroupMembers, listGroups, listQueueMembers, listQueues, listUsers, resolveGroupIds, resolveQueueIds } from '../api/directory.js';
import type { ApiClient } from '../api/http.js';
import type { Table } from '../metrics/rows.js';
import { agentListTable, groupListTable, LIST_AGENTS_COLUMNS, LIST_GROUPS_COLUMNS, LIST_QUEUES_COLUMNS, queueListTable } from './list-rows.js';
import type { ListOptions } from './options.js';
import { outputRequest } from './report-request.js';
import { openRunContext } from './run-context.js';
import { notFoundAsUsage } from './select-agents.js';
import { UsageError } from '../errors.js';
import { render } from '../output/render.js';
import { writeOutput } from '../output/write.js';
import { checkReportOutput, chosenColumns } from './write-report.js';

const COLUMNS: Record<ListOptions['what'], readonly string[]> = {
  queues: LIST_QUEUES_COLUMNS,
  agents: LIST_AGENTS_COLUMNS,
  groups: LIST_GROUPS_COLUMNS,
};

/**
 * `gcx-metrics list queues|agents|groups`: the directory as a table, with the reports' output flags (--columns and
 * --output checked before any request; --hide-empty has nothing to hide: every directory entry is a row).
 */
export async function runList(o: ListOptions, deps: Deps): Promise<void> {
  const output = outputRequest(o, deps.stdout.isTTY === true);
  if (output.format === 'html' || output.format === 'parquet') {
    throw new UsageError(`--format ${output.format}: list prints tables; use table, csv, json or ndjson`);
  }
  const columns = chosenColumns(output, COLUMNS[o.what]);
  checkReportOutput(output, deps, o);
  const listed = await listTable(o, deps);
  const table = columns ? { ...listed, columns } : listed;
  const toTerminal = output.path === undefined && deps.stdout.isTTY === true;
  await writeOutput(
    await render(output.format, table, { table: { width: toTerminal ? deps.stdout.columns : undefined, chosen: columns !== undefined } }),
    output.path !== undefined ? { kind: 'file', path: output.path, cwd: deps.cwd } : { kind: 'stdout', stream: deps.stdout },
  );
}

export async function listTable(o: ListOptions, deps: Deps): Promise<Table> {
  const run = await openRunContext(o, deps);
  try {
    const client = run.source.kind === 'db' ? undefined : run.source.client;
    if (!client) throw new Error('internal: list needs the API');
    switch (o.what) {
      case 'queues':
        return queueListTable(await listQueues(client));
      case 'groups':
        return groupListTable(await listGroups(client));
      case 'agents':
        return agentListTable(await listUsers(client, { state: 'any' }), await membersOf(client, o));
    }
  } finally {
    await run.close();
  }
}

/** Members of the --queue and --group given (id → name); undefined when none is given (every user). */
async function membersOf(client: ApiClient, o: ListOptions): Promise<Map<string, string> | undefined> {
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
