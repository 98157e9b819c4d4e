import { UsageError } from '../errors.js';
import type { Deps } from '../deps.js';
import { OccupancyAccumulator } from '../metrics/occupancy.js';
import { addOccupancyObservation, AGENT_METRICS } from '../metrics/occupancy-from-details.js';
import { ServiceLevelAccumulator } from '../metrics/service-level.js';
import { addServiceLevelObservation, SERVICE_LEVEL_RECORD_METRICS } from '../metrics/service-level-from-details.js';
import type { Session } from '../session.js';
import { serviceLevelDetailsOptions, setOrAll } from './details-options.js';
import { measureOf } from './measure.js';
import { readInputFile } from './read-input-file.js';
import type { OccupancyInputs, OccupancyQuery, ReportSource, ServiceLevelInputs, ServiceLevelQuery, SourceWindow } from './report-source.js';

/**
 * An exported conversation-details file (`--input`) as a report source: read in one streaming pass. Without window
 * flags the report covers what the file holds. The API is asked only for what a file cannot hold (queue targets),
 * when the session has a client.
 */
export function fileSource(path: string, session: Session, deps: Pick<Deps, 'clock' | 'stdin' | 'signal'>): ReportSource {
  session.progress.note(`reading ${path === '-' ? 'stdin' : path}`);
  const request = (w: SourceWindow) => {
    if ('resolved' in w) throw new Error('internal: a file source resolves its own window');
    return w.request;
  };
  return {
    label: `conversation details from ${path}`,
    async occupancy(query: OccupancyQuery): Promise<OccupancyInputs> {
      const acc = new OccupancyAccumulator();
      const { agents, media } = query.selection;
      const userIds = setOrAll(agents);
      const mediaTypes = setOrAll(media);
      const rw = await readInputFile(path, request(query.window), session, deps, AGENT_METRICS, (span) => {
        const options = { bucketOf: span.bucketOf, startMs: span.startMs, endMs: span.endMs, userIds, mediaTypes };
        return (metric) => addOccupancyObservation(acc, metric, options);
      });
      const agentIds = agents.length > 0 ? agents : rw ? acc.activeAgents(rw.window.startMs, rw.window.endMs) : [];
      return { acc, rw, agentIds, agentNames: new Map() };
    },
    async serviceLevel(query: ServiceLevelQuery): Promise<ServiceLevelInputs> {
      const measure = await measureOf(query, session, session.client);
      const acc = new ServiceLevelAccumulator();
      // The records carry queue names (acd participants are named after their queues), so a file needs no API for them.
      const queueNames = new Map<string, string>();
      const rw = await readInputFile(path, request(query.window), session, deps, SERVICE_LEVEL_RECORD_METRICS, (span) => {
        const options = { ...serviceLevelDetailsOptions(measure.selection, measure.goalOf, span), queueNames };
        return (metric) => addServiceLevelObservation(acc, metric, options);
      });
      return { acc, rw, queueNames, goalOf: measure.goalOf };
    },
    // A details file holds conversations, not memberships (staffing takes no --input).
    async queueMembers(): Promise<Map<string, string[]>> {
      throw new UsageError('--input: a conversation details file holds no queue members; report staffing from the API or --db');
    },
  };
}
