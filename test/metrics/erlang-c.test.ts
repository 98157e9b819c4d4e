import { describe, expect, it } from 'vitest';
import { BOUNDARY_TOLERANCE, erlangB, erlangC, erlangServiceLevel, requiredAgents } from '../../src/metrics/erlang-c.js';

/**
 * The classic worked example (100 calls in 30 min, AHT 180 s → A = 10 Erlangs; 80 % in 20 s; max occupancy 85 %;
 * shrinkage 30 %): Call Centre Helper, "Erlang C Formula – Made Simple With an Easy Worked Example". The per-N
 * figures below are printed by the CRAN package ErlangC 0.1.0 for exactly that example (its README, `$process`):
 * https://stat.ethz.ch/CRAN/web/packages/ErlangC/readme/README.html (github.com/Damonsoul/ErlangC README.md).
 * R prints 7 significant digits, so they are compared within 5e-8.
 */
const PUBLISHED: Array<[n: number, waitProbability: number, serviceLevel: number]> = [
  [11, 0.6821182, 0.3896138],
  [12, 0.4493882, 0.640158],
  [13, 0.2852705, 0.7955948],
  [14, 0.1741319, 0.88835],
];

describe('the classic worked example (A = 10, 80 % in 20 s, AHT 180 s)', () => {
  it.each(PUBLISHED)('N = %i: probability of waiting and service level as published', (n, pw, sl) => {
    expect(Math.abs(erlangC(n, 10) - pw)).toBeLessThan(5e-8);
    expect(Math.abs(erlangServiceLevel(n, 10, 20, 180) - sl)).toBeLessThan(5e-8);
  });

  it('needs 14 agents (13 give 79.56 %, 14 give 88.84 %)', () => {
    expect(requiredAgents(10, 20, 180, 0.8, 0.85)).toBe(14);
  });
});

describe('erlangB and erlangC on hand-worked values', () => {
  it('B(1, A) = A ÷ (1 + A) and B(2, 1) = 1/5 by the recursion', () => {
    expect(erlangB(0, 3)).toBe(1);
    expect(erlangB(1, 0.25)).toBeCloseTo(0.2, 15);
    // B(1) = 1/2, B(2) = (1 · 1/2) ÷ (2 + 1/2) = 1/5
    expect(erlangB(2, 1)).toBeCloseTo(0.2, 15);
  });

  it('C(1, A) = A (M/M/1) and C(2, A) = A² ÷ (2 + A) (M/M/2)', () => {
    expect(erlangC(1, 0.3)).toBeCloseTo(0.3, 15);
    expect(erlangC(2, 1)).toBeCloseTo(1 / 3, 15);
    expect(erlangC(2, 0.5)).toBeCloseTo(0.1, 15);
  });

  it('C is 1 once N ≤ A (everyone waits) and 0 without traffic', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangC(9, 10)).toBe(1);
    expect(erlangC(3, 0)).toBe(0);
  });
});

describe('erlangServiceLevel edge cases', () => {
  it('is 0 when N ≤ A (traffic at or above staff) and A > 0', () => {
    expect(erlangServiceLevel(10, 10, 20, 180)).toBe(0);
    expect(erlangServiceLevel(7, 10, 20, 180)).toBe(0);
    expect(erlangServiceLevel(0, 10, 20, 180)).toBe(0);
  });

  it('is 1 without traffic when at least one agent is there, 0 with nobody', () => {
    expect(erlangServiceLevel(1, 0, 20, 180)).toBe(1);
    expect(erlangServiceLevel(0, 0, 20, 180)).toBe(0);
  });

  it('with a 0 s threshold is the chance of not waiting at all, 1 − C', () => {
    expect(erlangServiceLevel(2, 1, 0, 180)).toBeCloseTo(2 / 3, 15);
  });

  it('rejects negative or non-finite traffic, threshold and AHT', () => {
    expect(() => erlangServiceLevel(3, -1, 20, 180)).toThrow(RangeError);
    expect(() => erlangServiceLevel(3, Number.NaN, 20, 180)).toThrow(RangeError);
    expect(() => erlangServiceLevel(3, 1, Infinity, 180)).toThrow(RangeError);
    expect(() => erlangServiceLevel(3, 1, 20, -1)).toThrow(RangeError);
  });
});

