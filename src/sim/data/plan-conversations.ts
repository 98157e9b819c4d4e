/**
 * Turns paired work into conversation plans: each chain of handlings (head → transfers) is one conversation; each
 * answered head also spawns, with small probabilities, an abandoned or flowed-out call in the same queue near the same
 * time (so queue outcomes track traffic); alerts nobody picked up afterwards become abandons.
 */
import { abandonAfter } from './durations.js';
import type { ConvPlan, Handling, Leg, Missed } from './plan.js';
import type { Rng } from './rng.js';
import type { SimMedia } from './types.js';

const S = 1000;
const DAY = 86_400_000;
const P_ABANDON: Record<SimMedia, number> = { voice: 0.06, chat: 0.04, message: 0.03, email: 0.01 };
const P_FLOW_OUT: Record<SimMedia, number> = { voice: 0.012, chat: 0.008, message: 0, email: 0 };

export function planConversations(rng: Rng, handlings: Handling[], missed: Missed[], dayStart: number): ConvPlan[] {
  const dayEnd = dayStart + DAY;
  const plans: ConvPlan[] = [];
  const lead = (entry: number): number => Math.max(dayStart, entry - rng.int(20, 400));

  for (const head of handlings) {
    if (head.prev) continue;
    const legs: Leg[] = [];
    if (head.flowFrom) {
      const f = head.flowFrom;
      legs.push({ kind: 'flowout', queue: f.queue, media: head.media, entry: f.entry, flowAt: f.flowAt });
    }
    let end = 0;
    let last = head;
    for (let h: Handling | null = head; h; h = h.next) {
      legs.push({ kind: 'answered', queue: h.queue, media: h.media, entry: h.entry, handling: h });
      end = Math.max(end, h.wrapEnd);
      last = h;
    }
    const first = legs[0] as Leg;
    plans.push({ media: head.media, start: lead(first.entry), customerEnd: last.talkEnd, end, legs });

    // Companion calls in the same queue around the same time.
    const media = head.media;
    if (rng.chance(P_ABANDON[media])) {
      const entry = nearby(rng, head.entry, dayStart);
      const abandonAt = entry + abandonAfter(rng, media);
      if (abandonAt < dayEnd) {
        plans.push({ media, start: lead(entry), customerEnd: abandonAt, end: abandonAt, legs: [{ kind: 'abandon', queue: head.queue, media, entry, abandonAt, missed: null }] });
      }
    }
    if (rng.chance(P_FLOW_OUT[media])) {
      const entry = nearby(rng, head.entry, dayStart);
      const flowAt = entry + Math.round(rng.uniform(60, 300) * S);
      const customerEnd = flowAt + Math.round(rng.uniform(10, 60) * S);
      if (customerEnd < dayEnd) {
        plans.push({ media, start: lead(entry), customerEnd, end: customerEnd, legs: [{ kind: 'flowout', queue: head.queue, media, entry, flowAt }] });
      }
    }
  }

  for (const m of missed) {
    if (m.answeredBy) continue;
    const entry = Math.max(dayStart + 500, m.alertStart - rng.int(300, 3000));
    // The walk leaves a minute after the alert, so this ends inside the day.
    const abandonAt = m.alertEnd + rng.int(1 * S, 40 * S);
    plans.push({ media: m.media, start: lead(entry), customerEnd: abandonAt, end: abandonAt, legs: [{ kind: 'abandon', queue: m.queue, media: m.media, entry, abandonAt, missed: m }] });
  }
  return plans;
}

/** An entry time within ten minutes of `t`, inside the day. */
function nearby(rng: Rng, t: number, dayStart: number): number {
  return Math.max(dayStart + 500, t + Math.round(rng.uniform(-600, 600) * S));
}
