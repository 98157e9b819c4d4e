import type { OccupancyAccumulator } from '../metrics/occupancy.js';
import type { ServiceLevelAccumulator } from '../metrics/service-level.js';
import type { GoalOf } from '../metrics/service-level-goals.js';
import type { ServiceLevelBy } from '../metrics/service-level.js';
import type { AgentSelection, QueueSelection, ServiceLevelGoals } from '../spec/report-spec.js';
import type { ReportWindow, WindowRequest } from '../time/report-window.js';

/**
 * The window a source is asked for: as the user gave it (resolved by the source: a file report without window
 * flags covers what the file holds), or already resolved (sync's slices).
 */
export type SourceWindow = { request: WindowRequest } | { resolved: ReportWindow };

/**
 * `total`: the report is one bucket over the window (`--interval total`). A source may then sum on the server (the
 * API: one bucket per query) and hold only the window's start bucket; `rw` stays on the grid either way.
 */
export interface OccupancyQuery {
  window: SourceWindow;
  selection: AgentSelection;
  total?: boolean;
}

export interface ServiceLevelQuery {
  window: SourceWindow;
  selection: QueueSelection;
  goals: Omit<ServiceLevelGoals, 'formula'>;
  /** What the API may group on (with one threshold for all, it can roll queues up itself). */
  by: ServiceLevelBy;
  /** As OccupancyQuery.total. */
  total?: boolean;
}

/** Accumulated sums over the report's grid, with the names (and goals) the rows need. */
export interface OccupancyInputs {
  acc: OccupancyAccumulator;
  /** Undefined when a file held nothing to report on. */
  rw: ReportWindow | undefined;
  agentIds: string[];
  agentNames: Map<string, string>;
}

export interface ServiceLevelInputs {
  acc: ServiceLevelAccumulator;
  rw: ReportWindow | undefined;
  queueNames: Map<string, string>;
  /** The goal each (queue, media type) cell was counted against. */
  goalOf: GoalOf;
}

/**
 * API, details file and database behind one interface: each answers the same report inputs, so a command (or
 * sync, or staffing) asks for what it needs without knowing which it is.
 */
export interface ReportSource {
  /** For page headers: `analytics aggregates`, `conversation details from x.ndjson`, … */
  readonly label: string;
  occupancy(query: OccupancyQuery): Promise<OccupancyInputs>;
  serviceLevel(query: ServiceLevelQuery): Promise<ServiceLevelInputs>;
  /**
   * Each queue's joined members (agent ids): the queue members listing now (API), or as the last sync listed it
   * (database). Every asked queue is a key.
   */
  queueMembers(queueIds: readonly string[]): Promise<Map<string, string[]>>;
}
