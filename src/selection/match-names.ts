/**
 * Matching what a user typed against a directory listing: an id as is, else an exact name (or email),
 * case-insensitively. Pure: the listing is fetched elsewhere. Unknown or ambiguous input becomes one usage error
 * line naming the candidates, so `--queue Suport` says what exists instead of reporting nothing.
 */
import { UsageError } from '../errors.js';

/** Genesys entity ids are UUIDs. */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Named {
  id: string;
  /** What the user types: a queue's or group's name, an agent's email. */
  key: string;
  /** How a candidate is shown. */
  label: string;
}

const MAX_CANDIDATES = 8;

const fold = (text: string) => text.trim().toLowerCase();

function show(candidates: readonly Named[]): string {
  const shown = candidates.slice(0, MAX_CANDIDATES).map((c) => `${c.label} (${c.id})`);
  if (candidates.length > MAX_CANDIDATES) shown.push(`and ${candidates.length - MAX_CANDIDATES} more`);
  return shown.join(', ');
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment): `Suport` → `Support` is 1, `Slaes` →
 * `Sales` is 1. Stops early once every cell of a row passes `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** How many typos a word of this length may carry and still be recognised: 1 up to 5 letters, then one per 4. */
const typoBudget = (length: number) => Math.max(1, Math.floor(length / 4));

/** Whether `candidate` is what `typed` probably meant: one contains the other, or they differ by a typo or two. */
export function isNear(typed: string, candidate: string): boolean {
  const t = fold(typed);
  const k = fold(candidate);
  if (t.length === 0 || k.length === 0) return false;
  return k.includes(t) || t.includes(k) || editDistance(t, k, typoBudget(t.length)) <= typoBudget(t.length);
}

/**
 * The one suggestion for a mistyped word among fixed names (commands, flags): the nearest by edit distance within the
 * typo budget, else the only name that starts with it. Undefined when nothing is near.
 */
export function nearestName(typed: string, names: readonly string[]): string | undefined {
  const t = fold(typed);
  const budget = typoBudget(t.length);
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = editDistance(t, fold(name), budget);
    if (d <= budget && (best === undefined || d < best.d)) best = { name, d };
  }
  if (best) return best.name;
  const prefixed = names.filter((n) => fold(n).startsWith(t) || (t.length >= 4 && fold(n).includes(t)));
  return prefixed.length === 1 ? prefixed[0] : undefined;
}

/** Entries whose key contains the text, that the text contains, or that differ from it by a typo: what the user probably meant. */
export function similar(text: string, entries: readonly Named[]): Named[] {
  return entries.filter((e) => isNear(text, e.key));
}

/**
 * The one entry whose key equals `text` (case-insensitive). `kind` names the flag and the thing for the message:
 * `{flag: '--queue', thing: 'queue', by: 'named'}`; `listHint` says how to see them all.
 */
export function matchOne(
  text: string,
  entries: readonly Named[],
  what: { flag: string; thing: string; by: string; listHint: string; prefer?: (e: Named) => boolean },
): Named {
  const t = fold(text);
  const exact = [...new Map(entries.filter((e) => fold(e.key) === t).map((e) => [e.id, e])).values()];
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) {
    const preferred = what.prefer ? exact.filter(what.prefer) : [];
    if (preferred.length === 1) return preferred[0]!;
    throw new UsageError(`${what.flag}: "${text}" matches ${exact.length} ${what.thing}s: ${show(exact)}; give the id instead`);
  }
  const near = [...new Map(similar(text, entries).map((e) => [e.id, e])).values()];
  const hint = near.length > 0 ? `did you mean ${show(near)}?` : `see ${what.listHint}`;
  throw new UsageError(`${what.flag}: no ${what.thing} ${what.by} "${text}" in this org; ${hint}`);
}
