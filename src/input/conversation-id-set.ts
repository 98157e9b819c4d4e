/**
 * The conversation ids already counted in a file report, so a conversation exported twice counts once (as the API
 * path de-duplicates). Genesys ids are UUIDs: each is kept as its 128 bits in one open-addressing table of
 * Uint32Array words (16 bytes an id, ~24 with the table's slack) instead of a 36-character string in a Set
 * (~100 bytes); the rare id that is not a UUID goes to a plain Set. Exact: no hashing that could collide.
 */
export class ConversationIdSet {
  private words = new Uint32Array(4 * 1024);
  private capacity = 1024;
  private used = 0;
  private readonly others = new Set<string>();
  private readonly key = new Uint32Array(4);

  get size(): number {
    return this.used + this.others.size;
  }

  /** Adds the id held in `bytes[start, end)` (UTF-8); false when it was already there. */
  addBytes(bytes: Buffer, start: number, end: number): boolean {
    if (!uuidBits(bytes, start, end, this.key, 0)) return this.addOther(bytes.toString('utf8', start, end));
    return this.addKey();
  }

  /** Adds the UUID whose bits uuidBits put in `words[at, at + 4)`; false when it was already there. */
  addWords(words: Uint32Array, at: number): boolean {
    const key = this.key;
    key[0] = words[at]!;
    key[1] = words[at + 1]!;
    key[2] = words[at + 2]!;
    key[3] = words[at + 3]!;
    return this.addKey();
  }

  /** Adds `id`; false when it was already there. */
  add(id: string): boolean {
    const bytes = Buffer.from(id, 'latin1');
    if (id.length !== bytes.length || !uuidBits(bytes, 0, bytes.length, this.key, 0)) return this.addOther(id);
    return this.addKey();
  }

  private addOther(id: string): boolean {
    if (this.others.has(id)) return false;
    this.others.add(id);
    return true;
  }

  private addKey(): boolean {
    const key = this.key;
    const k0 = key[0]!;
    const k1 = key[1]!;
    const k2 = key[2]!;
    const k3 = key[3]!;
    // The all-zero id marks an empty slot, so it lives with the other ids.
    if ((k0 | k1 | k2 | k3) === 0) return this.addOther('00000000-0000-0000-0000-000000000000');
    const mask = this.capacity - 1;
    // UUIDs are random already; mixing the words guards against ids that share their first bits.
    let slot = Math.imul(k0 ^ k1 ^ k2 ^ k3, 0x9e3779b1) >>> 0;
    for (;;) {
      slot &= mask;
      const at = slot * 4;
      const w = this.words;
      if ((w[at]! | w[at + 1]! | w[at + 2]! | w[at + 3]!) === 0) break;
      if (w[at] === k0 && w[at + 1] === k1 && w[at + 2] === k2 && w[at + 3] === k3) return false;
      slot++;
    }
    const at = slot * 4;
    this.words[at] = k0;
    this.words[at + 1] = k1;
    this.words[at + 2] = k2;
    this.words[at + 3] = k3;
    this.used++;
    if (this.used * 4 > this.capacity * 3) this.grow();
    return true;
  }

  private grow(): void {
    const old = this.words;
    this.capacity *= 2;
    this.words = new Uint32Array(this.capacity * 4);
    this.used = 0;
    for (let at = 0; at < old.length; at += 4) {
      if ((old[at]! | old[at + 1]! | old[at + 2]! | old[at + 3]!) === 0) continue;
      this.addWords(old, at);
    }
  }
}

/** Hex digit value, or -1. Upper and lower case both: they are the same UUID. */
function hex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** 8-4-4-4-12 hex digits into four 32-bit words at `out[first]`; false when the text is not that shape. */
export function uuidBits(b: Uint8Array, start: number, end: number, out: Uint32Array, first: number): boolean {
  if (end - start !== 36) return false;
  if (b[start + 8] !== 45 || b[start + 13] !== 45 || b[start + 18] !== 45 || b[start + 23] !== 45) return false;
  let word = 0;
  let digits = 0;
  for (let i = start; i < end; i++) {
    const at = i - start;
    if (at === 8 || at === 13 || at === 18 || at === 23) continue;
    const v = hex(b[i]!);
    if (v < 0) return false;
    word = (word << 4) | v;
    if (++digits % 8 === 0) {
      out[first + digits / 8 - 1] = word >>> 0;
      word = 0;
    }
  }
  return true;
}
