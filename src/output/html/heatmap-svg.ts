import { durationText } from '../duration-text.js';
import { axisLabels, bucketLabel, columnWidth } from './axis-labels.js';
import { colorOf } from './color-scale.js';
import { escapeHtml } from './escape-html.js';
import { cellPercent, type HeatmapAgent, type HeatmapCell, type OccupancyModel } from './occupancy-model.js';

const LABEL = 190;
const ROW = 16;
const AXIS = 30;
const BARS = 48;
/** Agents per page: each page is one SVG in a <details>, and the browser lays out only the open one. */
export const AGENTS_PER_PAGE = 100;

const fmt = (n: number) => (Math.round(n * 10) / 10).toLocaleString('en-US');
const pct = (p: number | null) => (p === null ? 'not on queue' : `${fmt(p)} %`);
const trim = (name: string, max = 26) => {
  const chars = Array.from(name);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : name;
};

function cellTitle(model: OccupancyModel, who: string, c: HeatmapCell, lengthMs: number, agents = 1): string {
  const p = cellPercent(model, c, lengthMs, agents);
  const lines = [who];
  if (model.measure === 'routing') {
    lines.push(`occupancy ${pct(p)}${c.onQueueS > 0 ? ` (interacting ${durationText(c.interactingS)} of ${durationText(c.onQueueS)} on queue)` : ''}`);
  } else lines.push(`handle-time occupancy ${pct(p)}`);
  lines.push(`handled ${c.handled}, handle time ${durationText(c.handleS)}`);
  return lines.join('\n');
}

function axis(model: OccupancyModel, cw: number): string {
  return axisLabels(model.buckets, cw)
    .map((l) => {
      const x = LABEL + l.index * cw;
      const date = l.date ? `<text x="${x}" y="10" class="date">${escapeHtml(l.date)}</text>` : '';
      return `${date}<text x="${x}" y="${AXIS - 6}">${escapeHtml(l.time)}</text><line x1="${x}" x2="${x}" y1="${AXIS - 3}" y2="${AXIS}"/>`;
    })
    .join('');
}

/** The all-agents row (same colour scale) and the handled count per bucket as bars, above the agent pages. */
export function totalsSvg(model: OccupancyModel): string {
  const cw = columnWidth(model.buckets.length);
  // Room on the right for the last date label.
  const width = LABEL + model.buckets.length * cw + 70;
  const maxHandled = Math.max(1, ...model.totals.map((t) => t.handled));
  const y0 = AXIS + 4;
  const cells = model.totals
    .map((t, b) => {
      const bucket = model.buckets[b]!;
      const who = `All ${model.agents.length} agents, ${bucketLabel(bucket)} (${t.agentsOnQueue} on queue)`;
      const title = escapeHtml(cellTitle(model, who, t, bucket.lengthMs, model.agents.length));
      const fill = colorOf(cellPercent(model, t, bucket.lengthMs, model.agents.length));
      const h = Math.round((t.handled / maxHandled) * (BARS - 4));
      const bar = `<rect class="bar" x="${LABEL + b * cw}" y="${y0 + ROW + 6 + BARS - h}" width="${Math.max(1, cw - 1)}" height="${h}"><title>${escapeHtml(bucketLabel(bucket))}: handled ${t.handled}</title></rect>`;
      return `<rect class="total" x="${LABEL + b * cw}" y="${y0}" width="${cw - 1}" height="${ROW - 1}" fill="${fill}"><title>${title}</title></rect>${bar}`;
    })
    .join('');
  const height = y0 + ROW + 6 + BARS + 4;
  return (
    `<svg class="chart totals" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="occupancy of all agents and handled conversations per interval">` +
    `<g class="axis">${axis(model, cw)}</g>` +
    `<text x="${LABEL - 6}" y="${y0 + ROW - 4}" class="label">All agents</text>` +
    `<text x="${LABEL - 6}" y="${y0 + ROW + 6 + BARS - 4}" class="label">handled (max ${maxHandled})</text>${cells}</svg>`
  );
}

/** One page of agents × buckets: a rect per cell, coloured by occupancy, with its numbers in a <title>. */
export function heatmapSvg(model: OccupancyModel, agents: readonly HeatmapAgent[], firstRank: number): string {
  const cw = columnWidth(model.buckets.length);
  // Room on the right for the last date label.
  const width = LABEL + model.buckets.length * cw + 70;
  const height = AXIS + 4 + agents.length * ROW + 4;
  const rows = agents
    .map((agent, i) => {
      const y = AXIS + 4 + i * ROW;
      const name = agent.name || agent.id;
      const cells = agent.cells
        .map((c, b) => {
          const bucket = model.buckets[b]!;
          const title = escapeHtml(cellTitle(model, `${name}, ${bucketLabel(bucket)}`, c, bucket.lengthMs));
          const fill = colorOf(cellPercent(model, c, bucket.lengthMs));
          return `<rect class="cell" x="${LABEL + b * cw}" y="${y}" width="${cw - 1}" height="${ROW - 1}" fill="${fill}"><title>${title}</title></rect>`;
        })
        .join('');
      const whole = escapeHtml(`${firstRank + i}. ${name}: handled ${agent.totals.handled}, handle time ${durationText(agent.totals.handleS)} in the window`);
      return `<g class="agent"><text x="${LABEL - 6}" y="${y + ROW - 4}" class="label"><title>${whole}</title>${escapeHtml(trim(name))}</text>${cells}</g>`;
    })
    .join('');
  return (
    `<svg class="chart heatmap" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-label="occupancy per agent and interval">` +
    `<g class="axis">${axis(model, cw)}</g>${rows}</svg>`
  );
}
