/**
 * A column name on one line, or on two split after an `_` (`routing_` / `occupancy_pct`) or at a space (`handle` /
 * `(h:mm:ss)`) when that makes the
 * column narrower than the name: a 21-letter header over 6-character numbers wastes a third of an 80-column screen.
 * Returns the split that gives the narrowest column of at least `dataWidth` cells.
 */
export function headerLines(name: string, dataWidth: number): [string] | [string, string] {
  if (name.length <= dataWidth) return [name];
  let best: [string] | [string, string] = [name];
  let bestWidth = name.length;
  for (let at = 1; at < name.length - 1; at++) {
    // After an `_` (which stays on the first line), or at a space (`handle` over `(h:mm:ss)`).
    if (name[at] !== '_' && name[at] !== ' ') continue;
    const first = name[at] === '_' ? name.slice(0, at + 1) : name.slice(0, at);
    const second = name.slice(at + 1);
    // `handle_` over `s` saves one cell and reads as two words: keep short names whole.
    if ((name[at] === '_' && first.length < 4) || second.length < 3) continue;
    const width = Math.max(first.length, second.length, dataWidth);
    if (width < bestWidth) [best, bestWidth] = [[first, second], width];
  }
  return best;
}
