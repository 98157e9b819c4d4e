/**
 * The contact center at one moment, read from what the simulator already serves, so that it cannot disagree with it:
 * - interactions from the in-progress details records (truncate-at.ts): an acd session with an open segment is
 *   waiting in its queue since that segment started (the queue entry); an agent session's open segment says
 *   alerting (alert), interacting (interact or hold) or in wrap-up (wrapup);
 * - agents from the routing-status spans the users aggregates are computed from: the span holding the moment gives
 *   the routing status and since when. Presence: ON_QUEUE while on queue; OFF_QUEUE between two on-queue spans of the
 *   day for under 90 minutes is a break (MEAL from 25 minutes: the lunch), signed in; any other OFF_QUEUE is OFFLINE.
 */
import type { RoutingStatus, ServedConversation, StatusSpan } from './types.js';

export type InteractionState = 'waiting' | 'alerting' | 'interacting' | 'wrapup';
export type SystemPresence = 'ON_QUEUE' | 'BREAK' | 'MEAL' | 'OFFLINE';

export interface LiveInteraction {
  conversationId: string;
  sessionId: string;
  queueId: string;
  mediaType: string;
  state: InteractionState;
  /** When the current state began: the queue entry for `waiting`. */
  sinceMs: number;
  direction?: string;
  /** The agent, for alerting/interacting/wrapup. */
  userId?: string;
  /** The customer's name on the conversation. */
  participantName?: string;
}

export interface LiveAgent { userId: string; routingStatus: RoutingStatus; sinceMs: number; presence: SystemPresence }

export interface LiveState {
  atMs: number;
  interactions: LiveInteraction[];
  agents: Map<string, LiveAgent>;
}

type Json = Record<string, unknown>;
const arr = (x: unknown): Json[] => (Array.isArray(x) ? (x as Json[]) : []);
const str = (x: unknown): string | undefined => (typeof x === 'string' ? x : undefined);
const MIN = 60_000;
const STATE_OF: Record<string, InteractionState> = { alert: 'alerting', interact: 'interacting', hold: 'interacting', wrapup: 'wrapup' };

export function liveState(records: Iterable<ServedConversation>, spans: Iterable<StatusSpan>, atMs: number): LiveState {
  const interactions: LiveInteraction[] = [];
  for (const c of records) {
    if (c.conversationEnd !== undefined) continue;
    const parts = arr(c.participants);
    const customer = parts.find((p) => p.purpose === 'customer');
    for (const p of parts) {
      for (const s of arr(p.sessions)) {
        const segs = arr(s.segments);
        const open = segs[segs.length - 1];
        if (!open || open.segmentEnd !== undefined) continue;
        const queueId = str(open.queueId);
        const state = p.purpose === 'acd' ? 'waiting' : p.purpose === 'agent' ? STATE_OF[str(open.segmentType) ?? ''] : undefined;
        if (!state || !queueId) continue;
        interactions.push({
          conversationId: String(c.conversationId),
          sessionId: str(s.sessionId) ?? '',
          queueId,
          mediaType: str(s.mediaType) ?? 'voice',
          state,
          sinceMs: Date.parse(str(open.segmentStart) ?? ''),
          direction: str(s.direction),
          ...(p.purpose === 'agent' && { userId: str(p.userId) }),
          participantName: str(customer?.participantName),
        });
      }
    }
  }
  interactions.sort((a, b) => a.sinceMs - b.sinceMs || (a.conversationId < b.conversationId ? -1 : 1));

  const agents = new Map<string, LiveAgent>();
  const decide = (s: StatusSpan, before: StatusSpan | undefined, after: StatusSpan | undefined): void => {
    let presence: SystemPresence = 'ON_QUEUE';
    if (s.status === 'OFF_QUEUE') {
      const onQueue = (x: StatusSpan | undefined) => x !== undefined && x.userId === s.userId && x.status !== 'OFF_QUEUE';
      const len = s.endMs - s.startMs;
      presence = onQueue(before) && onQueue(after) && len < 90 * MIN ? (len >= 25 * MIN ? 'MEAL' : 'BREAK') : 'OFFLINE';
    }
    agents.set(s.userId, { userId: s.userId, routingStatus: s.status, sinceMs: s.startMs, presence });
  };
  // Spans come sorted by user, then time: the one holding atMs is judged with its neighbours.
  let prev: StatusSpan | undefined;
  let pending: { s: StatusSpan; before: StatusSpan | undefined } | undefined;
  for (const s of spans) {
    if (pending) {
      decide(pending.s, pending.before, s);
      pending = undefined;
    }
    if (s.startMs <= atMs && atMs < s.endMs) pending = { s, before: prev };
    prev = s;
  }
  if (pending) decide(pending.s, pending.before, undefined);
  return { atMs, interactions, agents };
}