describe('requiredAgents at the boundaries', () => {
  it('a target equal to SL(N) to the last bit gives N, a hair above gives N + 1', () => {
    const sl13 = erlangServiceLevel(13, 10, 20, 180);
    expect(requiredAgents(10, 20, 180, sl13, 1)).toBe(13);
    expect(requiredAgents(10, 20, 180, sl13 + 1e-9, 1)).toBe(14);
  });

  it('a target met exactly in arithmetic counts as met although floating point lands an ulp below', () => {
    // M/M/1, A = 0.07, T = 0: SL = 1 − C(1, A) = 1 − A = 0.93 exactly; the double comes out 0.9299999999999999.
    expect(erlangServiceLevel(1, 0.07, 0, 60)).toBeLessThan(0.93);
    expect(requiredAgents(0.07, 0, 60, 0.93, 1)).toBe(1);
    // M/M/2, A = 0.5, T = 0: C = 0.25 ÷ 2.5 = 0.1, SL = 0.9; one agent gives 1 − 0.5.
    expect(requiredAgents(0.5, 0, 60, 0.9, 1)).toBe(2);
  });

  it('an occupancy of exactly the cap is allowed although A ÷ N rounds above it', () => {
    // 153 calls × 90 s in 1800 s: A = 7.65; 7.65 ÷ 9 = 0.85 exactly, the double 0.8500000000000001.
    const a = (153 * 90_000) / 1_800_000;
    expect(a / 9).toBeGreaterThan(0.85);
    expect(requiredAgents(a, 20, 90, 0.1, 0.85)).toBe(9);
  });

  it('the occupancy cap decides when the target is met earlier', () => {
    // A = 8.5: SL(9) = 22.7 % already meets 10 %, but 8.5 ÷ 9 = 94 % > 85 %; 8.5 ÷ 10 = 85 %.
    expect(requiredAgents(8.5, 20, 180, 0.1, 1)).toBe(9);
    expect(requiredAgents(8.5, 20, 180, 0.1, 0.85)).toBe(10);
    // A = 2000 at 85 %: ⌈2000 ÷ 0.85⌉ = 2353, far above the 2012 the target needs.
    expect(requiredAgents(2000, 20, 180, 0.8, 0.85)).toBe(2353);
  });

  it('N is always above A: target 0 gives ⌊A⌋ + 1, A = 0 gives 1, N = A exactly is not enough', () => {
    expect(requiredAgents(10.4, 20, 180, 0, 1)).toBe(11);
    expect(requiredAgents(10, 20, 180, 0, 1)).toBe(11);
    expect(requiredAgents(0, 20, 180, 0.8, 0.85)).toBe(1);
  });

  it('a 100 % target ends: the chance of waiting beyond T falls below the tolerance', () => {
    const n = requiredAgents(10, 20, 180, 1, 1);
    expect(1 - erlangServiceLevel(n, 10, 20, 180)).toBeLessThanOrEqual(BOUNDARY_TOLERANCE);
    expect(1 - erlangServiceLevel(n - 1, 10, 20, 180)).toBeGreaterThan(BOUNDARY_TOLERANCE);
  });

  it('rejects a target outside [0, 1] and a cap outside (0, 1]', () => {
    expect(() => requiredAgents(10, 20, 180, 80, 0.85)).toThrow(RangeError);
    expect(() => requiredAgents(10, 20, 180, 0.8, 0)).toThrow(RangeError);
    expect(() => requiredAgents(10, 20, 180, 0.8, 85)).toThrow(RangeError);
  });
});

describe('numerical stability for thousands of Erlangs', () => {
  // Reference SLs from the textbook sum at 50 significant digits (mpmath 1.3), computed once by hand.
  it.each([
    [2000, 2012, 0.78600525339683684, 0.81424301799363427],
    [5000, 5013, 0.78806351912899717, 0.81387462027235935],
  ])('A = %i needs %i agents at 80 %% in 20 s', (a, n, slBelow, slAt) => {
    expect(requiredAgents(a, 20, 180, 0.8, 1)).toBe(n);
    expect(erlangServiceLevel(n - 1, a, 20, 180)).toBeCloseTo(slBelow, 10);
    expect(erlangServiceLevel(n, a, 20, 180)).toBeCloseTo(slAt, 10);
  });

  it('SL stays a finite probability and rises with N far from A', () => {
    let previous = 0;
    for (const n of [5001, 5005, 5050, 5200, 6000, 10_000]) {
      const sl = erlangServiceLevel(n, 5000, 20, 180);
      expect(sl).toBeGreaterThanOrEqual(previous);
      expect(sl).toBeLessThanOrEqual(1);
      previous = sl;
    }
    expect(previous).toBe(1);
  });
});

