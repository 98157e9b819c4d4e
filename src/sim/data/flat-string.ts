/**
 * The string made flat. Concatenation makes a rope (a tree of V8 cons strings, one node per `+` once the result is
 * 13 characters or more), and a generated day keeps millions of timestamps and ids alive: as ropes they are several
 * small objects each, which the garbage collector copies and marks again and again (over half of a day's
 * generation went there). Reading a character flattens the rope in place, and the collector then drops the tree.
 */
export function flat(s: string): string {
  s.charCodeAt(0);
  return s;
}
