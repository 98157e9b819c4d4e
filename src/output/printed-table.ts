/** A printed cell: text for times, ids and names; numbers; booleans (target_met); null where the contract says empty/null. */
export type Cell = string | number | boolean | null;

/** What the text renderers take: an ordered column list and rows of printed cells keyed by those columns. */
export interface Table<C extends string = string> {
  columns: readonly C[];
  rows: Iterable<Record<C, Cell>>;
}
