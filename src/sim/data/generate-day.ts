/**
 * One UTC day of the simulated org, deterministic in (org.seed, day): every agent's day is walked on its own stream,
 * the work is joined into conversations, and each conversation rendered as a details record.
 */
import { DateTime } from 'luxon';
import { QUEUE_PROFILES } from './catalog.js';
import { buildRecord } from './build-record.js';
import { createOrg } from './create-org.js';
import { isoInDay } from './iso-in-day.js';
import { longConversationsStartingOn, longWorkAnsweredOn } from './long-conversations.js';
import type { Handling, Missed } from './plan.js';
import { pairWork } from './pair-work.js';
import { planConversations } from './plan-conversations.js';
import { createRng } from './rng.js';
import { agentProfile, LocalClock, onQueueWindows } from './shifts.js';
import type { SimConversation, SimDay, SimMedia, SimOrg, StatusSpan } from './types.js';
import { walkAgent } from './walk-agent.js';

const DAY = 86_400_000;

export function generateDay(org: SimOrg, dayStartMs: number): SimDay {
  if (!Number.isSafeInteger(dayStartMs) || dayStartMs % DAY !== 0) {
    throw new RangeError(`dayStartMs must be a UTC midnight, got ${dayStartMs}`);
  }
  const { seed } = org;
  const day = dayStartMs / DAY;
  const clock = new LocalClock(org.timeZone);
  const offsetMs = DateTime.fromMillis(dayStartMs + DAY / 2, { zone: org.timeZone }).offset * 60_000;

  const profiles = org.queues.map((_, i) => QUEUE_PROFILES[i % QUEUE_PROFILES.length] as (typeof QUEUE_PROFILES)[number]);
  const mediaMix = profiles.map((p) => {
    const entries = Object.entries(p.media) as Array<[SimMedia, number]>;
    const total = entries.reduce((s, [, w]) => s + w, 0);
    return entries.map(([m, w]) => [m, w / total] as const);
  });
  const agentIndex = new Map(org.agents.map((a, i) => [a.id, i]));
  const agentQueues: number[][] = org.agents.map(() => []);
  org.queues.forEach((q, qi) => {
    for (const userId of org.queueMemberIds[q.id] ?? []) {
      const ai = agentIndex.get(userId);
      if (ai !== undefined) agentQueues[ai]?.push(qi);
    }
  });

  // Long conversations answered today: their agents' time is taken before the walk (see long-conversations.ts).
  const reservedBy = new Map<number, Array<{ alertStart: number; wrapEnd: number }>>();
  for (const it of longWorkAnsweredOn(org, dayStartMs)) {
    const list = reservedBy.get(it.agent) ?? [];
    list.push(it);
    reservedBy.set(it.agent, list);
  }

  const handlings: Handling[] = [];
  const missed: Missed[] = [];
  const spansByAgent: StatusSpan[][] = [];
  org.agents.forEach((agent, ai) => {
    const profile = agentProfile(seed, ai, org.agents.length);
    const queues = agentQueues[ai] ?? [];
    const spans: StatusSpan[] = [];
    walkAgent({
      rng: createRng(seed, 31, day, ai),
      agent: ai,
      userId: agent.id,
      dayStart: dayStartMs,
      offsetMs,
      windows: onQueueWindows(seed, ai, profile, clock, dayStartMs),
      queues,
      queueWeights: queues.map((qi) => profiles[qi]?.weight ?? 1),
      mediaMix,
      orgQueues: org.queues,
      reserved: reservedBy.get(ai),
    }, { handlings, missed, spans });
    spansByAgent.push(spans);
  });

  pairWork(createRng(seed, 32, day), handlings, missed, dayStartMs, org.queues.length);
  const plans = planConversations(createRng(seed, 33, day), handlings, missed, dayStartMs);
  const extras = org.divisionId && org.wrapUpCodes ? org : createOrg({ seed, agents: 1, queues: 1 });
  const ctx = {
    rng: createRng(seed, 34, day),
    queues: org.queues,
    agents: org.agents,
    divisionId: extras.divisionId as string,
    wrapUpCodeIds: (extras.wrapUpCodes ?? []).map((w) => w.id),
    iso: isoInDay(dayStartMs),
  };
  const keyed = plans.map((p) => ({ start: p.start, rec: buildRecord(ctx, p) }));
  for (const rec of longConversationsStartingOn(org, dayStartMs, ctx)) keyed.push({ start: Date.parse(rec.conversationStart), rec });
  keyed.sort((a, b) => a.start - b.start || (a.rec.conversationId < b.rec.conversationId ? -1 : a.rec.conversationId > b.rec.conversationId ? 1 : 0));
  const conversations: SimConversation[] = keyed.map((k) => k.rec);

  const order = org.agents.map((a, i) => [a.id, i] as const).sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  const statusSpans: StatusSpan[] = [];
  for (const [, i] of order) for (const s of spansByAgent[i] ?? []) statusSpans.push(s);
  return { dayStartMs, conversations, statusSpans };
}
