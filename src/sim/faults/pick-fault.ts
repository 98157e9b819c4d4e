import type { FaultKind, ResolvedFaultPlan } from './fault-plan.js';

/**
 * The fault for the n-th eligible request (1-based), if any. A pure function of (plan, n) rather than a stream of
 * draws, so a plan is reproducible for a seed even when concurrent requests interleave differently.
 */
export function pickFault(plan: ResolvedFaultPlan, n: number): FaultKind | undefined {
  const fixed = plan.at[n];
  if (fixed !== undefined) return fixed;
  if (plan.rate <= 0 || unit(plan.seed, n, 1) >= plan.rate) return undefined;
  return plan.kinds[Math.floor(unit(plan.seed, n, 2) * plan.kinds.length)];
}

/** A uniform number in [0, 1) from (seed, n, salt): a murmur3-style 32-bit finaliser. */
function unit(seed: number, n: number, salt: number): number {
  let h = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(n, 0xc2b2ae35) ^ Math.imul(salt, 0x27d4eb2f);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 2 ** 32;
}
