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

/** Entries whose key contains the text, or that the text contains: what the user probably meant. */
export function similar(text: string, entries: readonly Named[]): Named[] {
  const t = fold(text);
  if (t.length === 0) return [];
  return entries.filter((e) => {
    const k = fold(e.key);
    return k.length > 0 && (k.includes(t) || t.includes(k));
  });
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
  const exact = entries.filter((e) => fold(e.key) === t);
  if (exact.length === 1) return exact[0]!;
  if (exact.length > 1) {
    const preferred = what.prefer ? exact.filter(what.prefer) : [];
    if (preferred.length === 1) return preferred[0]!;
    throw new UsageError(`${what.flag}: "${text}" matches ${exact.length} ${what.thing}s: ${show(exact)}; give the id instead`);
  }
  const near = similar(text, entries);
  const hint = near.length > 0 ? `did you mean ${show(near)}?` : `see ${what.listHint}`;
  throw new UsageError(`${what.flag}: no ${what.thing} ${what.by} "${text}" in this org; ${hint}`);
}
