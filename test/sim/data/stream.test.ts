import { describe, expect, it } from 'vitest';
import { createOrg, generateDay, iterateConversations, writeConversationsNdjson } from '../../../src/sim/data/index.js';

const DAY = 86_400_000;
const D = Date.UTC(2026, 10, 18);
const org = createOrg({ seed: 5, agents: 12, queues: 3 });

describe('iterateConversations', () => {
  it('yields, day by day, exactly the conversations starting in [start, end)', () => {
    const start = D + 6 * 3_600_000;
    const end = D + DAY + 3 * 3_600_000;
    const expected = [...generateDay(org, D).conversations, ...generateDay(org, D + DAY).conversations]
      .filter((c) => Date.parse(c.conversationStart) >= start && Date.parse(c.conversationStart) < end)
      .map((c) => c.conversationId);
    const got = [...iterateConversations(org, start, end)].map((c) => c.conversationId);
    expect(got.length).toBeGreaterThan(100);
    expect(got).toEqual(expected);
  });

  it('is lazy: the first conversation comes before later days are generated', () => {
    const it30 = iterateConversations(org, D, D + 30 * DAY);
    expect(it30.next().value?.conversationId).toBe(generateDay(org, D).conversations[0]?.conversationId);
  });
});

describe('writeConversationsNdjson', () => {
  it('writes one JSON conversation per line, in order, awaiting each chunk', async () => {
    const chunks: string[] = [];
    let pending = 0;
    const stats = await writeConversationsNdjson(org, D, D + 2 * DAY, async (chunk) => {
      expect(pending).toBe(0); // the previous write was awaited before this one started
      pending++;
      await new Promise((r) => setTimeout(r, 1));
      chunks.push(chunk);
      pending--;
    });
    const text = chunks.join('');
    const lines = text.split('\n');
    expect(lines.pop()).toBe('');
    expect(stats.conversations).toBe(lines.length);
    expect(stats.bytes).toBe(Buffer.byteLength(text));
    expect(lines.map((l) => (JSON.parse(l) as { conversationId: string }).conversationId))
      .toEqual([...iterateConversations(org, D, D + 2 * DAY)].map((c) => c.conversationId));
    // Lines are batched: far fewer writes than conversations.
    expect(chunks.length).toBeLessThan(stats.conversations / 10);
    for (const c of chunks) expect(c.endsWith('\n')).toBe(true);
  });
});
