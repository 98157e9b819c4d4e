/** Streams conversations starting in [startMs, endMs), one UTC day generated at a time. */
import { generateDay } from './generate-day.js';
import type { SimConversation, SimOrg } from './types.js';

const DAY = 86_400_000;

export function* iterateConversations(org: SimOrg, startMs: number, endMs: number): Generator<SimConversation> {
  for (let day = Math.floor(startMs / DAY) * DAY; day < endMs; day += DAY) {
    const { conversations } = generateDay(org, day);
    for (const c of conversations) {
      const t = Date.parse(c.conversationStart);
      if (t >= startMs && t < endMs) yield c;
    }
  }
}
