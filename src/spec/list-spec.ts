import type { OutputRequest } from '../output/output-request.js';
import type { SessionSpec } from './report-spec.js';

export const LIST_WHAT = ['queues', 'agents', 'groups'] as const;

/** `gcx-metrics list queues|agents|groups`, optionally the members of queues and groups. */
export interface ListSpec {
  what: (typeof LIST_WHAT)[number];
  queue: string[];
  group: string[];
  output: OutputRequest;
  session: SessionSpec;
}
