/**
 * Renders a conversation plan as the details record the real API returns (see
 * test/fixtures/genesys/conversation-details-record-chat-2021.json): customer, acd and agent participants, sessions with
 * segments, and session metrics with the emit dates Genesys uses (nOffered at queue entry; tAcd/tWait and
 * tAbandon/tFlowOut on leaving the queue; tAlert/tAnswered at answer; tTalk at the end of each interact segment;
 * tHeld at the end of each hold; tTalkComplete/tHeldComplete at the end of talk; tAcw/tHandle at wrap-up end;
 * tAlert/tNotResponding/nError when an alert times out).
 */
import { FIRST_NAMES, LAST_NAMES } from './catalog.js';
import { flat } from './flat-string.js';
import type { ConvPlan, Handling, Leg, Missed } from './plan.js';
import type { Rng } from './rng.js';
import { mediaKey, type SimAgent, type SimConversation, type SimQueue } from './types.js';

export interface BuildContext {
  rng: Rng;
  queues: SimQueue[];
  agents: SimAgent[];
  divisionId: string;
  wrapUpCodeIds: string[];
  /** Formats instants of the day being generated (see iso-in-day.ts). */
  iso: (ms: number) => string;
}

type Json = Record<string, unknown>;
const DEFAULT_SL_MS = 20_000;

export function buildRecord(ctx: BuildContext, plan: ConvPlan): SimConversation {
  const { rng, iso } = ctx;
  const metric = (name: string, value: number, at: number): Json => ({ name, value, emitDate: iso(at) });
  const conversationId = rng.uuid();
  const customerSessionId = rng.uuid();
  const answered = plan.legs.some((l) => l.kind === 'answered');
  const customerHungUp = !answered || rng.chance(0.6);
  const firstQueue = ctx.queues[(plan.legs[0] as Leg).queue] as SimQueue;

  const participants: Json[] = [{
    participantId: rng.uuid(),
    participantName: flat(`${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`),
    purpose: 'customer',
    sessions: [{
      mediaType: plan.media,
      sessionId: customerSessionId,
      direction: 'inbound',
      segments: [{
        segmentStart: iso(plan.start), segmentEnd: iso(plan.customerEnd), queueId: firstQueue.id,
        disconnectType: customerHungUp ? 'client' : 'peer', segmentType: 'interact', conference: false,
      }],
      metrics: [metric('nConnected', 1, plan.start)],
    }],
  }];

  for (const leg of plan.legs) {
    participants.push(acdParticipant(ctx, leg, customerSessionId));
    if (leg.kind === 'answered') {
      if (leg.handling.missed) participants.push(missedParticipant(ctx, leg.handling.missed, customerSessionId));
      participants.push(agentParticipant(ctx, leg.handling, leg.entry, customerSessionId, customerHungUp));
    } else if (leg.kind === 'abandon' && leg.missed) {
      participants.push(missedParticipant(ctx, leg.missed, customerSessionId));
    }
  }

  const rec: Json = { conversationId, conversationStart: iso(plan.start), conversationEnd: iso(plan.end) };
  if (plan.media === 'voice') {
    rec.mediaStatsMinConversationMos = Math.round(rng.uniform(3.6, 4.9) * 1e6) / 1e6;
    rec.mediaStatsMinConversationRFactor = Math.round(rng.uniform(72, 93) * 1e6) / 1e6;
  }
  rec.originatingDirection = 'inbound';
  rec.divisionIds = [ctx.divisionId];
  rec.participants = participants;
  return rec as SimConversation;
}

function acdParticipant(ctx: BuildContext, leg: Leg, peerId: string): Json {
  const { iso } = ctx;
  const metric = (name: string, value: number, at: number): Json => ({ name, value, emitDate: iso(at) });
  const queue = ctx.queues[leg.queue] as SimQueue;
  const leave = leg.kind === 'answered' ? leg.handling.answer : leg.kind === 'flowout' ? leg.flowAt : leg.abandonAt;
  const inQueue = leave - leg.entry;
  const metrics = [metric('nOffered', 1, leg.entry), metric('tAcd', inQueue, leave)];
  if (leg.kind === 'abandon') metrics.push(metric('tAbandon', inQueue, leave));
  if (leg.kind === 'flowout') metrics.push(metric('tFlowOut', inQueue, leave));
  metrics.push(metric('tWait', inQueue, leave));
  return {
    participantId: ctx.rng.uuid(),
    participantName: queue.name,
    purpose: 'acd',
    sessions: [{
      mediaType: leg.media,
      sessionId: ctx.rng.uuid(),
      direction: 'inbound',
      peerId,
      segments: [{
        segmentStart: iso(leg.entry), segmentEnd: iso(leave), queueId: queue.id,
        // The acd leg hands the customer on (answer, flow-out) or the customer, its peer, hangs up.
        disconnectType: leg.kind === 'abandon' ? 'peer' : 'transfer', segmentType: 'interact', conference: false,
      }],
      metrics,
    }],
  };
}

