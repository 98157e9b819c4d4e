/**
 * A complete generated record as the real API shows it at the moment `atMs` while the conversation is in progress:
 * no conversationEnd; only the segments that have started (the open one without segmentEnd, disconnectType or
 * wrap-up code); only the metrics emitted before atMs; participants that have not joined yet left out. Everything is
 * half-open at atMs, like an aggregates interval ending at atMs.
 */
import type { ServedConversation, SimConversation } from './types.js';

type Json = Record<string, unknown>;
const arr = (x: unknown): Json[] => (Array.isArray(x) ? (x as Json[]) : []);
const before = (iso: unknown, atMs: number): boolean => typeof iso === 'string' && Date.parse(iso) < atMs;

export function truncateAt(c: SimConversation, atMs: number): ServedConversation {
  const { conversationEnd: _end, participants, ...rest } = c;
  const kept: Json[] = [];
  for (const p of arr(participants)) {
    const sessions: Json[] = [];
    for (const s of arr(p.sessions)) {
      const segments = arr(s.segments).filter((seg) => before(seg.segmentStart, atMs)).map((seg) => {
        if (before(seg.segmentEnd, atMs)) return seg;
        const { segmentEnd: _e, disconnectType: _d, wrapUpCode: _w, ...open } = seg;
        return open;
      });
      if (segments.length === 0) continue;
      sessions.push({ ...s, segments, metrics: arr(s.metrics).filter((m) => before(m.emitDate, atMs)) });
    }
    if (sessions.length > 0) kept.push({ ...p, sessions });
  }
  return { ...rest, participants: kept } as ServedConversation;
}
