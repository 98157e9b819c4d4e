import { describe, expect, it } from 'vitest';
import { ObservationBatchWriter, visitRecord } from '../../src/input/observation-batch.js';
import type { MetricObservation } from '../../src/records/metric-observation.js';

const obs = (n: number, queueId: string): MetricObservation => ({
  name: n % 2 ? 'tHandle' : 'tAnswered',
  value: n * 1000,
  emitMs: Date.UTC(2026, 10, 20, 9) + n,
  mediaType: 'chat',
  queueId,
  userId: `u${n}`,
  purpose: 'agent',
  participantName: n === 2 ? 'Sales' : '',
});

describe('an observation batch', () => {
  it("gives back every record's observations field for field, in order, past its first capacity", () => {
    const w = new ObservationBatchWriter();
    const given: MetricObservation[][] = [];
    for (let r = 0; r < 3000; r++) {
      w.startRecord();
      const these = Array.from({ length: r % 8 }, (_, k) => obs(r + k, `q${r % 3}`));
      these.forEach((o) => w.add(o));
      given.push(these);
    }
    const batch = w.finish();
    expect(batch.records).toBe(3000);
    // 0+1+...+7 = 28 observations per 8 records: 10,500 in all, past the writer's first room for 8,192 (and its
    // first 1,024 records).
    expect(batch.numbers.length).toBe(2 * 10_500);
    expect(batch.fields.length).toBe(6 * 10_500);
    for (let r = 0; r < 3000; r++) {
      const back: MetricObservation[] = [];
      visitRecord(batch, r, (o) => back.push(o));
      expect(back).toEqual(given[r]);
    }
  });

  it("drops a failed record's observations and keeps its error", () => {
    const w = new ObservationBatchWriter();
    w.startRecord();
    w.add(obs(1, 'q'));
    const bad = w.startRecord();
    w.add(obs(2, 'q'));
    w.fail(bad, 7, 'metric tHandle has a negative value (-1)');
    const batch = w.finish();
    const back: MetricObservation[][] = [[], []];
    visitRecord(batch, 0, (o) => back[0]!.push(o));
    visitRecord(batch, 1, (o) => back[1]!.push(o));
    expect(back).toEqual([[obs(1, 'q')], []]);
    expect(batch.errors).toEqual([[1, 7, 'metric tHandle has a negative value (-1)']]);
  });
});
