import { redact } from '../redact.js';

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
// C0/C1 controls (an ESC in an agent name would drive the terminal) and bidi overrides (which reorder what follows).
const UNSAFE = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]/g;
const LINE_BREAKS = /[\t\r\n]/g;

/** Text safe to print on a terminal: line breaks become spaces, other control characters `?`. */
export function terminalSafe(text: string): string {
  if (PRINTABLE_ASCII.test(text)) return text;
  return text.replace(LINE_BREAKS, ' ').replace(UNSAFE, '?');
}

/**
 * Any text bound for stderr, as it may be printed: secrets redacted, then control characters (an ESC from a
 * server's error `message`, `contextId` or a job's `errorMessage` would retitle the window or clear the screen)
 * and bidi overrides made harmless, as table cells are. Messages carry server text, so every line goes through here.
 */
export function terminalLine(text: string): string {
  return terminalSafe(redact(text));
}

/** A multi-line text (a stack trace): each line made safe, the line breaks kept. */
export function terminalLines(text: string): string {
  return text.split('\n').map(terminalLine).join('\n');
}
