/** Walks generated records for the data tests. */
import type { SimConversation } from '../../../src/sim/data/index.js';

export interface Metric { name: string; value: number; emitDate: string }
export interface Segment { segmentStart: string; segmentEnd: string; segmentType: string; queueId?: string; disconnectType?: string; wrapUpCode?: string }
export interface Session { sessionId: string; mediaType: string; direction: string; peerId?: string; segments: Segment[]; metrics: Metric[] }
export interface Participant { participantId: string; participantName?: string; purpose: string; userId?: string; sessions: Session[] }

export const participants = (c: SimConversation): Participant[] => c.participants as Participant[];

export function* sessionsOf(c: SimConversation): Generator<{ p: Participant; s: Session }> {
  for (const p of participants(c)) for (const s of p.sessions) yield { p, s };
}

export const ms = (iso: string): number => Date.parse(iso);
export const values = (s: Session, name: string): number[] => s.metrics.filter((m) => m.name === name).map((m) => m.value);
export const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
export const has = (c: SimConversation, name: string): boolean => [...sessionsOf(c)].some(({ s }) => s.metrics.some((m) => m.name === name));
