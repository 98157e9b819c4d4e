import type { OutputRequest } from '../output/output-request.js';
import type { QueueSelection, ServiceLevelGoals, SessionSpec, SourceSpec, WindowSpec } from './report-spec.js';

/** `gcx-metrics staffing` as domain values: the service-level inputs, plus what turns them into agents. */
export interface StaffingSpec {
  window: WindowSpec;
  /** Queues (ids or names) and media types; media default to voice. */
  selection: QueueSelection;
  goals: ServiceLevelGoals;
  /** Percentages: 0 ≤ shrinkage < 100, 0 < max occupancy ≤ 100. */
  shrinkagePct: number;
  maxOccupancyPct: number;
  /** Exit 5 when a row's printed staffing_gap is below 0. */
  check: boolean;
  /** `--check` leaves rows offered fewer contacts than this unchecked. */
  minOffered: number;
  source: SourceSpec;
  output: OutputRequest;
  session: SessionSpec;
  announce: boolean;
}
