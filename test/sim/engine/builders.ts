/** Hand-sized conversation records for engine tests: only what a test states, in the real record's shape. */
import type { SimConversation } from '../../../src/sim/data/index.js';

export const Q1 = 'q1-0000-0000-0000-000000000001';
export const Q2 = 'q2-0000-0000-0000-000000000002';
export const U1 = 'u1-0000-0000-0000-000000000001';
export const U2 = 'u2-0000-0000-0000-000000000002';

type M = { name: string; value: number; emitDate: string };
export const m = (name: string, value: number, emitDate: string): M => ({ name, value, emitDate });

interface SessionSpec { media?: string; queueId?: string; wrapUpCode?: string; metrics: M[] }

function session(s: SessionSpec, segmentType: string) {
  const seg: Record<string, unknown> = { segmentStart: '2026-11-20T00:00:00.000Z', segmentEnd: '2026-11-20T00:00:01.000Z', segmentType };
  if (s.queueId) seg.queueId = s.queueId;
  const segments: unknown[] = [seg];
  if (s.wrapUpCode) segments.push({ segmentStart: '2026-11-20T00:00:01.000Z', segmentEnd: '2026-11-20T00:00:02.000Z', segmentType: 'wrapup', queueId: s.queueId, wrapUpCode: s.wrapUpCode });
  return { mediaType: s.media ?? 'voice', sessionId: `s-${s.queueId}-${segmentType}`, direction: 'inbound', segments, metrics: s.metrics };
}

export const acd = (s: SessionSpec) => ({ participantId: 'p-acd', participantName: 'Queue', purpose: 'acd', sessions: [session(s, 'interact')] });
export const agent = (userId: string, s: SessionSpec) => ({ participantId: `p-${userId}`, participantName: 'Agent', userId, purpose: 'agent', sessions: [session(s, 'interact')] });

let n = 0;
export function conv(...participants: unknown[]): SimConversation {
  n++;
  return {
    conversationId: `c-${n}`, conversationStart: '2026-11-20T00:00:00.000Z', conversationEnd: '2026-11-20T23:00:00.000Z',
    originatingDirection: 'inbound', divisionIds: ['d-1'], participants,
  };
}
