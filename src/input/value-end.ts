/** `valueEnd` could not find the end before the bytes ran out. */
export const VALUE_NEEDS_MORE = -1;

/**
 * The end offset of the JSON value starting at `buf[start]` (a non-whitespace byte), found by matching brackets
 * outside strings; no validation (JSON.parse of the slice does that). A scalar ends at the first byte that cannot
 * continue it. VALUE_NEEDS_MORE when `limit` comes first (at the end of the input, the caller parses what there is,
 * and JSON.parse names what is missing).
 */
export function valueEnd(buf: Uint8Array, start: number, limit: number): number {
  const first = buf[start]!;
  if (first !== 123 && first !== 91 && first !== 34) {
    for (let i = start; i < limit; i++) {
      const c = buf[i]!;
      if (c === 44 || c === 93 || c === 125 || c === 32 || c === 10 || c === 13 || c === 9) return i === start ? i + 1 : i;
    }
    return VALUE_NEEDS_MORE;
  }
  let depth = 0;
  let inString = false;
  for (let i = start; i < limit; i++) {
    const c = buf[i]!;
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) {
        inString = false;
        if (depth === 0) return i + 1;
      }
    } else if (c === 34) {
      inString = true;
    } else if (c === 123 || c === 91) {
      depth++;
    } else if (c === 125 || c === 93) {
      if (--depth <= 0) return i + 1;
    }
  }
  return VALUE_NEEDS_MORE;
}
