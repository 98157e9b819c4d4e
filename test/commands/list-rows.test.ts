import { describe, expect, it } from 'vitest';
import { agentListTable, groupListTable, queueListTable } from '../../src/commands/list-rows.js';

describe('list queues rows', () => {
  it('one row per configured media type, voice for call; goals in seconds and percent; empty where none', () => {
    const table = queueListTable([
      {
        id: 'q2',
        name: 'Support',
        memberCount: 12,
        mediaSettings: {
          call: { serviceLevel: { percentage: 0.8, durationMs: 30_000 } },
          email: { serviceLevel: { percentage: 0.9, durationMs: 86_400_000 } },
          message: { alertingTimeoutSeconds: 30 } as never,
        },
      },
      { id: 'q1', name: 'Billing' },
    ]);
    expect(table.columns).toEqual(['queue_id', 'queue_name', 'media_type', 'threshold_s', 'target_pct', 'members']);
    expect([...table.rows]).toEqual([
      { queue_id: 'q1', queue_name: 'Billing', media_type: null, threshold_s: null, target_pct: null, members: null },
      { queue_id: 'q2', queue_name: 'Support', media_type: 'email', threshold_s: 86_400, target_pct: 90, members: 12 },
      { queue_id: 'q2', queue_name: 'Support', media_type: 'message', threshold_s: null, target_pct: null, members: 12 },
      { queue_id: 'q2', queue_name: 'Support', media_type: 'voice', threshold_s: 30, target_pct: 80, members: 12 },
    ]);
  });
});

describe('list agents rows', () => {
  const users = [
    { id: 'u2', name: 'Zoe Kim', email: 'zoe.kim@example.com', state: 'active' },
    { id: 'u1', name: 'Ann Lee', email: 'ann.lee@example.com', state: 'inactive' },
  ];

  it('sorted by name, with email and state', () => {
    expect([...agentListTable(users).rows]).toEqual([
      { agent_id: 'u1', agent_name: 'Ann Lee', email: 'ann.lee@example.com', state: 'inactive' },
      { agent_id: 'u2', agent_name: 'Zoe Kim', email: 'zoe.kim@example.com', state: 'active' },
    ]);
  });

  it('narrowed to members, keeping a member the listing lacks', () => {
    const members = new Map([['u2', 'Zoe Kim'], ['u9', 'Gone Person']]);
    expect([...agentListTable(users, members).rows]).toEqual([
      { agent_id: 'u9', agent_name: 'Gone Person', email: null, state: null },
      { agent_id: 'u2', agent_name: 'Zoe Kim', email: 'zoe.kim@example.com', state: 'active' },
    ]);
  });
});

describe('list groups rows', () => {
  it('sorted by name with member counts', () => {
    expect([...groupListTable([{ id: 'g2', name: 'Tier 2 Agents', memberCount: 12 }, { id: 'g1', name: 'Tier 1 Agents', memberCount: 28 }]).rows]).toEqual([
      { group_id: 'g1', group_name: 'Tier 1 Agents', members: 28 },
      { group_id: 'g2', group_name: 'Tier 2 Agents', members: 12 },
    ]);
  });
});
