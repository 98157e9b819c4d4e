import { describe, expect, it } from 'vitest';
import { MalformedRecordError } from '../../src/records/malformed-record-error.js';
import type { MetricObservation } from '../../src/records/metric-observation.js';
import { walkRecord } from '../../src/records/walk-record.js';
import { Skipped } from '../../src/skipped.js';

const walk = (record: unknown, wanted = new Set(['tAnswered', 'tHandle']), skipped?: Skipped) => {
  const out: MetricObservation[] = [];
  walkRecord(record, wanted, (o) => out.push(o), skipped);
  return out;
};

describe('walkRecord', () => {
  it('gives each wanted metric with its session and participant fields, defaults where they are absent', () => {
    const record = {
      conversationId: 'c1',
      participants: [
        { purpose: 'acd', participantName: 'Sales', sessions: [{ segments: [{}, { queueId: 'q1' }, { queueId: 'q2' }], metrics: [{ name: 'tAnswered', value: 12000, emitDate: '2026-11-20T09:00:12.000Z' }] }] },
        { userId: 'u1', purpose: 'agent', sessions: [{ mediaType: 'voice', metrics: [{ name: 'tHandle', value: 300000, emitDate: '2026-11-20T09:05:12.000Z' }, { name: 'tTalk', value: 1, emitDate: '2026-11-20T09:05:12.000Z' }] }] },
      ],
    };
    expect(walk(record)).toEqual([
      // mediaType absent: 'unknown'; queueId: the first segment that has one; userId absent: ''
      { name: 'tAnswered', value: 12000, emitMs: Date.UTC(2026, 10, 20, 9, 0, 12), mediaType: 'unknown', queueId: 'q1', userId: '', purpose: 'acd', participantName: 'Sales' },
      { name: 'tHandle', value: 300000, emitMs: Date.UTC(2026, 10, 20, 9, 5, 12), mediaType: 'voice', queueId: '', userId: 'u1', purpose: 'agent', participantName: '' },
    ]);
  });

  it('skips and counts a wanted metric without a value or an emitDate', () => {
    const skipped = new Skipped();
    const record = { conversationId: 'c1', participants: [{ sessions: [{ metrics: [{ name: 'tHandle', value: null, emitDate: '2026-11-20T09:00:00.000Z' }, { name: 'tHandle', value: 5 }] }] }] };
    expect(walk(record, undefined, skipped)).toEqual([]);
    expect([skipped.count('metricValue'), skipped.count('metricEmitDate')]).toEqual([1, 1]);
  });

  it.each([
    [{ participants: [] }, 'not a conversation record (no conversationId)'],
    [{ conversationId: 'c', participants: {} }, 'conversation.participants is not an array'],
    [{ conversationId: 'c', participants: [{ sessions: [{ metrics: [{ name: 'tHandle', value: '5', emitDate: 'x' }] }] }] }, 'metric tHandle has a value that is not a number'],
    [{ conversationId: 'c', participants: [{ sessions: [{ metrics: [{ name: 'tHandle', value: 5, emitDate: 5 }] }] }] }, 'metric tHandle has an emitDate that is not a string'],
    [{ conversationId: 'c', participants: [{ sessions: [{ metrics: [{ name: 'tHandle', value: 5, emitDate: 'soon' }] }] }] }, 'metric tHandle has a bad emitDate "soon"'],
  ])('throws MalformedRecordError on %j', (record, message) => {
    expect(() => walk(record)).toThrow(new MalformedRecordError(message));
  });
});
