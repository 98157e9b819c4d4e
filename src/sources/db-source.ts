import type { Deps } from '../deps.js';
import { fixedGoal } from '../metrics/service-level-goals.js';
import type { Session } from '../session.js';
import { openStore, thisProcess } from '../store/open-store.js';
import { readStoredOccupancy } from '../store/read-occupancy.js';
import { readStoredQueueMembers } from '../store/read-queue-members.js';
import { UsageError } from '../errors.js';
import { readStoredServiceLevel } from '../store/read-service-level.js';
import type { Store } from '../store/store.js';
import { dbTarget } from '../store/target.js';
import { reportWindow } from '../time/report-window.js';
import type { OccupancyInputs, OccupancyQuery, ReportSource, ServiceLevelInputs, ServiceLevelQuery, SourceWindow } from './report-source.js';

/**
 * A sync database (`--db`) as a report source: the stored sums added into the report's buckets, no API call and
 * no credentials. The store (GCX_DB and PG* resolved with the session's config) is opened for each read and closed after it.
 */
export function dbSource(session: Session, deps: Pick<Deps, 'clock' | 'cwd'>): ReportSource {
  const resolve = (w: SourceWindow) => ('resolved' in w ? w.resolved : reportWindow(w.request, session.config.tz, deps.clock.now()));
  const withStore = async <T>(read: (store: Store) => Promise<T>): Promise<T> => {
    const { db } = session.config;
    const store = await openStore(dbTarget(db.target, deps.cwd), 'read', db.pg, thisProcess(deps.clock.now()));
    try {
      return await read(store);
    } finally {
      await store.close();
    }
  };
  return {
    // As the rows were fetched at sync time (page headers name the API source the history came from).
    label: 'aggregates',
    occupancy: (query: OccupancyQuery): Promise<OccupancyInputs> =>
      withStore(async (store) => {
        const rw = resolve(query.window);
        return { rw, ...(await readStoredOccupancy(store, rw, query.selection.agents, query.selection.media)) };
      }),
    serviceLevel: (query: ServiceLevelQuery): Promise<ServiceLevelInputs> =>
      withStore(async (store) => {
        const rw = resolve(query.window);
        const { threshold, target: targetPct, shortAbandon } = query.goals;
        const stored = await readStoredServiceLevel(store, rw, { queueIds: query.selection.queues, media: query.selection.media, threshold, shortAbandon });
        // With --threshold queue each row keeps the goal it was stored with; a numeric threshold (which must be the
        // stored one) takes --target as the API report does.
        const goalOf = threshold === 'queue' ? stored.goalOf : fixedGoal(Math.round(threshold * 1000), targetPct ?? null);
        return { rw, acc: stored.acc, queueNames: stored.queueNames, goalOf };
      }),
    queueMembers: (queueIds: readonly string[]) =>
      withStore(async (store) => {
        const { members, stored } = await readStoredQueueMembers(store, queueIds);
        if (!stored && queueIds.length > 0) {
          throw new UsageError(`--db ${store.label}: no queue members stored; run gcx-metrics sync (this version keeps each synced queue's members), then the report`);
        }
        return members;
      }),
  };
}
