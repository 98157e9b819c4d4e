/**
 * One frame of `now --watch` on a terminal: a header line (last refresh, next refresh, rows with alerts), then the
 * table fitted to the terminal's width and height, alert rows highlighted when colour is on. The frame homes the
 * cursor and overwrites in place, clearing each line's end and everything below, so a redraw never flickers
 * through a blank screen. The caller enters the alternate screen once before the first frame and leaves it on exit.
 */
import type { Cell } from './printed-table.js';
import { cellWidth, terminalSafe } from './cell-width.js';
import { renderTable } from './table.js';

/** The terminal's alternate screen, cursor hidden: the shell's screen comes back untouched on exit. */
export const ENTER_ALT_SCREEN = '\x1b[?1049h\x1b[?25l';
/** Cursor shown again and the shell's screen restored. */
export const LEAVE_ALT_SCREEN = '\x1b[?25h\x1b[?1049l';

const HOME = '\x1b[H';
const CLEAR_LINE_END = '\x1b[K';
const CLEAR_BELOW = '\x1b[J';

export interface WatchFrame {
  columns: readonly string[];
  /** Rows as the renderers take them (nowCells): `alerts` non-empty marks an alert row. */
  rows: readonly Record<string, Cell>[];
  /** The times as printed (the caller formats them in --tz). */
  lastRefresh: string;
  nextRefresh: string;
  /** The terminal's size in cells; without a height every row is shown. */
  width: number;
  height?: number | undefined;
  color: boolean;
  /** The columns were chosen with --columns: keep their order (else WATCH_ORDER). */
  chosen?: boolean;
  /** Default `gcx-metrics now`. */
  title?: string;
}

/**
 * The screen's column order unless --columns chose one: what a supervisor reads first (waiting, longest wait, idle
 * agents, SL against target, alerts), so a narrow terminal drops the rest from the right. observed_at is in the
 * header already, so it goes last.
 */
export const WATCH_ORDER: readonly string[] = [
  'queue_name',
  'media_type',
  'waiting',
  'longest_wait_s',
  'idle_agents',
  'on_queue_agents',
  'service_level_today_pct',
  'target_pct',
  'alerts',
  'alerting',
  'interacting',
  'not_responding_agents',
  'off_queue_agents',
  'offered_today',
  'answered_today',
  'abandoned_today',
  'threshold_s',
  'target_met',
  'queue_id',
  'observed_at',
];

export function watchColumns(columns: readonly string[]): string[] {
  const rank = (c: string) => {
    const i = WATCH_ORDER.indexOf(c);
    return i < 0 ? WATCH_ORDER.length : i;
  };
  return [...columns].sort((a, b) => rank(a) - rank(b));
}

const isAlertRow = (row: Record<string, Cell>) => typeof row.alerts === 'string' && row.alerts !== '';

export function renderWatchScreen(frame: WatchFrame): string {
  const bold = (t: string) => (frame.color ? `\x1b[1m${t}\x1b[22m` : t);
  const alerts = frame.rows.filter(isAlertRow).length;
  const head = fit(
    `${frame.title ?? 'gcx-metrics now'} · refreshed ${terminalSafe(frame.lastRefresh)} · next ${terminalSafe(frame.nextRefresh)}` +
      (alerts > 0 ? ` · ${alerts} ${alerts === 1 ? 'row' : 'rows'} with alerts` : ''),
    frame.width,
  );
  const notes: string[] = [];
  // The table keeps its first columns however wide; a long name would wrap every line of the screen.
  const nameWidth = Math.max(12, Math.floor(frame.width / 3));
  const rows = frame.rows.map((row) => {
    const out: Record<string, Cell> = { ...row };
    for (const column of frame.columns) {
      const cell = row[column];
      if (column.endsWith('_name') && typeof cell === 'string') out[column] = fit(terminalSafe(cell), nameWidth);
    }
    return out;
  });
  const table = [
    ...renderTable(
      { columns: frame.chosen ? frame.columns : watchColumns(frame.columns), rows },
      { width: frame.width, color: frame.color, chosen: true, highlightRow: isAlertRow, note: (l) => notes.push(fit(l, frame.width)) },
    ),
  ]
    .join('')
    .split('\n');
  if (table[table.length - 1] === '') table.pop();
  let lines = [bold(head), ...notes, ...table];
  if (frame.height !== undefined && lines.length > frame.height) {
    const keep = Math.max(1, frame.height - 1);
    const hidden = lines.length - keep;
    lines = [...lines.slice(0, keep), fit(`… ${hidden} more ${hidden === 1 ? 'line' : 'lines'}: a taller window, or fewer queues with --queue`, frame.width)];
  }
  // No newline after the last line: a frame exactly as tall as the terminal must not scroll it.
  return HOME + lines.map((l) => l + CLEAR_LINE_END).join('\n') + CLEAR_BELOW;
}

/** Text cut to `width` terminal cells (header and notes are ours: plain, mostly ASCII). */
function fit(text: string, width: number): string {
  if (cellWidth(text) <= width) return text;
  let out = '';
  for (const ch of text) {
    if (cellWidth(out + ch) > width - 1) break;
    out += ch;
  }
  return out + '…';
}
