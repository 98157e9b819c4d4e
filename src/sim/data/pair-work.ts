/**
 * Joins agents' independent days into shared conversations: an unanswered alert is answered shortly after by another
 * agent of the same queue (or the customer abandons), a transfer to a queue is picked up by an agent of that queue
 * (or becomes a plain hang-up), and some answered interactions arrive by flowing out of another queue. Then every
 * handling gets its queue-entry time: answer time minus a realistic wait, never before the day starts.
 */
import { queueWaitBeforeAlert } from './durations.js';
import type { Handling, Missed } from './plan.js';
import type { Rng } from './rng.js';

const S = 1000;
const P_FLOW_IN = 0.012;

export function pairWork(rng: Rng, handlings: Handling[], missed: Missed[], dayStart: number, nQueues: number): void {
  const byQueue: Handling[][] = Array.from({ length: nQueues }, () => []);
  for (const h of handlings) byQueue[h.queue]?.push(h);
  for (const list of byQueue) list.sort((a, b) => a.alertStart - b.alertStart || a.agent - b.agent);

  for (const m of missed) {
    const h = findFree(byQueue[m.queue] ?? [], m.alertEnd + 300, m.alertEnd + 60 * S, m.media, m.agent);
    if (!h) continue;
    h.claimed = true;
    h.missed = m;
    m.answeredBy = h;
  }

  for (const h of handlings) {
    if (h.transferTo < 0) continue;
    const next = findFree(byQueue[h.transferTo] ?? [], h.talkEnd + 2 * S, h.talkEnd + 240 * S, h.media, h.agent);
    if (!next) {
      h.transferTo = -1;
      continue;
    }
    next.claimed = true;
    next.prev = h;
    h.next = next;
  }

  for (const h of handlings) {
    if (h.prev) {
      h.entry = h.prev.talkEnd + rng.int(50, 400);
      continue;
    }
    if (!h.claimed && nQueues > 1 && (h.media === 'voice' || h.media === 'chat') && rng.chance(P_FLOW_IN)) {
      const flowAt = h.alertStart - Math.min(queueWaitBeforeAlert(rng, h.media), 40 * S) - 100;
      const entry = flowAt - Math.round(rng.uniform(30, 240) * S);
      if (entry >= dayStart + S) {
        const from = (h.queue + 1 + Math.floor(rng.float() * (nQueues - 1))) % nQueues;
        h.flowFrom = { queue: from, entry, flowAt };
        h.entry = flowAt + 100;
        continue;
      }
    }
    let entry = h.alertStart - queueWaitBeforeAlert(rng, h.media);
    if (h.missed) entry = Math.min(entry, h.missed.alertStart - rng.int(200, 2000));
    h.entry = Math.min(h.alertStart, Math.max(entry, dayStart + 500));
  }
}

/** First unclaimed handling in [lo, hi] by alert start, same media, another agent. `list` is sorted by alertStart. */
function findFree(list: Handling[], lo: number, hi: number, media: string, notAgent: number): Handling | null {
  let a = 0;
  let b = list.length;
  while (a < b) {
    const mid = (a + b) >> 1;
    if ((list[mid] as Handling).alertStart < lo) a = mid + 1;
    else b = mid;
  }
  for (let i = a; i < list.length; i++) {
    const h = list[i] as Handling;
    if (h.alertStart > hi) break;
    if (!h.claimed && h.media === media && h.agent !== notAgent) return h;
  }
  return null;
}
