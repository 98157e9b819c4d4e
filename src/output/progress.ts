export interface Progress {
  update(done: number, total: number, label?: string): void;
  done(): void;
}

const BAR = 24;

/**
 * A one-line progress bar on stderr, redrawn in place with `\r`. The CLI enables it only when stderr is a terminal
 * and --quiet is off; disabled, every call is a no-op, so callers never need to check.
 */
export function createProgress(opts: { stream: NodeJS.WriteStream; enabled: boolean }): Progress {
  if (!opts.enabled) return { update() {}, done() {} };
  const { stream } = opts;
  let shown = '';
  return {
    update(done, total, label) {
      const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
      const filled = Math.round(fraction * BAR);
      let text = `[${'#'.repeat(filled)}${'.'.repeat(BAR - filled)}] ${done}/${total}${label ? ` ${label}` : ''}`;
      // Never wrap: a wrapped line cannot be redrawn with \r.
      const width = (stream.columns || 80) - 1;
      if (text.length > width) text = text.slice(0, width);
      if (text === shown) return;
      stream.write(`\r${text.padEnd(shown.length)}`);
      shown = text;
    },
    done() {
      if (shown) stream.write(`\r${' '.repeat(shown.length)}\r`);
      shown = '';
    },
  };
}
