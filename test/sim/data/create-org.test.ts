import { describe, expect, it } from 'vitest';
import { createOrg } from '../../../src/sim/data/index.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe('createOrg', () => {
  const org = createOrg({ seed: 42 });

  it('builds 40 agents with human names, 6 named queues and 2 groups by default', () => {
    expect(org.agents).toHaveLength(40);
    expect(org.queues.map((q) => q.name)).toEqual(['Sales', 'Support', 'Billing', 'Technical Support', 'Retention', 'General Enquiries']);
    expect(org.groups).toHaveLength(2);
    expect(org.timeZone).toBe('America/New_York');
    for (const a of org.agents) {
      expect(a.name).toMatch(/^[A-Z][a-z]+ [A-Z][A-Za-z']+$/);
      expect(a.email).toMatch(/^[a-z]+\.[a-z]+@gcx-sim\.example\.com$/);
    }
    const ids = [...org.agents, ...org.queues, ...org.groups].map((x) => x.id);
    for (const id of ids) expect(id).toMatch(UUID);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('gives queues per-media service-level targets as the routing API does', () => {
    const sales = org.queues[0]!;
    expect(sales.mediaSettings.call).toEqual({ alertingTimeoutSeconds: 8, serviceLevel: { percentage: 0.8, durationMs: 20_000 } });
    expect(sales.mediaSettings.chat.serviceLevel).toEqual({ percentage: 0.8, durationMs: 60_000 });
    expect(sales.mediaSettings.email.serviceLevel).toEqual({ percentage: 0.9, durationMs: 86_400_000 });
    expect(Object.keys(sales.mediaSettings).sort()).toEqual(['call', 'callback', 'chat', 'email', 'message']);
    // ServiceLevel is optional in the real MediaSettings: messaging and callbacks have none here.
    expect(sales.mediaSettings.message).toEqual({ alertingTimeoutSeconds: 30 });
    expect(sales.mediaSettings.callback).toEqual({ alertingTimeoutSeconds: 30 });
  });

  it('puts every agent in 1 to 3 queues and one group, and every queue has members', () => {
    const perAgent = new Map<string, number>();
    for (const q of org.queues) {
      const members = org.queueMemberIds[q.id]!;
      expect(members.length).toBeGreaterThan(0);
      for (const u of members) perAgent.set(u, (perAgent.get(u) ?? 0) + 1);
    }
    for (const a of org.agents) expect(perAgent.get(a.id)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...perAgent.values())).toBeLessThanOrEqual(3);
    const grouped = org.groups.flatMap((g) => g.memberIds).sort();
    expect(grouped).toEqual(org.agents.map((a) => a.id).sort());
  });

  it('is the same org for the same seed and another for another seed', () => {
    expect(JSON.stringify(createOrg({ seed: 42 }))).toBe(JSON.stringify(org));
    const other = createOrg({ seed: 43 });
    expect(other.agents[0]!.id).not.toBe(org.agents[0]!.id);
    // Queue ids come from their own stream: the org's size does not change them.
    expect(createOrg({ seed: 42, agents: 5 }).queues.map((q) => q.id)).toEqual(org.queues.map((q) => q.id));
  });

  it('scales to 1,000 agents with unique names and emails, and to more queues', () => {
    const big = createOrg({ seed: 7, agents: 1000, queues: 12 });
    expect(new Set(big.agents.map((a) => a.name)).size).toBe(1000);
    expect(new Set(big.agents.map((a) => a.email)).size).toBe(1000);
    expect(big.queues.map((q) => q.name).slice(10)).toEqual(['Sales 2', 'Support 2']);
  });

  it('rejects nonsense sizes', () => {
    expect(() => createOrg({ seed: 1, agents: 0 })).toThrow(RangeError);
    expect(() => createOrg({ seed: 1.5 })).toThrow(RangeError);
  });
});
