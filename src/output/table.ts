import type { Cell, Table } from './printed-table.js';
import { cellWidth, terminalSafe } from './cell-width.js';
import { durationText, isDurationColumn } from './duration-text.js';
import { formatCell } from './format-cell.js';
import { ColumnStats } from './table/column-stats.js';
import { headerLines } from './table/header-lines.js';
import { timeParts, timeShape, timeText } from './table/time-text.js';

const GAP = '  ';
/** Joins a row's display cells in the buffer: terminalSafe has turned any control character in data into `?`. */
const SEP = '\x1f';
/** Marks a highlighted row in the buffer, as a leading SEP marks a dim one. */
const HIGHLIGHT = '\x1e';

export interface TableOptions {
  /** The terminal's width in cells; the least important columns that do not fit are left out. Absent: no limit. */
  width?: number;
  /** The terminal's height in lines: a taller table repeats its header every screenful. Absent: no limit. */
  height?: number;
  /** ANSI colour (the caller decides: a terminal, and NO_COLOR unset). */
  color?: boolean;
  /** The columns were chosen with --columns: keep them in the order given. */
  chosen?: boolean;
  /** A line for stderr (which columns were dropped). */
  note?: (line: string) => void;
  /** Rows printed dim when colour is on (rows where nothing happened), so the busy ones stand out. */
  dimRow?: (row: Record<string, Cell>) => boolean;
  /** Rows printed bold red when colour is on (a watch screen's rows with an alert), so they stand out. */
  highlightRow?: (row: Record<string, Cell>) => boolean;
}

/**
 * An aligned text table for people. Numbers right-aligned on the decimal point, durations as h:mm:ss, times as
 * `2026-11-20 15:30` (see timeText), text left-aligned by terminal cells (李雷 is 4 wide, a combining accent 0);
 * `(no rows)` when empty. Unless the columns were chosen, the headline ratios come right after the names and ids
 * move to the far right (see tableOrder), so a narrow terminal keeps what people read first. Widths need every
 * row, so the table buffers one string per row.
 */
