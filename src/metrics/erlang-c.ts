/**
 * Erlang C (M/M/N: Poisson arrivals, exponential handle times, N agents, an unlimited queue nobody leaves).
 * Everything goes through the Erlang B recursion B(0) = 1, B(n) = A·B(n−1) ÷ (n + A·B(n−1)), carried as its
 * reciprocal 1/B(n) = 1 + (n/A)·(1/B(n−1)) (the same recursion, each step ≥ 1, no division in the loop: 2–3× faster
 * than dividing every step), and C = N·B ÷ (N − A·(1 − B)) for N > A. A^N ÷ N! is never formed: it overflows a double
 * past N = 170 and loses every digit long before. Sources and assumptions: docs/staffing.md. No allocation: each call
 * is a loop over numbers.
 */

/**
 * The relative slack a comparison at a boundary gets: a target met "at exactly the percentage" is met although the
 * SL computed in floating point may sit a few ulps below it (N recursion steps and an exp() each round; for N in the
 * thousands that is ~1e-13 relative), and an occupancy cap of exactly A ÷ N is kept although A came out of a
 * division. Between N and N + 1 the SL moves by far more than 1e-12 except within 1e-12 of 100 %, where "met" then
 * reads "the chance of waiting beyond the threshold is at most 1e-12".
 */
export const BOUNDARY_TOLERANCE = 1e-12;

/**
 * Erlang B blocking probability B(n, A) for n ≥ 0 servers and A ≥ 0 Erlangs. 1/B grows without bound once n is far
 * above A; should it overflow, B comes out 0 where its true value is below 1e-308.
 */
export function erlangB(n: number, trafficErlangs: number): number {
  const perErlang = 1 / trafficErlangs; // Infinity for A = 0: 1/B(n ≥ 1) is then Infinity, B = 0
  let inverse = 1;
  for (let k = 1; k <= n; k++) inverse = 1 + k * perErlang * inverse;
  return 1 / inverse;
}

/** C(n, A) from B(n, A), for n > A: the probability that a contact waits at all. */
function erlangCFromB(n: number, a: number, b: number): number {
  return (n * b) / (n - a * (1 - b));
}

/**
 * Erlang C probability of waiting C(n, A): 0 when A = 0; 1 when n ≤ A (the queue grows without bound, everyone
 * waits).
 */
export function erlangC(n: number, trafficErlangs: number): number {
  if (trafficErlangs === 0) return 0;
  if (n <= trafficErlangs) return 1;
  return erlangCFromB(n, trafficErlangs, erlangB(n, trafficErlangs));
}

/** 1 − C·e^(−(n − A)·T ÷ AHT) given C, clamped into [0, 1] against rounding; `decay` is T ÷ AHT. */
function serviceLevelFromC(n: number, a: number, c: number, decay: number): number {
  const sl = 1 - c * Math.exp(-(n - a) * decay);
  return sl < 0 ? 0 : sl;
}

/** T ÷ AHT, with T = 0 giving 0 (not 0 ÷ 0) so that SL is then 1 − C. */
function decayOf(thresholdS: number, ahtS: number): number {
  return thresholdS === 0 ? 0 : thresholdS / ahtS;
}

function checkTraffic(trafficErlangs: number, thresholdS: number, ahtS: number): void {
  if (!(trafficErlangs >= 0 && trafficErlangs < Infinity)) throw new RangeError(`traffic ${trafficErlangs} Erlangs: expected a finite number ≥ 0`);
  if (!(thresholdS >= 0 && thresholdS < Infinity)) throw new RangeError(`threshold ${thresholdS} s: expected a finite number ≥ 0`);
  if (!(ahtS >= 0 && ahtS < Infinity)) throw new RangeError(`AHT ${ahtS} s: expected a finite number ≥ 0`);
}

/**
 * Erlang C service level with n agents: the share of contacts answered within `thresholdS`,
 * SL(n) = 1 − C(n, A)·e^(−(n − A)·T ÷ AHT). 0 when n ≤ A and A > 0 (an unstable queue); 1 when A = 0 and n ≥ 1;
 * 0 when n < 1 (nobody answers: M/M/0 has no service level, and A = 0 with offered contacts only arises from a
 * zero handle time).
 */
export function erlangServiceLevel(n: number, trafficErlangs: number, thresholdS: number, ahtS: number): number {
  checkTraffic(trafficErlangs, thresholdS, ahtS);
  if (n < 1) return 0;
  if (trafficErlangs === 0) return 1;
  if (n <= trafficErlangs) return 0;
  const c = erlangCFromB(n, trafficErlangs, erlangB(n, trafficErlangs));
  return serviceLevelFromC(n, trafficErlangs, c, decayOf(thresholdS, ahtS));
}

/** The smallest whole N with A ÷ N ≤ cap (with the boundary slack); 0 when A = 0. */
function occupancyFloor(a: number, maxOccupancyFraction: number): number {
  const cap = maxOccupancyFraction * (1 + BOUNDARY_TOLERANCE);
  let n = Math.ceil(a / maxOccupancyFraction);
  // ceil of a rounded quotient can be one off either way; settle it on the comparison itself.
  while (n > 1 && a / (n - 1) <= cap) n--;
  while (a / n > cap) n++;
  return n;
}

/**
 * The smallest whole N > A with SL(N) ≥ target and A ÷ N ≤ maxOccupancy (both with BOUNDARY_TOLERANCE), for
 * fractions target ∈ [0, 1] and maxOccupancy ∈ (0, 1]. A = 0 gives 1: someone still has to answer (the caller
 * decides first whether the row has any offered at all). SL rises with N, so the first N past both floors that
 * meets the target is the answer; 1/B(n) is carried upward from n = 1, so a call costs O(N) and allocates nothing.
 */
export function requiredAgents(
  trafficErlangs: number,
  thresholdS: number,
  ahtS: number,
  targetFraction: number,
  maxOccupancyFraction: number,
): number {
  checkTraffic(trafficErlangs, thresholdS, ahtS);
  if (!(targetFraction >= 0 && targetFraction <= 1)) throw new RangeError(`target ${targetFraction}: expected a fraction from 0 to 1`);
  if (!(maxOccupancyFraction > 0 && maxOccupancyFraction <= 1)) {
    throw new RangeError(`max occupancy ${maxOccupancyFraction}: expected a fraction above 0, at most 1`);
  }
  const a = trafficErlangs;
  if (a === 0) return 1;
  const start = Math.max(Math.floor(a) + 1, occupancyFloor(a, maxOccupancyFraction));
  const goal = targetFraction * (1 - BOUNDARY_TOLERANCE);
  const decay = decayOf(thresholdS, ahtS);
  const perErlang = 1 / a;
  let inverse = 1; // 1/B(n), as in erlangB
  for (let n = 1; ; n++) {
    inverse = 1 + n * perErlang * inverse;
    if (n < start) continue;
    // Terminates: C(n, A) → 0 as n grows, so SL → 1 ≥ goal (goal < 1 whenever target > 0).
    if (serviceLevelFromC(n, a, erlangCFromB(n, a, 1 / inverse), decay) >= goal) return n;
  }
}
