import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Terminal cells a text occupies: East Asian wide characters count 2, combining marks 0 (string-width). */
export function cellWidth(text: string): number {
  // The fast path covers ids, times and numbers: nearly every cell of a big report.
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

// One rule for table cells and stderr lines; it lives beside the logger so that loading it costs no string-width.
export { terminalSafe } from './terminal-line.js';