export function* renderTable<C extends string>(table: Table<C>, options: TableOptions = {}): Iterable<string> {
  const columns = options.chosen ? [...table.columns] : tableOrder(table.columns);
  const dim = options.color === true ? options.dimRow : undefined;
  const highlight = options.color === true ? options.highlightRow : undefined;
  const stats = columns.map(() => new ColumnStats());
  const durations = columns.map((c) => isDurationColumn(c));
  const offsets = new Set<string>();
  const buffered: string[] = [];
  const cells: string[] = new Array(columns.length);
  for (const row of table.rows) {
    let lastDate: string | undefined;
    for (let i = 0; i < columns.length; i++) {
      const cell = row[columns[i]!] as Cell | undefined;
      const stat = stats[i]!;
      if (typeof cell === 'number' && Number.isFinite(cell)) {
        const text = durations[i] ? durationText(cell) : formatCell(cell);
        stat.addNumber(text);
        cells[i] = text;
        continue;
      }
      const text = terminalSafe(formatCell(cell ?? null));
      const time = timeParts(text);
      if (time) offsets.add(time.offset);
      stat.addText(text, time !== undefined && timeShape(time, lastDate) === 'date', time ? time.offset.length : -1);
      if (time) lastDate = time.date;
      cells[i] = text;
    }
    // A leading SEP marks a dim row, a leading HIGHLIGHT a highlighted one: cells never hold either (terminalSafe).
    const mark = highlight?.(row as Record<string, Cell>) ? HIGHLIGHT : dim?.(row as Record<string, Cell>) ? SEP : '';
    buffered.push(mark + cells.join(SEP));
  }

  const withOffset = offsets.size > 1;
  const dataWidths = stats.map((s) => s.dataWidth(withOffset));
  // Headers say the unit they show: `handle_s` prints h:mm:ss, so its header reads `handle (h:mm:ss)`.
  const names = columns.map((c, i) => headerName(c, durations[i]!));
  // What a narrow terminal keeps: by importance (names, volume, ratios and goals, the rest, ids), shown in table order.
  const rank = options.chosen ? columns.map((_, i) => i) : columns.map((c) => importance(c));
  let heads = names.map((c): string[] => [c]);
  let widths = names.map((c, i) => Math.max(cellWidth(c), dataWidths[i]!));
  let keep = options.width === undefined ? columns.map(() => true) : fitByImportance(widths, rank, options.width, GAP.length);
  const count = (k: boolean[]) => k.filter(Boolean).length;
  if (count(keep) < columns.length) {
    const wrapped = names.map((c, i) => headerLines(c, dataWidths[i]!));
    const wrappedWidths = wrapped.map((lines, i) => Math.max(...lines.map((l) => cellWidth(l)), dataWidths[i]!));
    const wrappedKeep = fitByImportance(wrappedWidths, rank, options.width!, GAP.length);
    if (count(wrappedKeep) > count(keep)) [heads, widths, keep] = [wrapped, wrappedWidths, wrappedKeep];
  }
  if (count(keep) < columns.length) {
    const dropped = columns.filter((_, i) => !keep[i]);
    // Short: on the narrow terminal that caused it, every extra word is another wrapped line.
    options.note?.(`table: not shown at ${options.width} columns: ${dropped.join(', ')} (--columns chooses)`);
  }
  const visible = columns.map((_, i) => i).filter((i) => keep[i]);

  const kinds = stats.map((s) => s.kind);
  const paint = painter(options.color === true);
  const line = (texts: readonly string[], style?: (text: string, i: number) => string) =>
    visible
      .map((i) => {
        const text = texts[i]!;
        const pad = ' '.repeat(Math.max(0, widths[i]! - cellWidth(text)));
        const styled = style && text !== '' ? style(text, i) : text;
        return kinds[i] === 'number' ? pad + styled : styled + pad;
      })
      .join(GAP)
      .trimEnd() + '\n';

  const headRows = Math.max(...visible.map((i) => heads[i]!.length));
  const header = function* () {
    // Headers sit on the bottom line; a two-line header starts one line higher.
    for (let r = 0; r < headRows; r++) yield line(heads.map((h) => h[r - (headRows - h.length)] ?? ''), (t) => paint.bold(t));
    yield line(widths.map((w) => '-'.repeat(w)), (t) => paint.dim(t));
  };
  yield* header();
  if (buffered.length === 0) yield '(no rows)\n';
  // Taller than the screen: the header again every screenful, so a scrolled page still says what each column is.
  const perPage = options.height !== undefined && buffered.length + headRows + 1 > options.height ? Math.max(5, options.height - headRows - 2) : Infinity;
  const targetMet = columns.indexOf('target_met' as C);
  for (let r = 0; r < buffered.length; r++) {
    if (r > 0 && r % perPage === 0) yield* header();
    const dimmed = buffered[r]!.startsWith(SEP);
    const highlighted = buffered[r]!.startsWith(HIGHLIGHT);
    const texts = (dimmed || highlighted ? buffered[r]!.slice(1) : buffered[r]!).split(SEP);
    buffered[r] = ''; // printed rows can be collected while the rest print
    let lastDate: string | undefined;
    for (const i of visible) {
      if (kinds[i] === 'number' && texts[i] !== '') texts[i] = alignDecimal(texts[i]!, stats[i]!);
      else if (kinds[i] === 'time' && texts[i] !== '') {
        const time = timeParts(texts[i]!)!;
        texts[i] = timeText(time, timeShape(time, lastDate), withOffset);
        lastDate = time.date;
      }
    }
    const met = targetMet >= 0 ? texts[targetMet] : undefined;
    yield line(texts, (t, i) =>
      highlighted
        ? paint.alert(t)
        : i === targetMet && met === 'false'
          ? paint.red(t)
          : i === targetMet && met === 'true'
            ? paint.green(t)
            : dimmed
              ? paint.dim(t)
              : t,
    );
  }
}

