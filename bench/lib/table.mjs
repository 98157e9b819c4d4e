/** Markdown tables: readable in a terminal and pasteable into RESULTS.md as they are. */
export function table(headers, rows) {
  const cells = [headers, ...rows].map((r) => r.map((c) => String(c)));
  const widths = headers.map((_, i) => Math.max(3, ...cells.map((r) => r[i].length)));
  const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(cells[0]), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join('\n');
}

export const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;
export const ms = (v) => `${Math.round(v)} ms`;
export const mb = (v) => `${Math.round(v)} MB`;
export const ratio = (a, b) => `${(a / b).toFixed(2)}×`;
export const bytes = (n) =>
  n >= 1e9 ? `${(n / 1e9).toFixed(2)} GB` : n >= 1e6 ? `${(n / 1e6).toFixed(1)} MB` : n >= 1e3 ? `${(n / 1e3).toFixed(1)} kB` : `${n} B`;