function agentParticipant(ctx: BuildContext, h: Handling, entry: number, peerId: string, customerHungUp: boolean): Json {
  const { iso } = ctx;
  const metric = (name: string, value: number, at: number): Json => ({ name, value, emitDate: iso(at) });
  const agent = ctx.agents[h.agent] as SimAgent;
  const queue = ctx.queues[h.queue] as SimQueue;
  const answered = h.answer - entry;
  // A media type without a service level is measured at Genesys's default 20 s.
  const target = queue.mediaSettings[mediaKey(h.media) ?? 'call'].serviceLevel?.durationMs ?? DEFAULT_SL_MS;
  const segments: Json[] = [{ segmentStart: iso(h.alertStart), segmentEnd: iso(h.answer), queueId: queue.id, segmentType: 'alert', conference: false }];
  const metrics: Json[] = [metric('tAlert', h.answer - h.alertStart, h.answer), metric('tAnswered', answered, h.answer)];
  // nOverSla sits beside tAnswered so that SL numerators group like answers do.
  if (answered > target) metrics.push(metric('nOverSla', 1, h.answer));
  let t = h.answer;
  let talk = 0;
  let held = 0;
  h.parts.forEach((p, i) => {
    const isTalk = i % 2 === 0;
    const seg: Json = { segmentStart: iso(t), segmentEnd: iso(t + p), queueId: queue.id, segmentType: isTalk ? 'interact' : 'hold', conference: false };
    if (i === h.parts.length - 1) seg.disconnectType = h.next ? 'transfer' : customerHungUp ? 'peer' : 'client';
    segments.push(seg);
    t += p;
    if (isTalk) talk += p;
    else held += p;
    metrics.push(metric(isTalk ? 'tTalk' : 'tHeld', p, t));
  });
  metrics.push(metric('tTalkComplete', talk, h.talkEnd));
  if (held > 0) metrics.push(metric('tHeldComplete', held, h.talkEnd));
  if (h.next) metrics.push(metric('nTransferred', 1, h.talkEnd));
  const acw = h.wrapEnd - h.talkEnd;
  segments.push({
    segmentStart: iso(h.talkEnd), segmentEnd: iso(h.wrapEnd), queueId: queue.id, segmentType: 'wrapup',
    wrapUpCode: ctx.rng.pick(ctx.wrapUpCodeIds), conference: false,
  });
  metrics.push(metric('tAcw', acw, h.wrapEnd), metric('tHandle', talk + held + acw, h.wrapEnd));
  return {
    participantId: ctx.rng.uuid(),
    participantName: agent.name,
    userId: agent.id,
    purpose: 'agent',
    sessions: [{ mediaType: h.media, sessionId: ctx.rng.uuid(), direction: 'inbound', peerId, segments, metrics }],
  };
}

function missedParticipant(ctx: BuildContext, m: Missed, peerId: string): Json {
  const { iso } = ctx;
  const metric = (name: string, value: number, at: number): Json => ({ name, value, emitDate: iso(at) });
  const agent = ctx.agents[m.agent] as SimAgent;
  const queue = ctx.queues[m.queue] as SimQueue;
  const alerted = m.alertEnd - m.alertStart;
  return {
    participantId: ctx.rng.uuid(),
    participantName: agent.name,
    userId: agent.id,
    purpose: 'agent',
    sessions: [{
      mediaType: m.media,
      sessionId: ctx.rng.uuid(),
      direction: 'inbound',
      peerId,
      segments: [{
        segmentStart: iso(m.alertStart), segmentEnd: iso(m.alertEnd), queueId: queue.id,
        disconnectType: 'noAnswerTransfer', segmentType: 'alert', conference: false,
      }],
      metrics: [metric('tAlert', alerted, m.alertEnd), metric('tNotResponding', alerted, m.alertEnd), metric('nError', 1, m.alertEnd)],
    }],
  };
}
