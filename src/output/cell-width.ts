import stringWidth from 'string-width';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// C0/C1 controls (an ESC in an agent name would drive the terminal) and bidi overrides (which reorder what follows).
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\r\n]/g;

/** Terminal cells a text occupies: East Asian wide characters count 2, combining marks 0 (string-width). */
export function cellWidth(text: string): number {
  // The fast path covers ids, times and numbers: nearly every cell of a big report.
  return PRINTABLE_ASCII.test(text) ? text.length : stringWidth(text);
}

/** Cell text safe to print on a terminal: line breaks become spaces, other control characters `?`. */
export function terminalSafe(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(LINE_BREAKS, ' ').replace(UNSAFE, '?');
}
