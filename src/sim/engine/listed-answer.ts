/**
 * An answer `{ ...fields, [key]: [...items] }` whose items are made as they are read (one result group at a time),
 * `key` left out when there are none. The server writes it in pieces (server/json-pieces.ts), so a big answer is
 * never one object tree or one string; toJSON() gives the whole object, for small answers and the engine's tests.
 */
export class ListedAnswer {
  constructor(
    readonly fields: Record<string, unknown>,
    readonly key: string,
    /** Read once. */
    readonly items: Iterable<unknown>,
  ) {}

  toJSON(): Record<string, unknown> {
    const items = [...this.items];
    return items.length > 0 ? { ...this.fields, [this.key]: items } : { ...this.fields };
  }
}
