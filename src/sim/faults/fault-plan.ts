import * as z from 'zod';
import { UsageError } from '../../errors.js';

/** Everything the simulator can do wrong on purpose. */
export const FAULT_KINDS = [
  '429', '500', '502', '503', '504', 'reset', 'slow', 'expire', 'html', 'truncated', 'jobFailed', 'jobExpired',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** A fault plan as callers write it (every field optional); `resolveFaultPlan` fills the defaults. */
export interface FaultPlan {
  /** Probability (0..1) that an eligible request gets a fault drawn from `kinds`. */
  rate?: number;
  /** Seed of the per-request draws: same seed and request numbers, same faults. */
  seed?: number;
  kinds?: FaultKind[];
  /** 1-based eligible-request number -> fault; wins over `rate`. */
  at?: Record<number, FaultKind>;
  /** Retry-After seconds of injected 429s. */
  retryAfterS?: number;
  /** Delay of `slow`: long enough by default to outlast a client's request timeout. */
  slowMs?: number;
  /** Count /oauth/token requests too and let faults hit them (off: faults touch /api/v2 only). */
  oauth?: boolean;
}
export type ResolvedFaultPlan = Required<FaultPlan>;

/** Retryable failures only: `slow`, `html`, `truncated`, `expire` and job faults must be asked for by name. */
export const DEFAULT_RATE_KINDS: FaultKind[] = ['429', '500', '502', '503', '504', 'reset'];

const Kind = z.enum(FAULT_KINDS);
const PlanSchema = z.strictObject({
  rate: z.number().min(0).max(1).default(0),
  seed: z.number().int().default(1),
  kinds: z.array(Kind).min(1).default(DEFAULT_RATE_KINDS),
  at: z.record(z.string().regex(/^[1-9]\d*$/, 'request numbers are integers ≥ 1'), Kind).default({}),
  retryAfterS: z.number().int().min(0).default(1),
  slowMs: z.number().int().min(0).default(90_000),
  oauth: z.boolean().default(false),
});

export function resolveFaultPlan(plan: FaultPlan = {}): ResolvedFaultPlan {
  const parsed = PlanSchema.safeParse(plan);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`faults: ${issue?.path.join('.') || 'plan'}: ${issue?.message ?? 'invalid'}`);
  }
  const at: Record<number, FaultKind> = {};
  for (const [n, kind] of Object.entries(parsed.data.at)) at[Number(n)] = kind;
  return { ...parsed.data, kinds: [...parsed.data.kinds], at };
}
