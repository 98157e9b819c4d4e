/**
 * Seeded randomness for the simulator: sfc32 (fast, 128-bit state, passes PractRand) seeded through a 32-bit hash of
 * the parts that identify a stream (seed, day, agent...), so every stream is independent of the order others are drawn.
 */
import { flat } from './flat-string.js';

/** Mixes integer parts into one 32-bit hash (murmur3 finaliser per part). Parts must be safe integers. */
export function hash32(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    // Fold values beyond 32 bits in, so day indexes and large seeds both count.
    const lo = p >>> 0;
    const hi = Math.floor(p / 4294967296) >>> 0;
    h = fmix(h ^ lo) + hi;
    h = fmix(Math.imul(h, 0xcc9e2d51) ^ 0x1b873593);
  }
  return h >>> 0;
}

function fmix(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export interface Rng {
  /** Uniform in [0, 1). */
  float(): number;
  /** Uniform 32-bit unsigned integer. */
  u32(): number;
  /** Uniform integer in [lo, hi]. */
  int(lo: number, hi: number): number;
  /** Uniform float in [lo, hi). */
  uniform(lo: number, hi: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** Exponential with the given mean. */
  exp(mean: number): number;
  /** Log-normal with the given median and log-scale sigma. */
  logNormal(median: number, sigma: number): number;
  /** A UUID-v4-shaped id. */
  uuid(): string;
}

/** An sfc32 stream seeded from hash32(parts). */
export function createRng(...parts: number[]): Rng {
  let a = hash32(...parts, 1);
  let b = hash32(...parts, 2);
  let c = hash32(...parts, 3);
  let d = 1;
  const u32 = (): number => {
    const t = (((a + b) | 0) + d) | 0;
    d = (d + 1) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    c = (c + t) | 0;
    return t >>> 0;
  };
  for (let i = 0; i < 12; i++) u32();
  const float = (): number => u32() / 4294967296;
  const hex8 = (): string => {
    const x = u32();
    return (HEX[x >>> 24] as string) + HEX[(x >>> 16) & 255] + HEX[(x >>> 8) & 255] + HEX[x & 255];
  };
  return {
    float,
    u32,
    int: (lo, hi) => lo + Math.floor(float() * (hi - lo + 1)),
    uniform: (lo, hi) => lo + float() * (hi - lo),
    chance: (p) => float() < p,
    pick: (items) => items[Math.floor(float() * items.length)] as (typeof items)[number],
    exp: (mean) => -mean * Math.log(1 - float()),
    logNormal: (median, sigma) => {
      // Box-Muller; 1 - float() keeps the log argument above zero.
      const z = Math.sqrt(-2 * Math.log(1 - float())) * Math.cos(2 * Math.PI * float());
      return median * Math.exp(sigma * z);
    },
    uuid: () => {
      const h = hex8() + hex8() + hex8() + hex8();
      const variant = ((parseInt(h[16] as string, 16) & 0x3) | 0x8).toString(16);
      return flat(`${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`);
    },
  };
}

/** An index drawn with probability proportional to its weight. */
export function weightedIndex(rng: Rng, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = rng.float() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i] as number;
    if (x < 0) return i;
  }
  return weights.length - 1;
}
