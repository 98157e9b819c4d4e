/** The generator's intermediate plan: agent-side work items before they are joined into conversations. */
import type { SimMedia } from './types.js';

/** An ACD interaction an agent answered: alert [alertStart, answer), talk/hold parts, wrap-up until wrapEnd. */
export interface Handling {
  agent: number;
  queue: number;
  media: SimMedia;
  alertStart: number;
  answer: number;
  /** Alternating interact/hold durations, starting and ending with interact. */
  parts: number[];
  /** Customer disconnect, or the moment the agent transferred the customer away. */
  talkEnd: number;
  wrapEnd: number;
  /** Queue index the agent wants to transfer to at talkEnd, or -1. Cleared when no one there picks it up. */
  transferTo: number;
  /** When the customer entered this handling's queue (set by pairing). */
  entry: number;
  /** Taken as the continuation of another conversation (a transfer, a missed alert, or a flow-in). */
  claimed: boolean;
  prev: Handling | null;
  next: Handling | null;
  /** The customer first waited in another queue and flowed out of it into this one. */
  flowFrom: { queue: number; entry: number; flowAt: number } | null;
  /** Another agent was alerted first and did not answer. */
  missed: Missed | null;
}

/** An alert an agent let time out (NOT_RESPONDING follows). */
export interface Missed {
  agent: number;
  queue: number;
  media: SimMedia;
  alertStart: number;
  alertEnd: number;
  answeredBy: Handling | null;
}

/** One visit of the customer to a queue, and how it ended. */
export type Leg =
  | { kind: 'answered'; queue: number; media: SimMedia; entry: number; handling: Handling }
  | { kind: 'flowout'; queue: number; media: SimMedia; entry: number; flowAt: number }
  | { kind: 'abandon'; queue: number; media: SimMedia; entry: number; abandonAt: number; missed: Missed | null };

/** A whole conversation: the customer's span and the queue visits in order. */
export interface ConvPlan {
  media: SimMedia;
  start: number;
  customerEnd: number;
  end: number;
  legs: Leg[];
}
