import type { AggregatesFold } from '../api/analytics.js';
import type { ApiClient } from '../api/http.js';
import { CONCURRENCY } from '../api/limits.js';
import { mapConcurrent } from '../api/map-concurrent.js';
import type { UsableAggregates } from '../api/usable-records.js';
import type { Deps } from '../deps.js';
import { UsageError } from '../errors.js';
import { OccupancyAccumulator } from '../metrics/occupancy.js';
import { ServiceLevelAccumulator } from '../metrics/service-level.js';
import { PROGRESS_UNIT } from '../output/progress.js';
import type { Session } from '../session.js';
import { reportWindow, type ReportWindow } from '../time/report-window.js';
import { totalWindow } from '../time/total-window.js';
import { serviceLevelDetailsOptions } from './details-options.js';
import { measureOf, type Measure } from './measure.js';
import type { OccupancyInputs, OccupancyQuery, ReportSource, ServiceLevelInputs, ServiceLevelQuery, SourceWindow } from './report-source.js';

/**
 * The analytics API as a report source: aggregates (or details, for service level with `via: 'details'`),
 * chunked, paged and retried by the client, folded into the accumulators as responses stream in. Loaded only
 * for API runs: a file or database report never compiles the HTTP layer.
 */
export function apiSource(client: ApiClient, session: Session, deps: Pick<Deps, 'clock' | 'signal'>, via: 'aggregates' | 'details' = 'aggregates'): ReportSource & {
  measure(query: Pick<ServiceLevelQuery, 'selection' | 'goals' | 'by'>): Promise<Measure>;
  serviceLevelMeasured(query: ServiceLevelQuery, measure: Measure): Promise<ServiceLevelInputs & { rw: ReportWindow }>;
} {
  const resolve = (w: SourceWindow): ReportWindow => ('resolved' in w ? w.resolved : reportWindow(w.request, session.config.tz, deps.clock.now()));
  const source = {
    label: `${session.demo ? 'demo org, ' : ''}${via === 'details' ? 'details' : 'aggregates'}`,
    occupancy: (query: OccupancyQuery) => fetchOccupancy(client, session, resolve(query.window), query.selection, query.total === true),
    measure: (query: Pick<ServiceLevelQuery, 'selection' | 'goals' | 'by'>) => measureOf(query, session, client),
    serviceLevelMeasured: (query: ServiceLevelQuery, measure: Measure) =>
      fetchServiceLevel(client, session, deps, via, resolve(query.window), measure, query.total === true),
    serviceLevel: async (query: ServiceLevelQuery) => source.serviceLevelMeasured(query, await source.measure(query)),
    queueMembers: (queueIds: readonly string[]) => fetchQueueMembers(client, session, queueIds),
  };
  return source;
}

/**
 * Occupancy over `rw`. With a selection the names come first: the users listing read for them tells the org's
 * size, which decides whether the aggregates are filtered by the API or here.
 */
async function fetchOccupancy(
  client: ApiClient,
  session: Session,
  rw: ReportWindow,
  given: OccupancyQuery['selection'],
  total: boolean,
): Promise<OccupancyInputs & { rw: ReportWindow }> {
  const [{ streamAggregates }, { getUserNames }, { addAgentConversationAggregates, addRoutingStatusAggregates }, { chooseAgentFiltering, planOccupancyQueries }, { resolveSelection, selectAgents }] =
    await Promise.all([
      import('../api/analytics.js'),
      import('../api/user-names.js'),
      import('../metrics/occupancy-from-aggregates.js'),
      import('./api/plan-queries.js'),
      import('./api/select-agents.js'),
    ]);
  const selection = await resolveSelection(client, given);
  const selected = await selectAgents(client, selection, session.skipped);
  if (selected?.length === 0) session.logger.warn('the selected group(s) and queue(s) have no members; the report is empty');
  const known = selected && (await getUserNames(client, selected, session.skipped));
  if (known) checkAgentsExist(selection.agents, known.names);
  const filtering = selected ? chooseAgentFiltering(selected.length, known?.orgUsers) : 'server';
  const plan = planOccupancyQueries(rw.window, { agentIds: selected, media: selection.media, filtering }, total ? 'whole' : 'grid');
  const bucketOf = total ? totalWindow(rw).bucketOf : rw.bucketOf;
  const keep = filtering === 'local' ? new Set(selected) : undefined;
  const acc = new OccupancyAccumulator();
  let done = 0;
  await mapConcurrent(plan, CONCURRENCY, async (query) => {
    const add = query.endpoint === 'conversations' ? addAgentConversationAggregates : addRoutingStatusAggregates;
    const fold: AggregatesFold<OccupancyAccumulator> = {
      start: () => new OccupancyAccumulator(),
      add: (part, results) => add(part, keep ? onlyAgents(results, keep) : results, bucketOf),
    };
    acc.addAll(await streamAggregates(client, query.endpoint, query.body, fold, session.skipped));
    session.progress.update(++done, plan.length, PROGRESS_UNIT);
  });
  const agentIds = selected ?? acc.activeAgents(rw.window.startMs, rw.window.endMs);
  const agentNames = known?.names ?? (await getUserNames(client, agentIds, session.skipped)).names;
  return { acc, rw, agentIds, agentNames };
}

