/**
 * The `--faults` grammar. Items are comma-separated `key=value` pairs, in any order, each key at most once:
 *
 *   spec   := "" | "none" | item ("," item)*
 *   item   := "rate=" P                      probability 0..1 that an eligible request gets a fault (default 0)
 *           | "seed=" INT                    seed of the draws (default 1)
 *           | "kinds=" KIND ("+" KIND)*      kinds `rate` draws from, uniformly (default 429+500+502+503+504+reset)
 *           | "at=" N ":" KIND (";" N ":" KIND)*   this fault at the N-th eligible request (1-based); wins over rate
 *           | "retryAfter=" INT              Retry-After seconds of injected 429s (default 1)
 *           | "slowMs=" INT                  how long `slow` holds the response (default 90000)
 *           | "oauth=" ("on" | "off")        on: /oauth/token requests are counted and can fault too (default off)
 *   KIND   := 429 | 500 | 502 | 503 | 504 | reset | slow | expire | html | truncated | jobFailed | jobExpired
 *
 * Eligible requests are those under /api/v2 (plus /oauth/token with oauth=on), numbered in arrival order.
 * Example: `rate=0.2,seed=3,kinds=429+503+reset,at=1:expire;4:slow,slowMs=5000`.
 */
import { UsageError } from '../../errors.js';
import { FAULT_KINDS, resolveFaultPlan, type FaultKind, type FaultPlan, type ResolvedFaultPlan } from './fault-plan.js';

const KEYS = ['rate', 'seed', 'kinds', 'at', 'retryAfter', 'slowMs', 'oauth'] as const;
type Key = (typeof KEYS)[number];

export function parseFaultSpec(spec: string): ResolvedFaultPlan {
  const text = spec.trim();
  if (text === '' || text === 'none') return resolveFaultPlan({});
  const plan: FaultPlan = {};
  const seen = new Set<string>();
  for (const rawItem of text.split(',')) {
    const item = rawItem.trim();
    const eq = item.indexOf('=');
    const key = (eq < 0 ? item : item.slice(0, eq).trim()) as Key;
    const value = eq < 0 ? '' : item.slice(eq + 1).trim();
    const fail = (why: string): never => {
      throw new UsageError(`--faults: "${item}": ${why}`);
    };
    if (!KEYS.includes(key)) fail(`unknown key "${key}"; accepted: ${KEYS.join(', ')}`);
    if (eq < 0 || value === '') fail(`"${key}" needs a value, like ${key}=...`);
    if (seen.has(key)) fail(`"${key}" is given twice`);
    seen.add(key);
    switch (key) {
      case 'rate':
        plan.rate = number(value, 0, 1, false) ?? fail('rate is a number from 0 to 1');
        break;
      case 'seed':
        plan.seed = number(value, -(2 ** 31), 2 ** 31 - 1, true) ?? fail('seed is an integer');
        break;
      case 'retryAfter':
        plan.retryAfterS = number(value, 0, 86_400, true) ?? fail('retryAfter is whole seconds, 0..86400');
        break;
      case 'slowMs':
        plan.slowMs = number(value, 0, 3_600_000, true) ?? fail('slowMs is whole milliseconds, 0..3600000');
        break;
      case 'oauth':
        if (value !== 'on' && value !== 'off') fail('oauth is "on" or "off"');
        plan.oauth = value === 'on';
        break;
      case 'kinds':
        plan.kinds = value.split('+').map((k) => kind(k.trim()) ?? fail(`unknown kind "${k}"; ${KINDS_HINT}`));
        break;
      case 'at':
        plan.at = {};
        for (const entry of value.split(';')) {
          const [n, k, extra] = entry.split(':').map((s) => s.trim());
          const request = number(n ?? '', 1, Number.MAX_SAFE_INTEGER, true);
          if (request === undefined || k === undefined || extra !== undefined) {
            fail(`"${entry}" is not N:KIND (N a request number ≥ 1)`);
          }
          const fault = kind(k ?? '') ?? fail(`unknown kind "${k}"; ${KINDS_HINT}`);
          if (plan.at[request!] !== undefined) fail(`request ${request} is given twice`);
          plan.at[request!] = fault;
        }
        break;
    }
  }
  return resolveFaultPlan(plan);
}

const KINDS_HINT = `accepted: ${FAULT_KINDS.join(', ')}`;

function kind(text: string): FaultKind | undefined {
  return (FAULT_KINDS as readonly string[]).includes(text) ? (text as FaultKind) : undefined;
}

function number(text: string, min: number, max: number, integer: boolean): number | undefined {
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  if (integer && !Number.isInteger(n)) return undefined;
  return n >= min && n <= max ? n : undefined;
}
