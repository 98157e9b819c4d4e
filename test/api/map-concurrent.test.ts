import { describe, expect, it } from 'vitest';
import { mapConcurrent } from '../../src/api/map-concurrent.js';

/** A task whose completion the test controls, to observe how many run at once. */
function controlled() {
  let active = 0;
  let peak = 0;
  const started: number[] = [];
  const releases = new Map<number, () => void>();
  const run = (i: number) =>
    new Promise<number>((resolve) => {
      active++;
      peak = Math.max(peak, active);
      started.push(i);
      releases.set(i, () => {
        active--;
        resolve(i * 10);
      });
    });
  const tick = () => new Promise((r) => setImmediate(r));
  return { run, started, releases, tick, peak: () => peak };
}

describe('mapConcurrent', () => {
  it('runs at most `limit` at once and returns results in input order', async () => {
    const c = controlled();
    const all = mapConcurrent([0, 1, 2, 3, 4], 2, (item) => c.run(item));
    await c.tick();
    expect(c.started).toEqual([0, 1]);
    c.releases.get(1)!();
    await c.tick();
    expect(c.started).toEqual([0, 1, 2]);
    for (const i of [0, 2, 3, 4]) {
      await c.tick();
      c.releases.get(i)!();
    }
    expect(await all).toEqual([0, 10, 20, 30, 40]);
    expect(c.peak()).toBe(2);
  });

  it('rejects with the first failure and starts no new work after it', async () => {
    const started: number[] = [];
    const err = await mapConcurrent([0, 1, 2, 3, 4, 5], 2, async (i) => {
      started.push(i);
      await new Promise((r) => setImmediate(r));
      if (i === 1) throw new Error('item 1 failed');
      return i;
    }).catch((e: Error) => e);
    expect((err as Error).message).toBe('item 1 failed');
    // 0 and 1 ran together; 0 finished first and item 2 started; after 1 failed nothing new began
    expect(started).toEqual([0, 1, 2]);
  });

  it('handles an empty list', async () => {
    expect(await mapConcurrent([], 3, async () => 1)).toEqual([]);
  });
});
