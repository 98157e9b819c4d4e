export interface Progress {
  /** `done` of `total` requests (total 0 = not known yet). */
  update(done: number, total: number, label?: string): void;
  /** What is happening between counts (a retry, a wait), shown after the count until the next update. */
  note(text: string): void;
  done(): void;
  /** Writes a finished line (a message) above the bar: the bar is cleared first and redrawn after it. */
  above(line: string): void;
}

const BAR = 24;

/** The one unit both reports count in, so the line means the same whatever the report. */
export const PROGRESS_UNIT = 'requests';

/**
 * A one-line progress bar on stderr, redrawn in place with `\r`. The CLI enables it only when stderr is a terminal
 * and --quiet is off; disabled, every call is a no-op, so callers never need to check.
 */
export function createProgress(opts: { stream: NodeJS.WriteStream; enabled: boolean }): Progress {
  if (!opts.enabled) return { update() {}, note() {}, done() {}, above: (line) => void opts.stream.write(line) };
  const { stream } = opts;
  let shown = '';
  let count = { done: 0, total: 0, label: undefined as string | undefined };
  let note = '';
  const draw = () => {
    const { done, total, label } = count;
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    const filled = Math.round(fraction * BAR);
    const counted = total > 0 ? ` ${done}/${total}${label ? ` ${label}` : ''}` : done > 0 ? ` ${done}${label ? ` ${label}` : ''}` : '';
    let text = `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}]${counted}${note ? ` ${note}` : ''}`;
    // Never wrap: a wrapped line cannot be redrawn with \r.
    const width = (stream.columns || 80) - 1;
    if (text.length > width) text = text.slice(0, width);
    if (text === shown) return;
    stream.write(`\r${text.padEnd(shown.length)}`);
    shown = text;
  };
  return {
    update(done, total, label) {
      count = { done, total, label };
      note = '';
      draw();
    },
    note(text) {
      note = text;
      draw();
    },
    done() {
      if (shown) stream.write(`\r${' '.repeat(shown.length)}\r`);
      shown = '';
    },
    above(line) {
      const bar = shown;
      if (bar) stream.write(`\r${' '.repeat(bar.length)}\r`);
      shown = '';
      stream.write(line);
      if (bar) draw();
    },
  };
}
