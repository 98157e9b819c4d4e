/**
 * `now --watch S`: the refresh repeated every S seconds until SIGINT/SIGTERM, written as the spec's mode says
 * (NowWatchMode): a full-screen frame on a terminal (alternate screen, restored on exit), rows appended to a CSV
 * or NDJSON stdout, or the wallboard page replaced atomically. The run holds SIGINT/SIGTERM (deps.holdSignals), so
 * a signal ends the loop after the write under way and the run exits 0; a reader that goes away (`| head`) ends it
 * too. Clock and sleep are the injected ones: tests run refreshes with no real waiting.
 */
import type { Deps } from '../deps.js';
import { NOW_COLUMNS, type NowColumn } from '../metrics/now.js';
import { ACTIVITY_COLUMNS, isEmptyRow } from '../output/empty-rows.js';
import { renderWallboard } from '../output/html/wallboard.js';
import type { Cell } from '../output/printed-table.js';
import { nowCells } from '../output/report-cells.js';
import { useColor } from '../output/use-color.js';
import { appendChunk } from '../output/watch-append.js';
import { ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, renderWatchScreen } from '../output/watch-screen.js';
import { chosenColumns } from '../output/write-report.js';
import { writeOutput } from '../output/write.js';
import type { NowSpec, NowWatch } from '../spec/now-spec.js';
import type { NowSnapshot } from './now.js';
import { watchLoop } from './watch-loop.js';

export interface WatchTime {
  tz: string;
  /** An instant as the report prints it (ISO-8601 with the zone's offset). */
  formatTime: (ms: number) => string;
}

/** Runs until interrupted; returns the number of refreshes written. */
export async function watchNow(spec: NowSpec & { watch: NowWatch }, take: (atMs: number) => Promise<NowSnapshot>, time: WatchTime, deps: Deps): Promise<number> {
  const { mode, everyMs } = spec.watch;
  const columns: readonly NowColumn[] = chosenColumns(spec.output, NOW_COLUMNS) ?? NOW_COLUMNS;
  // Stops on the run's abort (a signal) and when stdout's reader has gone.
  const stop = new AbortController();
  const onAbort = () => stop.abort(deps.signal.reason);
  if (deps.signal.aborted) onAbort();
  else deps.signal.addEventListener('abort', onAbort, { once: true });
  const screen = mode === 'screen';
  const release = deps.holdSignals?.(screen ? () => deps.stdout.write(LEAVE_ALT_SCREEN) : undefined);
  const toStdout = async (text: string) => {
    await writeOutput([text], { kind: 'stdout', stream: deps.stdout });
    const s = deps.stdout as { destroyed?: boolean; writableEnded?: boolean };
    if (s.destroyed === true || s.writableEnded === true) stop.abort();
  };
  try {
    if (screen) await toStdout(ENTER_ALT_SCREEN);
    return await watchLoop<NowSnapshot>({
      refresh: ({ atMs }) => take(atMs),
      render: (snapshot, tick) => {
        const rows = snapshot.rows;
        if (mode === 'wallboard') {
          return renderWallboard(rows, { observedAt: time.formatTime(tick.refreshedAtMs), refreshSeconds: everyMs / 1000, timeZone: time.tz });
        }
        const cells: Array<Record<string, Cell>> = [];
        for (const row of rows) {
          const all = nowCells(row, time.formatTime);
          if (spec.output.hideEmpty && isEmptyRow(all, ACTIVITY_COLUMNS.now)) continue;
          cells.push(all);
        }
        if (mode === 'append') return appendChunk(spec.output.format === 'ndjson' ? 'ndjson' : 'csv', { columns, rows: cells }, tick.index);
        const out = deps.stdout as { columns?: number; rows?: number };
        return renderWatchScreen({
          columns,
          rows: cells,
          lastRefresh: time.formatTime(tick.refreshedAtMs),
          nextRefresh: time.formatTime(tick.nextAtMs).slice(11, 19),
          width: out.columns ?? 80,
          height: out.rows,
          color: useColor(true, deps.env),
          chosen: spec.output.columns !== undefined,
        });
      },
      write: (text) =>
        mode === 'wallboard' ? writeOutput([text], { kind: 'file', path: spec.output.path!, cwd: deps.cwd }) : toStdout(text),
      sleep: (ms, signal) => deps.clock.sleep(ms, signal),
      signal: stop.signal,
      everyMs,
      clock: deps.clock,
    });
  } finally {
    deps.signal.removeEventListener('abort', onAbort);
    if (screen) await toStdout(LEAVE_ALT_SCREEN).catch(() => {});
    release?.();
  }
}
