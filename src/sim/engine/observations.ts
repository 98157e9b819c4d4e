/**
 * A conversation's session metrics as flat observations (metric, value, emit time, dimensions), computed once per
 * conversation object and cached, so repeated queries over the same generated days only loop over numbers.
 * Dimensions come from the conversation (conversationId, divisionId, originatingDirection), the participant (userId,
 * purpose, participantName), the session (mediaType, direction, sessionId, peerId) and its segments (queueId,
 * wrapUpCode: the first segment carrying one).
 */
import type { Dims } from './compile-filter.js';

/** Genesys's default short-abandon threshold; the simulated org's own setting (SimOrg.shortAbandonMs) overrides it. */
export const SHORT_ABANDON_MS = 10_000;

export interface Observation { name: string; value: number; t: number; dims: Dims }

type Json = Record<string, unknown>;
const cache = new WeakMap<object, { shortAbandonMs: number; obs: Observation[] }>();

/** `shortAbandonMs`: the org's threshold, below which a tAbandon also counts as tShortAbandon. */
export function observationsOf(conversation: Json, shortAbandonMs = SHORT_ABANDON_MS): Observation[] {
  let hit = cache.get(conversation);
  if (!hit || hit.shortAbandonMs !== shortAbandonMs) {
    hit = { shortAbandonMs, obs: extract(conversation, shortAbandonMs) };
    cache.set(conversation, hit);
  }
  return hit.obs;
}

const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const arr = (x: unknown): Json[] => (Array.isArray(x) ? (x as Json[]) : []);

function extract(c: Json, shortAbandonMs: number): Observation[] {
  const out: Observation[] = [];
  const conversationId = str(c.conversationId);
  const divisionId = str(arr(c.divisionIds)[0]);
  const originatingDirection = str(c.originatingDirection);
  for (const p of arr(c.participants)) {
    const userId = str(p.userId);
    const purpose = str(p.purpose);
    const participantName = str(p.participantName);
    for (const s of arr(p.sessions)) {
      const segments = arr(s.segments);
      const dims: Dims = {
        conversationId, divisionId, originatingDirection, userId, purpose, participantName,
        mediaType: str(s.mediaType), direction: str(s.direction), sessionId: str(s.sessionId), peerId: str(s.peerId),
        queueId: firstOf(segments, 'queueId'), wrapUpCode: firstOf(segments, 'wrapUpCode'),
      };
      for (const m of arr(s.metrics)) {
        const name = str(m.name);
        const value = m.value;
        const t = Date.parse(str(m.emitDate) ?? '');
        if (name === undefined || typeof value !== 'number' || Number.isNaN(t)) continue;
        out.push({ name, value, t, dims });
        if (name === 'tAbandon' && value < shortAbandonMs) out.push({ name: 'tShortAbandon', value, t, dims });
      }
    }
  }
  return out;
}

function firstOf(segments: Json[], key: string): string | undefined {
  for (const seg of segments) {
    const v = str(seg[key]);
    if (v !== undefined) return v;
  }
  return undefined;
}