/** Deterministic PRNG (mulberry32) so the differential inputs are the same on every run. */
function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** ln k! for k ≤ 1000, summed directly. */
const LOG_FACTORIAL: number[] = [0];
for (let k = 1; k <= 1000; k++) LOG_FACTORIAL.push(LOG_FACTORIAL[k - 1]! + Math.log(k));

/**
 * Independent C(N, A): the textbook quotient X ÷ (Y + X), X = A^N/N! · N/(N − A), Y = Σ_{k<N} A^k/k!, each term
 * taken as a logarithm and scaled by the largest before exponentiating (no recursion, no Erlang B).
 */
function bruteErlangC(n: number, a: number): number {
  const logX = n * Math.log(a) - LOG_FACTORIAL[n]! + Math.log(n / (n - a));
  let max = logX;
  for (let k = 0; k < n; k++) max = Math.max(max, k * Math.log(a) - LOG_FACTORIAL[k]!);
  let y = 0;
  for (let k = 0; k < n; k++) y += Math.exp(k * Math.log(a) - LOG_FACTORIAL[k]! - max);
  const x = Math.exp(logX - max);
  return x / (y + x);
}

function bruteServiceLevel(n: number, a: number, t: number, aht: number): number {
  return 1 - bruteErlangC(n, a) * Math.exp((-(n - a) * t) / aht);
}

/** The contract's definition read literally: the first whole N > A meeting both conditions, no tolerance. */
function bruteRequired(a: number, t: number, aht: number, target: number, cap: number): number {
  for (let n = Math.floor(a) + 1; ; n++) {
    if (a / n > cap) continue;
    if (bruteServiceLevel(n, a, t, aht) >= target) return n;
  }
}

describe('differential test against an independent brute force', () => {
  it('3000 seeded random inputs (A up to 150) give the same N and SL within 1e-9', () => {
    const random = mulberry32(0x5eed_2026);
    for (let i = 0; i < 3000; i++) {
      const a = Math.round(random() * 150_000) / 1000 + 0.001;
      const t = Math.floor(random() * 61);
      const aht = 10 + Math.floor(random() * 890);
      const target = Math.round(random() * 9998 + 1) / 10_000; // a 2-decimal percentage, 0.01 %–99.99 %
      const cap = Math.round(50 + random() * 50) / 100;
      const label = `A=${a} T=${t} AHT=${aht} target=${target} cap=${cap}`;
      const n = requiredAgents(a, t, aht, target, cap);
      expect(n, label).toBe(bruteRequired(a, t, aht, target, cap));
      expect(Math.abs(erlangServiceLevel(n, a, t, aht) - bruteServiceLevel(n, a, t, aht)), label).toBeLessThan(1e-9);
      const m = Math.floor(a) + 1 + Math.floor(random() * 20);
      expect(Math.abs(erlangServiceLevel(m, a, t, aht) - bruteServiceLevel(m, a, t, aht)), label).toBeLessThan(1e-9);
    }
  });

  it('C(N, A) equals the exact rational (BigInt) for small N and A = p/q', () => {
    const random = mulberry32(42);
    for (let i = 0; i < 300; i++) {
      const q = 1 + Math.floor(random() * 20);
      const p = 1 + Math.floor(random() * 12 * q);
      const n = Math.floor(p / q) + 1 + Math.floor(random() * 8);
      // Multiplied through by q^N·N!·(Nq − p): X = p^N·N·q, Y = (Nq − p)·Σ_{k<N} p^k·q^(N−k)·N!/k!.
      const P = BigInt(p);
      const Q = BigInt(q);
      const N = BigInt(n);
      let y = 0n;
      let fallingFactorial = 1n; // N!/k!, from k = N down
      const terms: bigint[] = [];
      for (let k = n - 1; k >= 0; k--) {
        fallingFactorial *= BigInt(k + 1);
        terms.push(P ** BigInt(k) * Q ** (N - BigInt(k)) * fallingFactorial);
      }
      for (const term of terms) y += term;
      y *= N * Q - P;
      const x = P ** N * N * Q;
      const scale = 10n ** 30n;
      const exact = Number((x * scale) / (x + y)) / 1e30;
      expect(Math.abs(erlangC(n, p / q) - exact), `N=${n} A=${p}/${q}`).toBeLessThan(1e-12);
    }
  });
});
