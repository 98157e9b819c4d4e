import { axisLabels, bucketLabel, columnWidth } from './axis-labels.js';
import { escapeHtml } from './escape-html.js';
import type { ServiceLevelModel, SlPoint, SlSeries } from './service-level-model.js';

const LEFT = 48;
const TOP = 10;
const PLOT = 120;
const GAP = 26;
const BARS = 44;

const pctText = (p: number | null) => (p === null ? 'no calls to measure' : `${p} %`);

function pointTitle(label: string, p: SlPoint): string {
  const c = p.counts;
  return [
    label,
    `service level ${pctText(p.serviceLevel)}${p.target !== null ? ` (target ${p.target} %)` : ''}`,
    `offered ${c.offered}, answered ${c.answered} (${c.answeredWithin} within), abandoned ${c.abandoned}, flowout ${c.flowout}`,
  ].join('\n');
}

/**
 * One queue and media: SL % per bucket as a line (broken where nothing was measured) against its target (dashed;
 * per bucket, so a target that changes shows as steps), offered volume as bars beneath, on one time axis.
 */
export function serviceLevelSvg(model: ServiceLevelModel, series: SlSeries): string {
  const n = model.buckets.length;
  const cw = columnWidth(n, 900, 4, 40);
  // Room on the right for the target's value label and the last date.
  const width = LEFT + n * cw + 78;
  const yOf = (p: number) => TOP + PLOT - (Math.min(100, Math.max(0, p)) / 100) * PLOT;
  const xOf = (b: number) => LEFT + b * cw + cw / 2;
  const maxOffered = Math.max(1, ...series.points.map((p) => p.counts.offered));
  const barsTop = TOP + PLOT + GAP;
  const height = barsTop + BARS + 22;

  const grid = [0, 50, 100]
    .map((g) => `<line class="grid" x1="${LEFT}" x2="${LEFT + n * cw}" y1="${yOf(g)}" y2="${yOf(g)}"/><text x="${LEFT - 6}" y="${yOf(g) + 4}" class="label">${g} %</text>`)
    .join('');
  const paths: string[] = [];
  let run: string[] = [];
  series.points.forEach((p, b) => {
    if (p.serviceLevel === null) {
      if (run.length > 0) paths.push(run.join(' '));
      run = [];
    } else run.push(`${run.length === 0 ? 'M' : 'L'}${xOf(b).toFixed(1)},${yOf(p.serviceLevel).toFixed(1)}`);
  });
  if (run.length > 0) paths.push(run.join(' '));
  const line = paths.map((d) => `<path class="sl-line" d="${d}"/>`).join('');
  // The day so far: steadier than a quiet half hour's 0–100 % swings, and what the target is judged on.
  const soFar = series.cumulative
    .map((p, b) => (p === null ? '' : `${series.cumulative.slice(0, b).some((q) => q !== null) ? 'L' : 'M'}${xOf(b).toFixed(1)},${yOf(p).toFixed(1)}`))
    .filter((s) => s !== '')
    .join(' ');
  const cumulative = soFar === '' ? '' : `<path class="sl-cumulative" d="${soFar}"><title>${escapeHtml(`service level so far (cumulative): ${pctText(series.total.serviceLevel)} over the window`)}</title></path>`;
  // One goal for the whole window: one line across it; goals that change: a step per bucket.
  const goal = series.total.target;
  const target =
    goal !== null
      ? `<line class="target" x1="${LEFT}" x2="${LEFT + n * cw}" y1="${yOf(goal)}" y2="${yOf(goal)}"/>` +
        `<text class="target-label" x="${LEFT + n * cw + 4}" y="${yOf(goal) + 4}">target ${goal} %</text>`
      : series.points
          .map((p, b) => (p.target === null ? '' : `<line class="target" x1="${LEFT + b * cw}" x2="${LEFT + (b + 1) * cw}" y1="${yOf(p.target)}" y2="${yOf(p.target)}"/>`))
          .join('');
  const points = series.points
    .map((p, b) => {
      if (p.serviceLevel === null) return '';
      const missed = p.target !== null && p.serviceLevel < p.target ? ' missed' : '';
      return `<circle class="sl-point${missed}" cx="${xOf(b).toFixed(1)}" cy="${yOf(p.serviceLevel).toFixed(1)}" r="${Math.min(4, Math.max(2, cw / 4))}"><title>${escapeHtml(pointTitle(bucketLabel(model.buckets[b]!), p))}</title></circle>`;
    })
    .join('');
  const bars = series.points
    .map((p, b) => {
      const h = Math.round((p.counts.offered / maxOffered) * BARS);
      return `<rect class="offered" x="${LEFT + b * cw + 1}" y="${barsTop + BARS - h}" width="${Math.max(1, cw - 2)}" height="${h}"><title>${escapeHtml(`${bucketLabel(model.buckets[b]!)}: offered ${p.counts.offered}`)}</title></rect>`;
    })
    .join('');
  const labels = axisLabels(model.buckets, cw, 48)
    .map(
      (l) =>
        `<line x1="${LEFT + l.index * cw}" x2="${LEFT + l.index * cw}" y1="${height - 22}" y2="${height - 19}"/>` +
        `<text x="${LEFT + l.index * cw}" y="${height - 10}">${escapeHtml(l.time)}</text>${l.date ? `<text x="${LEFT + l.index * cw}" y="${height}" class="date">${escapeHtml(l.date)}</text>` : ''}`,
    )
    .join('');
  return (
    `<svg class="chart sl" width="${width}" height="${height + 4}" viewBox="0 0 ${width} ${height + 4}" role="img" aria-label="${escapeHtml(`service level of ${series.queue} ${series.media}`)}">` +
    `${grid}${target}${cumulative}${line}${points}` +
    `<text x="${LEFT - 6}" y="${barsTop + 12}" class="label">offered</text><text x="${LEFT - 6}" y="${barsTop + 24}" class="label">max ${maxOffered}</text>${bars}` +
    `<g class="axis">${labels}</g></svg>`
  );
}
