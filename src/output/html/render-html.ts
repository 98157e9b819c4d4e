import type { OccupancyRow, ServiceLevelRow, StaffingRow } from '../../metrics/rows.js';
import type { Cell } from '../printed-table.js';
import { legendSteps, NO_VALUE, OVER_100 } from './color-scale.js';
import { escapeHtml } from './escape-html.js';
import { AGENTS_PER_PAGE, heatmapSvg, totalsSvg } from './heatmap-svg.js';
import { OccupancyCollector, type HeatmapCell, type OccupancyModel } from './occupancy-model.js';
import { durationText } from '../duration-text.js';
import { displayTime } from './display-time.js';
import { DateTime } from 'luxon';
import { PAGE_STYLE } from './page-style.js';
import type { ReportMeta } from './report-meta.js';
import { MAX_TABLE_ROWS, rowHtml, tableHead } from './rows-table.js';
import { ServiceLevelCollector, type ServiceLevelModel, type SlPoint } from './service-level-model.js';
import { serviceLevelSvg } from './service-level-svg.js';
import { StaffingCollector, staffingSvg, type StaffingModel } from './staffing-svg.js';

const TITLES = { occupancy: 'Agent occupancy', 'service-level': 'Queue service level', staffing: 'Queue staffing: required vs staffed agents', now: 'Queues right now' } as const;

/** A row as the page needs it: the typed row for the charts, its printed cells (the --columns chosen) for the table. */
export interface HtmlRow {
  typed: OccupancyRow | ServiceLevelRow | StaffingRow | Record<string, Cell>;
  cells: Record<string, Cell>;
}

/**
 * One self-contained HTML page: the report's parameters, its charts (hand-written SVG, no script, no font, no
 * image, nothing fetched), then the table of its rows (the first MAX_TABLE_ROWS). Rows stream past once; the
 * charts keep a few numbers per row, the table the rows' markup.
 */
export function* renderHtml(
  table: { columns: readonly string[]; rows: Iterable<HtmlRow>; formatTime: (ms: number) => string; window?: { startMs: number; endMs: number } | undefined },
  meta: ReportMeta,
): Iterable<string> {
  const columns = table.columns;
  const occupancy = meta.report === 'occupancy' ? new OccupancyCollector(table.formatTime) : undefined;
  const serviceLevel = meta.report === 'service-level' ? new ServiceLevelCollector(table.formatTime) : undefined;
  const staffing = meta.report === 'staffing' ? new StaffingCollector(table.formatTime) : undefined;
  const markup: string[] = [];
  let count = 0;
  for (const row of table.rows) {
    occupancy?.add(row.typed as OccupancyRow);
    serviceLevel?.add(row.typed as ServiceLevelRow);
    staffing?.add(row.typed as StaffingRow);
    if (count < MAX_TABLE_ROWS) markup.push(rowHtml(columns, row.cells));
    count++;
  }
  const window = table.window && meta.window && { ...meta.window, ...table.window };
  const grid = { window, zone: meta.timeZone };
  const occupancyModel = occupancy && count > 0 ? occupancy.build(grid) : undefined;
  const slModel = serviceLevel && count > 0 ? serviceLevel.build(meta.formula ?? 'genesys', grid) : undefined;

  yield header(meta, count, occupancyModel?.bucketSize ?? slModel?.bucketSize);
  if (count === 0) yield '<p class="note">No rows: nothing was measured in this window.</p>\n';
  if (occupancyModel) yield* occupancySection(occupancyModel);
  if (slModel) yield* serviceLevelSection(slModel);
  if (staffing && count > 0) yield* staffingSection(staffing.build());

  if (occupancyModel) yield agentSummary(occupancyModel);
  if (slModel) yield totalsTable(slModel);

  // The rows as the CSV has them (ids, seconds): there for whoever needs them, folded away for the reader.
  yield `<details class="rows"><summary>All ${count.toLocaleString('en-US')} rows, as the CSV has them (seconds, ids)</summary>\n`;
  if (count > MAX_TABLE_ROWS) {
    yield `<p class="note">The first ${MAX_TABLE_ROWS.toLocaleString('en-US')} of ${count.toLocaleString('en-US')} rows; the charts cover all of them. For every row, run the report with --format csv.</p>\n`;
  }
  yield `<div class="scroll">${tableHead(columns)}`;
  for (let i = 0; i < markup.length; i++) {
    yield markup[i]!;
    markup[i] = '';
  }
  yield '</tbody></table></div></details>\n</body>\n</html>\n';
}

