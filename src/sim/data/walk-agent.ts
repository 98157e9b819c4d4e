/**
 * One agent's UTC day, walked forward in time: on-queue windows are filled with idle gaps and work (ACD interactions,
 * an occasional non-ACD call, an occasional alert left unanswered); the rest is OFF_QUEUE. The walk yields the status
 * spans (tiling the day) and the work items. Nothing is taken that would not finish, wrap-up included, before the day
 * ends; work may run past a break's start, which then starts late.
 */
import { handlingShape, idleMeanMs } from './durations.js';
import type { Handling, Missed } from './plan.js';
import { weightedIndex, type Rng } from './rng.js';
import type { Window } from './shifts.js';
import { mediaKey, type RoutingStatus, type SimMedia, type SimQueue, type StatusSpan } from './types.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const S = 1000;

export interface AgentDayInput {
  rng: Rng;
  agent: number;
  userId: string;
  dayStart: number;
  /** Zone offset used to find the local hour (traffic intensity); one value per day is precise enough. */
  offsetMs: number;
  windows: Window[];
  /** Queue indexes the agent serves, their relative weights, and each queue's media mix. */
  queues: number[];
  queueWeights: number[];
  mediaMix: ReadonlyArray<ReadonlyArray<readonly [SimMedia, number]>>;
  orgQueues: SimQueue[];
  /**
   * Work fixed in advance (long conversations answered today), sorted and disjoint, each inside an on-queue window:
   * the agent is free when it starts, and is INTERACTING for it.
   */
  reserved?: ReadonlyArray<{ alertStart: number; wrapEnd: number }>;
}

export interface AgentDayOutput { handlings: Handling[]; missed: Missed[]; spans: StatusSpan[] }

const P_COMMUNICATING = 0.015;
const P_MISSED = 0.012;
const P_TRANSFER = 0.04;

export function walkAgent(inp: AgentDayInput, out: AgentDayOutput): void {
  const { rng, dayStart } = inp;
  const dayEnd = dayStart + DAY;
  const spans = new SpanWriter(inp.userId, out.spans);
  const reserved = inp.reserved ?? [];
  let ri = 0;
  let cursor = dayStart;
  for (const w of inp.windows) {
    if (cursor < w.s) {
      spans.push('OFF_QUEUE', cursor, w.s);
      cursor = w.s;
    }
    let t = cursor;
    // Idle until the reserved work starts, then do it: whatever was drawn that would overlap it is dropped.
    const doReserved = (): void => {
      const res = reserved[ri++]!;
      spans.push('IDLE', t, res.alertStart);
      spans.push('INTERACTING', res.alertStart, res.wrapEnd);
      t = res.wrapEnd;
    };
    const clashes = (end: number): boolean => ri < reserved.length && end > reserved[ri]!.alertStart;
    while (t < w.e) {
      const hour = Math.floor((((t + inp.offsetMs) % DAY) + DAY) % DAY / HOUR);
      const t0 = Math.max(t + Math.round(rng.exp(idleMeanMs(hour))), dayStart + 2 * S);
      if (clashes(t0)) {
        doReserved();
        continue;
      }
      if (t0 >= w.e) break;
      spans.push('IDLE', t, t0);
      t = t0;
      const r = rng.float();
      if (r < P_COMMUNICATING) {
        const end = t0 + Math.round(rng.uniform(60, 480) * S);
        if (clashes(end)) {
          doReserved();
          continue;
        }
        if (end >= dayEnd) break;
        spans.push('COMMUNICATING', t0, end);
        t = end;
        continue;
      }
      if (inp.queues.length === 0) continue;
      const q = inp.queues[weightedIndex(rng, inp.queueWeights)] as number;
      const media = pickMedia(rng, inp.mediaMix[q] ?? []);
      const settings = (inp.orgQueues[q] as SimQueue).mediaSettings[mediaKey(media) ?? 'call'];
      if (r < P_COMMUNICATING + P_MISSED && media !== 'email') {
        const alertEnd = t0 + settings.alertingTimeoutSeconds * S;
        const back = alertEnd + Math.round(rng.uniform(15, 120) * S);
        if (clashes(back)) {
          doReserved();
          continue;
        }
        if (back + 60 * S >= dayEnd) break;
        spans.push('INTERACTING', t0, alertEnd);
        spans.push('NOT_RESPONDING', alertEnd, back);
        out.missed.push({ agent: inp.agent, queue: q, media, alertStart: t0, alertEnd, answeredBy: null });
        t = back;
        continue;
      }
      const h = fitHandling(rng, inp.agent, q, media, t0, dayEnd);
      if (h ? clashes(h.wrapEnd) : ri < reserved.length && reserved[ri]!.alertStart < w.e) {
        doReserved();
        continue;
      }
      if (!h) break;
      if (inp.queues.length > 1 && media !== 'email' && rng.chance(P_TRANSFER)) {
        const others = inp.orgQueues.length;
        const to = (q + 1 + Math.floor(rng.float() * (others - 1))) % others;
        h.transferTo = to;
      }
      spans.push('INTERACTING', t0, h.wrapEnd);
      out.handlings.push(h);
      t = h.wrapEnd;
    }
    if (t < w.e) {
      spans.push('IDLE', t, w.e);
      t = w.e;
    }
    cursor = t;
  }
  if (cursor < dayEnd) spans.push('OFF_QUEUE', cursor, dayEnd);
}

/** A handling that ends before midnight, trying a few draws (short calls still fit late in the day). */
function fitHandling(rng: Rng, agent: number, queue: number, media: SimMedia, t0: number, dayEnd: number): Handling | null {
  for (let tries = 0; tries < 3; tries++) {
    const shape = handlingShape(rng, media);
    let talk = 0;
    for (const p of shape.parts) talk += p;
    const answer = t0 + shape.alert;
    const talkEnd = answer + talk;
    const wrapEnd = talkEnd + shape.acw;
    if (wrapEnd < dayEnd) {
      return {
        agent, queue, media, alertStart: t0, answer, parts: shape.parts, talkEnd, wrapEnd, transferTo: -1, entry: 0,
        claimed: false, prev: null, next: null, flowFrom: null, missed: null,
      };
    }
  }
  return null;
}


function pickMedia(rng: Rng, mix: ReadonlyArray<readonly [SimMedia, number]>): SimMedia {
  let x = rng.float();
  for (const [m, p] of mix) {
    x -= p;
    if (x < 0) return m;
  }
  return mix[mix.length - 1]?.[0] ?? 'voice';
}

/** Appends spans, merging a span into the previous one when the status repeats. */
class SpanWriter {
  constructor(private readonly userId: string, private readonly out: StatusSpan[]) {}
  private last: StatusSpan | undefined;
  push(status: RoutingStatus, startMs: number, endMs: number): void {
    if (endMs <= startMs) return;
    if (this.last && this.last.status === status && this.last.endMs === startMs) {
      this.last.endMs = endMs;
      return;
    }
    this.last = { userId: this.userId, status, startMs, endMs };
    this.out.push(this.last);
  }
}
