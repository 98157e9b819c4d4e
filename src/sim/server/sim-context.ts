import type { SimOrg } from '../data/index.js';
import type { FaultKind } from '../faults/index.js';
import type { DaySource } from './day-source.js';
import type { JobStore } from './job-store.js';

/** What every endpoint handler may use: the org, its generated days, the clock and the jobs. */
export interface SimContext {
  org: SimOrg;
  days: DaySource;
  now: () => number;
  jobs: JobStore;
}

export interface ApiRequest {
  url: URL;
  /** Captured path segments of the route, in order (queue id, job id, ...). */
  params: string[];
  /** Parsed JSON body of a POST, else undefined. */
  body: unknown;
  /** A job fault the handler may apply (jobFailed, jobExpired); the pipeline handles the others. */
  fault?: FaultKind;
}

export interface ApiResponse {
  status: number;
  /** JSON-serialised; undefined for an empty body (204). */
  body?: unknown;
  /** True when the handler applied `req.fault`, so the request log names it. */
  faultApplied?: boolean;
}

export type Handler = (req: ApiRequest, ctx: SimContext) => ApiResponse;
