/** The simulated org and its traffic, as fixed by notes/sim-contract.md. */

export interface SimAgent { id: string; name: string; email: string }
export type SimMedia = 'voice' | 'chat' | 'email' | 'message';
export type QueueMediaKey = 'call' | 'callback' | 'chat' | 'email' | 'message';
export interface QueueMediaSetting {
  alertingTimeoutSeconds: number;
  /** Optional, as in the real MediaSettings model: a media type without one has no goal of its own. */
  serviceLevel?: { percentage: number; durationMs: number };
}
export interface SimQueue {
  id: string;
  name: string;
  // keys as the real API: call (voice), chat, email, message, callback
  mediaSettings: Record<QueueMediaKey, QueueMediaSetting>;
}
export interface SimGroup { id: string; name: string; memberIds: string[] }
export interface SimWrapUpCode { id: string; name: string }
export interface SimOrg {
  seed: number;
  /** Zone that shapes the day (shifts, peaks). */
  timeZone: string;
  agents: SimAgent[];
  queues: SimQueue[];
  groups: SimGroup[];
  /** queueId -> userIds of the members joined to the queue (the ones routing offers its interactions to) */
  queueMemberIds: Record<string, string[]>;
  /** queueId -> userIds of further members that are not joined (`joined: false`): listed, never routed to. */
  queueUnjoinedIds?: Record<string, string[]>;
  /**
   * The org's short-abandon threshold in ms (Admin > Contact Center > Service Level Calculation, "abandon intervals"):
   * tShortAbandon is a tAbandon below it. Default 10 s.
   */
  shortAbandonMs?: number;
  /** Beyond the contract: the one division every conversation belongs to, and the wrap-up codes used. */
  divisionId?: string;
  wrapUpCodes?: SimWrapUpCode[];
}

export type RoutingStatus = 'OFF_QUEUE' | 'IDLE' | 'INTERACTING' | 'COMMUNICATING' | 'NOT_RESPONDING';
export interface StatusSpan { userId: string; status: RoutingStatus; startMs: number; endMs: number }

/** JSON-ready details record exactly as the real API returns it (AnalyticsConversation). */
export type SimConversation = Record<string, unknown> & {
  conversationId: string;
  conversationStart: string;
  conversationEnd: string;
};

/** A details record as served at some moment: one still in progress has no conversationEnd (see truncate-at.ts). */
export type ServedConversation = Record<string, unknown> & {
  conversationId: string;
  conversationStart: string;
  conversationEnd?: string;
};

export interface SimDay {
  /** A UTC midnight. */
  dayStartMs: number;
  /** All that START in [dayStartMs, dayStartMs+24h), sorted by (conversationStart, conversationId). */
  conversations: SimConversation[];
  /** Every agent's routing-status spans inside that UTC day (tiling the day), sorted by user then time. */
  statusSpans: StatusSpan[];
}

/** Genesys's default short-abandon threshold when the org sets none. */
export const DEFAULT_SHORT_ABANDON_MS = 10_000;

export const shortAbandonMsOf = (org: Pick<SimOrg, 'shortAbandonMs'>): number => org.shortAbandonMs ?? DEFAULT_SHORT_ABANDON_MS;

/** The settings key of a media type (`voice` is `call` in queue mediaSettings). */
export function mediaKey(media: string): QueueMediaKey | undefined {
  switch (media) {
    case 'voice': return 'call';
    case 'chat': case 'email': case 'message': case 'callback': return media;
    default: return undefined;
  }
}
