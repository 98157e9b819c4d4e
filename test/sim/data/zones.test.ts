import { LONG_LIFETIME_DAYS } from '../../../src/sim/data/long-conversations.js';
import { describe, expect, it } from 'vitest';
import { createOrg, generateDay } from '../../../src/sim/data/index.js';

const DAY = 86_400_000;

// DST changes and odd offsets move shifts on the UTC axis; each UTC day must still be tiled and self-contained.
describe('generateDay across zones and DST changes', () => {
  it.each([
    ['America/New_York', Date.UTC(2026, 2, 8)],
    ['America/New_York', Date.UTC(2026, 10, 1)],
    ['Europe/London', Date.UTC(2026, 9, 25)],
    ['Asia/Kathmandu', Date.UTC(2026, 5, 1)],
    ['Pacific/Chatham', Date.UTC(2026, 3, 5)],
    ['Australia/Lord_Howe', Date.UTC(2026, 3, 5)],
  ])('%s on %s', (timeZone, D) => {
    const day = generateDay(createOrg({ seed: 3, agents: 12, timeZone }), D);
    const byUser = new Map<string, Array<{ startMs: number; endMs: number }>>();
    for (const s of day.statusSpans) byUser.set(s.userId, [...(byUser.get(s.userId) ?? []), s]);
    expect(byUser.size).toBe(12);
    for (const spans of byUser.values()) {
      expect(spans[0]!.startMs).toBe(D);
      expect(spans[spans.length - 1]!.endMs).toBe(D + DAY);
      for (let i = 1; i < spans.length; i++) expect(spans[i]!.startMs).toBe(spans[i - 1]!.endMs);
    }
    expect(day.conversations.length).toBeGreaterThan(100);
    // Every conversation starts on its day; only the multi-day emails and messages end after it, within their lifetime.
    let crossing = 0;
    for (const c of day.conversations) {
      expect(Date.parse(c.conversationStart)).toBeGreaterThanOrEqual(D);
      expect(Date.parse(c.conversationStart)).toBeLessThan(D + DAY);
      if (Date.parse(c.conversationEnd) < D + DAY) continue;
      crossing++;
      expect(Date.parse(c.conversationEnd)).toBeLessThan(D + LONG_LIFETIME_DAYS * DAY);
      const media = JSON.stringify(c).match(/"mediaType":"(\w+)"/g) ?? [];
      expect(media.every((m) => m.includes('email') || m.includes('message'))).toBe(true);
    }
    expect(crossing).toBeLessThan(day.conversations.length / 10);
  });
});
