import { createHash } from 'node:crypto';

/** Deterministic, random-looking ids: the same (seed, label, n) always gives the same value. */
export function digest(seed: number, label: string, n: number): Buffer {
  return createHash('sha256').update(`gcx-sim|${seed}|${label}|${n}`).digest();
}

/** A UUID-shaped id (version nibble 4), like Genesys correlation ids and job ids. */
export function simUuid(seed: number, label: string, n: number): string {
  const h = digest(seed, label, n).toString('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
