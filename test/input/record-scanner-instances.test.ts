import { describe, expect, it } from 'vitest';
import { RecordScanner } from '../../src/input/record-scanner.js';

const WANTED = new Set(['tAnswered', 'tHandle']);

/** One record with one session and one metric, as an NDJSON line's bytes. */
const record = (id: string, queueId: string, userId: string, metric: string, value: number, emitDate: string) =>
  Buffer.from(
    JSON.stringify({
      conversationId: id,
      participants: [{ userId, purpose: 'agent', sessions: [{ mediaType: 'chat', segments: [{ queueId }], metrics: [{ name: metric, value, emitDate }] }] }],
    }),
  );

const A = record('a', 'queue-a', 'user-a', 'tAnswered', 4000, '2026-11-20T09:00:01.500Z');
const B = record('b', 'queue-b', 'user-b', 'tHandle', 90000, '2026-11-21T10:00:00.000Z');

const emitted = (s: RecordScanner) => {
  const out: unknown[] = [];
  s.emit((o) => out.push(o));
  return out;
};

describe('RecordScanner instances', () => {
  it("keep their own last record: emit on A after B scanned gives A's metrics", () => {
    const a = new RecordScanner(WANTED);
    const b = new RecordScanner(WANTED);
    expect(a.scan(A, 0, A.length)).toBe(A.length);
    expect(b.scan(B, 0, B.length)).toBe(B.length);
    expect(emitted(a)).toEqual([
      { name: 'tAnswered', value: 4000, emitMs: Date.UTC(2026, 10, 20, 9, 0, 1, 500), mediaType: 'chat', queueId: 'queue-a', userId: 'user-a', purpose: 'agent', participantName: '' },
    ]);
    expect(a.idText()).toBe('a');
    expect(emitted(b)).toEqual([
      { name: 'tHandle', value: 90000, emitMs: Date.UTC(2026, 10, 21, 10), mediaType: 'chat', queueId: 'queue-b', userId: 'user-b', purpose: 'agent', participantName: '' },
    ]);
  });

  it('give nothing after a scan that fell back, not the record before it', () => {
    const a = new RecordScanner(WANTED);
    expect(a.scan(A, 0, A.length)).toBe(A.length);
    const escaped = Buffer.from('{"conversationId":"c\\u0031","participants":[]}');
    expect(a.scan(escaped, 0, escaped.length)).toBeLessThan(0);
    expect(emitted(a)).toEqual([]);
  });
});