/** A column's header on the table: a duration's unit is said (`handle (h:mm:ss)`); other names as the contract has them. */
export function headerName(column: string, isDuration: boolean): string {
  return isDuration ? `${column.slice(0, -2)} (h:mm:ss)` : column;
}

/**
 * How much a column matters when the terminal is too narrow for all: what a row is (the interval's start, names,
 * media type) 0; volume 1; the headline ratio 2, whether it met its goal 2.1 and the goal 2.2; the other ratios and
 * goals 2.5; the other measures and the interval's end 3; ids that have a name beside them 4. Lower is kept first.
 */
export function importance(column: string): number {
  if (column === 'interval_start' || column.endsWith('_name') || column === 'media_type' || column === 'observed_at') return 0;
  if (VOLUME.has(column)) return 1;
  if (HEADLINE.has(column)) return 2;
  if (column === 'target_met' || column === 'alerts' || column === 'staffing_gap') return 2.1;
  if (column === 'target_pct') return 2.2;
  if (column.endsWith('_pct') || column === 'threshold_s') return 2.5;
  if (column.endsWith('_id')) return 4;
  return 3;
}

const VOLUME = new Set(['offered', 'handled', 'waiting', 'offered_today', 'members']);
const HEADLINE = new Set(['service_level_pct', 'routing_occupancy_pct', 'occupancy_pct', 'service_level_today_pct', 'required_agents', 'staffed_agents']);

/**
 * Which columns fit in `available` cells with `gap` between them, taken by `rank` (lower first, ties in table
 * order) until the first that does not fit; the first column is always kept.
 */
export function fitByImportance(widths: readonly number[], rank: readonly number[], available: number, gap: number): boolean[] {
  const order = widths.map((_, i) => i).sort((a, b) => rank[a]! - rank[b]! || a - b);
  const keep = widths.map(() => false);
  let used = 0;
  for (const i of order) {
    const add = (used > 0 ? gap : 0) + widths[i]!;
    if (used > 0 && used + add > available) break;
    keep[i] = true;
    used += add;
  }
  return keep;
}

/** `68.5` in a column of `100.25` and `0` → ` 68.5 `: integer parts right-aligned, fractions left-aligned. */
function alignDecimal(text: string, stat: ColumnStats): string {
  const dot = text.indexOf('.');
  const int = dot < 0 ? text.length : dot;
  return ' '.repeat(stat.intWidth - int) + text + ' '.repeat(stat.fracWidth - (text.length - int));
}

/**
 * The table's column order for people (CSV keeps the contract's): what a row is about (interval, names, media),
 * then the headline ratios (`*_pct`, target_met), then the other measures, and last the ids that have a name
 * beside them (scripts use ids; they read names). A narrow terminal drops from the right, so it drops ids first.
 */
export function tableOrder<C extends string>(columns: readonly C[]): C[] {
  const isId = (c: C) => c.endsWith('_id') && columns.includes(`${c.slice(0, -3)}_name` as C);
  const isKey = (c: C) => !isId(c) && (c.startsWith('interval_') || c.endsWith('_name') || c.endsWith('_id') || c === 'media_type');
  const isHeadline = (c: C) => !isKey(c) && !isId(c) && (c.endsWith('_pct') || c === 'target_met');
  const rest = (c: C) => !isKey(c) && !isId(c) && !isHeadline(c);
  // Genesys's Occupancy (time Interacting ÷ on-queue time) before the handle-time ratio, as the HTML colours by it.
  const headline = columns.filter(isHeadline).sort((a, b) => Number(b === 'routing_occupancy_pct') - Number(a === 'routing_occupancy_pct'));
  return [...columns.filter(isKey), ...headline, ...columns.filter(rest), ...columns.filter(isId)];
}

function painter(on: boolean) {
  const wrap = (open: string, close: string) => (text: string) => (on ? `\x1b[${open}m${text}\x1b[${close}m` : text);
  return { bold: wrap('1', '22'), dim: wrap('2', '22'), red: wrap('31', '39'), green: wrap('32', '39'), alert: wrap('1;31', '22;39') };
}