/** The queue members listing of each queue, a few queues at a time. */
export async function fetchQueueMembers(client: ApiClient, session: Pick<Session, 'skipped'>, queueIds: readonly string[]): Promise<Map<string, string[]>> {
  const { listQueueMembers } = await import('../api/directory.js');
  const members = new Map<string, string[]>();
  await mapConcurrent([...queueIds], CONCURRENCY, async (id) => {
    members.set(id, (await listQueueMembers(client, id, session.skipped)).map((m) => m.id));
  });
  return new Map(queueIds.map((id) => [id, members.get(id) ?? []]));
}

function checkAgentsExist(agents: readonly string[], names: ReadonlyMap<string, string>): void {
  const unknown = agents.find((id) => !names.has(id));
  if (unknown !== undefined) throw new UsageError(`--agent: no user with id "${unknown}" in this org; check the id`);
}

/** The result groups of the selected agents (an unfiltered answer holds every agent of the org). */
function onlyAgents(response: UsableAggregates, keep: ReadonlySet<string>): UsableAggregates {
  return { results: response.results.filter((r) => r.group.userId !== undefined && keep.has(r.group.userId)) };
}

/** Service level over `rw`, measured as `measure` says (sync reads the goals once for all its slices). */
async function fetchServiceLevel(
  client: ApiClient,
  session: Session,
  deps: Pick<Deps, 'clock' | 'signal'>,
  via: 'aggregates' | 'details',
  rw: ReportWindow,
  measure: Measure,
  total = false,
): Promise<ServiceLevelInputs & { rw: ReportWindow }> {
  const { selection, goalOf } = measure;
  const queueNames = new Map(measure.queues.map((q) => [q.id, q.name ?? '']));
  // Check --queue ids first: a typo should fail in one request, not after a month of data.
  const unchecked = selection.queueIds.filter((id) => !queueNames.has(id));
  if (unchecked.length > 0) for (const [id, name] of await queueNamesOf(client, unchecked, true, session)) queueNames.set(id, name);
  const acc = new ServiceLevelAccumulator();
  if (via === 'aggregates') {
    const [{ streamAggregates }, { addServiceLevelAggregates }, { planServiceLevelQueries }] = await Promise.all([
      import('../api/analytics.js'),
      import('../metrics/service-level-from-aggregates.js'),
      import('./api/plan-queries.js'),
    ]);
    // The rangeBound views count within-threshold answers (one view per threshold) and short abandons server-side.
    // --interval total: one bucket per query, summed by the API; the chunks' buckets all add into the window's start.
    const plan = planServiceLevelQueries(rw.window, selection, total ? 'whole' : 'grid');
    let done = 0;
    await mapConcurrent(plan, CONCURRENCY, async ({ primary, body }) => {
      // Folded as the response arrives (as occupancy is): a month of 24 queues at 30 minutes is tens of MB of JSON.
      const options = { bucketOf: total ? totalWindow(rw).bucketOf : rw.bucketOf, goalOf, groupBy: selection.groupBy, primary };
      const fold: AggregatesFold<ServiceLevelAccumulator> = {
        start: () => new ServiceLevelAccumulator(),
        add: (part, results) => addServiceLevelAggregates(part, results, options),
      };
      acc.addAll(await streamAggregates(client, 'conversations', body, fold, session.skipped));
      session.progress.update(++done, plan.length, PROGRESS_UNIT);
    });
  } else {
    const [{ detailsAvailability, fetchDetails }, { planDetailsQueries }, { addServiceLevelDetails }] = await Promise.all([
      import('./api/fetch-details.js'),
      import('./api/plan-details.js'),
      import('../metrics/service-level-from-details.js'),
    ]);
    const options = { ...serviceLevelDetailsOptions(selection, goalOf, { bucketOf: rw.bucketOf, ...rw.window }), skipped: session.skipped };
    const plan = planDetailsQueries(rw.window, selection, await detailsAvailability(client, session.logger));
    await fetchDetails(plan, client, session, deps, (c) => addServiceLevelDetails(acc, c, options));
  }
  const missing = [...acc.queueIds()].filter((id) => !queueNames.has(id));
  if (missing.length > 0) for (const [id, name] of await queueNamesOf(client, missing, false, session)) queueNames.set(id, name);
  return { acc, rw, queueNames, goalOf };
}

async function queueNamesOf(client: ApiClient, ids: readonly string[], mustExist: boolean, session: Pick<Session, 'skipped'>): Promise<Map<string, string>> {
  const queues = await (await import('../api/directory.js')).getQueuesByIds(client, ids, session.skipped);
  if (mustExist) {
    const unknown = ids.find((id) => !queues.has(id));
    if (unknown !== undefined) throw new UsageError(`--queue: no queue with id "${unknown}" in this org; see gcx-metrics list queues`);
  }
  return new Map([...queues].map(([id, q]) => [id, q.name ?? '']));
}
