import type { Table } from '../metrics/rows.js';
import type { ReportMeta } from '../output/html/report-meta.js';
import type { OccupancyOptions, ServiceLevelOptions } from './options.js';

/** A report's rows and what the run decided on the way: the window as printed and the zone. */
export type ReportTable = Table & { window?: { start: string; end: string } | undefined; timeZone: string };

const list = (values: readonly string[], all: string) => (values.length === 0 ? all : values.join(', '));
const count = (values: readonly string[], what: string) => (values.length === 1 ? `1 ${what}` : `${values.length} ${what}s`);

/** The HTML page's header for an occupancy run. */
export function occupancyMeta(o: OccupancyOptions, table: ReportTable, nowMs: number): ReportMeta {
  const selection = [
    ...(o.agent.length > 0 ? [count(o.agent, 'agent')] : []),
    ...(o.group.length > 0 ? [`members of ${count(o.group, 'group')}`] : []),
    ...(o.queue.length > 0 ? [`members of ${count(o.queue, 'queue')}`] : []),
  ];
  return {
    report: 'occupancy',
    window: table.window,
    timeZone: table.timeZone,
    interval: o.interval,
    source: o.input !== undefined ? `conversation details from ${o.input}` : `${o.demo ? 'demo org, ' : ''}analytics aggregates`,
    parameters: [
      ['Agents', selection.length > 0 ? selection.join(', ') : 'every agent with activity'],
      ['Media', list(o.media, 'all')],
    ],
    generatedAt: new Date(nowMs).toISOString(),
  };
}

/** The HTML page's header for a service-level run. */
export function serviceLevelMeta(o: ServiceLevelOptions, table: ReportTable, nowMs: number): ReportMeta {
  return {
    report: 'service-level',
    window: table.window,
    timeZone: table.timeZone,
    interval: o.interval,
    source: o.input !== undefined ? `conversation details from ${o.input}` : `${o.demo ? 'demo org, ' : ''}${o.source}`,
    formula: o.formula,
    parameters: [
      ['Threshold', o.threshold === 'queue' ? "each queue's own, per media type" : `${o.threshold} s`],
      ['Short abandon', o.shortAbandon > 0 ? `≤ ${o.shortAbandon} s` : 'none'],
      ['Queues', o.queue.length > 0 ? count(o.queue, 'queue') : 'every queue with traffic'],
      ['Media', list(o.media, 'all')],
    ],
    generatedAt: new Date(nowMs).toISOString(),
  };
}