/** An instant (`2026-12-07T11:06:31.512Z`) in the report's zone, to the minute. */
function localInstant(iso: string, zone: string): string {
  const t = DateTime.fromISO(iso, { zone: zone || 'UTC' });
  return t.isValid ? t.toFormat('yyyy-MM-dd HH:mm') : iso;
}

function header(meta: ReportMeta, rows: number, bucketSize: string | undefined): string {
  const window = meta.window ? `${displayTime(meta.window.start)} – ${displayTime(meta.window.end)}` : 'none (no data)';
  const items: Array<readonly [string, string]> = [
    ['Window', window],
    ['Time zone', meta.timeZone],
    ['Interval', meta.interval + (bucketSize && bucketSize !== 'as reported' ? ` (charts summed to ${bucketSize})` : '')],
    ['Source', meta.source],
    ...(meta.report === 'service-level' ? [['Formula', meta.formula ?? 'genesys'] as const] : []),
    ...(meta.parameters ?? []),
    ['Rows', rows.toLocaleString('en-US')],
    ...(meta.generatedAt ? [['Generated', localInstant(meta.generatedAt, meta.timeZone)] as const] : []),
  ];
  const title = `${TITLES[meta.report]}${meta.window ? `, ${window}` : ''}`;
  return (
    `<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<meta name="viewport" content="width=device-width, initial-scale=1">\n` +
    // No external anything: this also makes the browser refuse any fetch the page might be tricked into.
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">\n` +
    `<title>${escapeHtml(title)}</title>\n<style>${PAGE_STYLE}</style>\n</head>\n<body>\n` +
    `<h1>${escapeHtml(TITLES[meta.report])}</h1>\n<dl class="meta">${items.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('')}</dl>\n`
  );
}

function* occupancySection(model: OccupancyModel): Iterable<string> {
  const measure =
    model.measure === 'routing'
      ? `Colour: occupancy = time Interacting ÷ time on queue (Interacting + Communicating + Idle), as Genesys defines it; grey: not on queue in that interval.`
      : `Colour: handle-time occupancy = handle time ÷ interval length (no routing-status time in these rows); orange: above 100 %, which happens because handle time counts in the interval where wrap-up ended.`;
  const legend = [
    ...legendSteps().map((s) => `<span><i style="background:${s.color}"></i>${s.label}</span>`),
    model.measure === 'routing' ? `<span><i style="background:${NO_VALUE}"></i>not on queue</span>` : `<span><i style="background:${OVER_100}"></i>over 100 %</span>`,
  ].join('');
  const agents = model.agents.length;
  yield `<h2>Occupancy per agent and interval</h2>\n<p class="note">${escapeHtml(measure)} Agents busiest first (most handle time in the window); hover a cell for its numbers. The top row is all agents together (summed seconds), the bars the conversations handled per interval.</p>\n`;
  yield `<div class="legend">${legend}</div>\n`;
  const pages = Math.ceil(agents / AGENTS_PER_PAGE);
  const totals = totalsSvg(model);
  for (let p = 0; p < pages; p++) {
    const first = p * AGENTS_PER_PAGE;
    const slice = model.agents.slice(first, first + AGENTS_PER_PAGE);
    // The totals and the agents in one scrolling box, so on a narrow screen their columns stay under each other.
    const svg = `<div class="scroll heatmap-scroll">${totals}${heatmapSvg(model, slice, first + 1)}</div>`;
    if (pages === 1) yield `${svg}\n`;
    else yield `<details class="page"${p === 0 ? ' open' : ''}><summary>Agents ${first + 1}–${first + slice.length} of ${agents}${p === 0 ? ' (busiest)' : ''}</summary>${svg}</details>\n`;
  }
}

function* serviceLevelSection(model: ServiceLevelModel): Iterable<string> {
  const targets = model.series.some((s) => s.points.some((p) => p.target !== null));
  yield `<h2>Service level per queue and media</h2>\n<p class="note">${escapeHtml(
    `SL % = answered within the threshold ÷ ${DENOMINATORS[model.formula]} (formula ${model.formula}), from summed counts in every bucket and total, never an average of percentages. ` +
      'Blue: each interval (a quiet one swings between 0 and 100 %); green: the service level so far, from the window\'s start. ' +
      (targets ? 'Dashed: the target (target_pct), with its value; orange points missed it.' : 'No target in these rows (give one with --target).'),
  )}</p>\n`;
  for (const series of model.series) {
    yield `<h3>${escapeHtml(`${series.queue} · ${series.media}`)}</h3>\n<div class="scroll">${serviceLevelSvg(model, series)}</div>\n`;
  }
}

