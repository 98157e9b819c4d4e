import type { ReportMeta } from '../output/html/report-meta.js';
import { printedWindow, type ReportTable } from '../output/report-table.js';
import type { ReportSource } from '../sources/report-source.js';
import type { OccupancySpec, ServiceLevelSpec } from '../spec/report-spec.js';
import type { StaffingSpec } from '../spec/staffing-spec.js';

const list = (values: readonly string[], all: string) => (values.length === 0 ? all : values.join(', '));
const count = (values: readonly string[], what: string) => (values.length === 1 ? `1 ${what}` : `${values.length} ${what}s`);

/** The HTML page's header for an occupancy run. */
export function occupancyMeta(spec: OccupancySpec, source: ReportSource, table: ReportTable, nowMs: number): ReportMeta {
  const { agents, groups, queues, media } = spec.selection;
  const selection = [
    ...(agents.length > 0 ? [count(agents, 'agent')] : []),
    ...(groups.length > 0 ? [`members of ${count(groups, 'group')}`] : []),
    ...(queues.length > 0 ? [`members of ${count(queues, 'queue')}`] : []),
  ];
  return {
    report: 'occupancy',
    window: printedWindow(table),
    timeZone: table.timeZone,
    interval: spec.window.label,
    // Occupancy always reads aggregates from the API.
    source: source.label.replace(/(aggregates|details)$/, 'analytics aggregates'),
    parameters: [
      ['Agents', selection.length > 0 ? selection.join(', ') : 'every agent with activity'],
      ['Media', list(media, 'all')],
    ],
    generatedAt: new Date(nowMs).toISOString(),
  };
}

/** The HTML page's header for a service-level run. */
export function serviceLevelMeta(spec: ServiceLevelSpec, source: ReportSource, table: ReportTable, nowMs: number): ReportMeta {
  const { threshold, shortAbandon, formula } = spec.goals;
  return {
    report: 'service-level',
    window: printedWindow(table),
    timeZone: table.timeZone,
    interval: spec.window.label,
    source: source.label,
    formula,
    parameters: [
      ['Threshold', threshold === 'queue' ? "each queue's own, per media type" : `${threshold} s`],
      ['Short abandon', shortAbandon === 'org' ? "Genesys's own (tShortAbandon, the org's abandon interval)" : shortAbandon > 0 ? `≤ ${shortAbandon} s` : 'none'],
      ['Queues', spec.selection.queues.length > 0 ? count(spec.selection.queues, 'queue') : 'every queue with traffic'],
      ['Media', list(spec.selection.media, 'all')],
    ],
    generatedAt: new Date(nowMs).toISOString(),
  };
}

/** The HTML page's header for a staffing run. */
export function staffingMeta(spec: StaffingSpec, source: ReportSource, table: ReportTable, nowMs: number): ReportMeta {
  const { threshold, target, shortAbandon, formula } = spec.goals;
  return {
    report: 'staffing',
    window: printedWindow(table),
    timeZone: table.timeZone,
    interval: spec.window.label,
    source: `${source.label}, queue members, routing status`,
    formula,
    parameters: [
      ['Goal', threshold === 'queue' ? "each queue's own threshold and target, per media type" : `${threshold} s${target !== undefined ? `, ${target} %` : ', no target'}`],
      ['Model', 'Erlang C (M/M/N); required = smallest N meeting the target'],
      ['Max occupancy', `${spec.maxOccupancyPct} %`],
      ['Shrinkage', `${spec.shrinkagePct} %`],
      ['Short abandon', shortAbandon === 'org' ? "the org's own (tShortAbandon)" : shortAbandon > 0 ? `≤ ${shortAbandon} s` : 'none'],
      ['Queues', spec.selection.queues.length > 0 ? count(spec.selection.queues, 'queue') : 'every queue with traffic'],
      ['Media', list(spec.selection.media, 'all')],
    ],
    generatedAt: new Date(nowMs).toISOString(),
  };
}