function* staffingSection(model: StaffingModel): Iterable<string> {
  yield `<h2>Required and staffed agents per queue and media</h2>\n<p class="note">${escapeHtml(
    'Bars: staffed agents (the queue members\' on-queue time ÷ interval length; an agent on several queues counts in each). ' +
      'Line: required agents (Erlang C, smallest N meeting the target within the occupancy cap). ' +
      'Orange bars marked ▼: short (staffing_gap below 0). Grey bars beneath: offered. Hover a bar for its numbers.',
  )}</p>\n`;
  yield `<div class="legend"><span><i style="background:#9ecae1"></i>staffed</span><span><i style="background:#e6550d"></i>short</span><span><i style="background:#08519c"></i>required</span><span><i style="background:#7f8c9d"></i>offered</span></div>\n`;
  for (const series of model.series) {
    yield `<h3>${escapeHtml(`${series.queue} · ${series.media}`)}</h3>\n<div class="scroll">${staffingSvg(model, series)}</div>\n`;
  }
}

/** Per agent over the whole window, busiest first: what a supervisor forwards instead of thousands of rows. */
function agentSummary(model: OccupancyModel): string {
  const head = ['agent', 'handled', 'handle time', 'on queue', 'interacting', 'occupancy %'];
  const pct = (a: number, b: number) => (b > 0 ? String(Math.round((a / b) * 10_000) / 100) : '');
  const row = (name: string, c: HeatmapCell) =>
    `<tr><td>${escapeHtml(name)}</td><td class="n">${c.handled}</td><td class="n">${durationText(c.handleS)}</td>` +
    `<td class="n">${durationText(c.onQueueS)}</td><td class="n">${durationText(c.interactingS)}</td><td class="n">${pct(c.interactingS, c.onQueueS)}</td></tr>`;
  const all = model.agents.reduce(
    (sum, a) => ({ handled: sum.handled + a.totals.handled, handleS: sum.handleS + a.totals.handleS, onQueueS: sum.onQueueS + a.totals.onQueueS, interactingS: sum.interactingS + a.totals.interactingS }),
    { handled: 0, handleS: 0, onQueueS: 0, interactingS: 0 },
  );
  return (
    `<h2>Per agent, whole window</h2>\n<p class="note">Busiest first. Occupancy % = interacting ÷ on queue, as Genesys defines it; times as h:mm:ss.</p>\n` +
    `<div class="scroll"><table class="summary"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n` +
    `${model.agents.map((a) => row(a.name, a.totals)).join('\n')}\n${row(`All ${model.agents.length} agents`, all)}</tbody></table></div>\n`
  );
}

const DENOMINATORS = {
  genesys: '(answered + abandoned − short abandons)',
  answered: 'answered',
  offered: '(offered − short abandons)',
  'answered-flowout': '(answered + flow-outs)',
} as const;

function totalsTable(model: ServiceLevelModel): string {
  const head = ['queue', 'media', 'offered', 'answered', 'within', 'abandoned', 'short abandons', 'flowout', 'SL %', 'target %', 'ASA s'];
  const row = (queue: string, media: string, p: SlPoint) => {
    const c = p.counts;
    const missed = p.serviceLevel !== null && p.target !== null && p.serviceLevel < p.target;
    const asa = c.answered > 0 ? String(Math.round(c.answeredSumMs / c.answered) / 1000) : '';
    const cells = [c.offered, c.answered, c.answeredWithin, c.abandoned, c.abandonedShort, c.flowout].map((n) => `<td class="n">${n}</td>`).join('');
    return (
      `<tr><td>${escapeHtml(queue)}</td><td>${escapeHtml(media)}</td>${cells}` +
      `<td class="n${missed ? ' missed' : ''}">${p.serviceLevel ?? ''}</td><td class="n">${p.target ?? ''}</td><td class="n">${asa}</td></tr>`
    );
  };
  const body = model.series.map((s) => row(s.queue, s.media, s.total)).join('\n');
  return (
    `<h2>Per queue and media, whole window</h2>\n<table class="totals"><thead><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr></thead><tbody>\n${body}\n` +
    `${row('all', 'all', model.total)}</tbody></table>\n`
  );
}
