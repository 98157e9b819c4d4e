import { describe, expect, it } from 'vitest';
import { watchLoop, type WatchTick } from '../../src/commands/watch-loop.js';
import { NOW_COLUMNS, type NowRow } from '../../src/metrics/now.js';
import { nowCells } from '../../src/output/report-cells.js';
import { appendChunk } from '../../src/output/watch-append.js';
import { nowRow } from '../output/now-rows.js';

const T0 = Date.UTC(2026, 10, 20, 15, 30, 0);
const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', '+00:00');

/** A fake clock whose sleep jumps time; each refresh takes 1.5 s of it; the test aborts after `stopAfter` writes. */
function harness(stopAfter: number, format: 'csv' | 'ndjson') {
  let now = T0;
  const sleeps: number[] = [];
  const ticks: WatchTick[] = [];
  let out = '';
  const controller = new AbortController();
  const run = watchLoop<NowRow[]>({
    clock: { now: () => now },
    everyMs: 30_000,
    signal: controller.signal,
    async refresh({ index, atMs }) {
      now += 1_500;
      return [nowRow({ observed_at: atMs, waiting: index + 2, queue_name: 'Billing, "East"' })];
    },
    render(rows, tick) {
      ticks.push(tick);
      return appendChunk(format, { columns: NOW_COLUMNS, rows: rows.map((r) => nowCells(r, iso)) }, tick.index);
    },
    write(text) {
      out += text;
      if (ticks.length === stopAfter) controller.abort();
    },
    async sleep(ms, signal) {
      if (signal.aborted) throw signal.reason;
      sleeps.push(ms);
      now += ms;
    },
  });
  return { run, sleeps, ticks, output: () => out };
}

describe('watchLoop', () => {
  it('two refreshes appended as one CSV: header once, rows in order, no real waiting', async () => {
    const h = harness(2, 'csv');
    expect(await h.run).toBe(2);
    expect(h.output()).toBe(
      'observed_at,queue_id,queue_name,media_type,waiting,longest_wait_s,alerting,interacting,on_queue_agents,idle_agents,not_responding_agents,off_queue_agents,offered_today,answered_today,abandoned_today,service_level_today_pct,threshold_s,target_pct,target_met,alerts\n' +
        '2026-11-20T15:30:00+00:00,q1,"Billing, ""East""",voice,2,,0,0,0,0,0,0,0,0,0,,20,80,,\n' +
        '2026-11-20T15:30:30+00:00,q1,"Billing, ""East""",voice,3,,0,0,0,0,0,0,0,0,0,,20,80,,\n',
    );
    // The refresh took 1.5 s, so the wait is the rest of the 30 s; the abort came after the second write, before a sleep.
    expect(h.sleeps).toEqual([28_500]);
    expect(h.ticks).toEqual([
      { index: 0, refreshedAtMs: T0, nextAtMs: T0 + 30_000 },
      { index: 1, refreshedAtMs: T0 + 30_000, nextAtMs: T0 + 60_000 },
    ]);
  });

  it('two refreshes appended as NDJSON: one object per line each', async () => {
    const h = harness(2, 'ndjson');
    await h.run;
    const lines = h.output().split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>).map((o) => [o.observed_at, o.waiting, o.alerts])).toEqual([
      ['2026-11-20T15:30:00+00:00', 2, null],
      ['2026-11-20T15:30:30+00:00', 3, null],
    ]);
  });

  it('an abort during the sleep ends the loop cleanly after the write', async () => {
    let now = T0;
    const controller = new AbortController();
    const written: string[] = [];
    const count = await watchLoop({
      clock: { now: () => now },
      everyMs: 5_000,
      signal: controller.signal,
      refresh: async () => 'frame',
      render: (r, t) => `${r}${t.index}`,
      write: (t) => void written.push(t),
      sleep: async (ms, signal) => {
        now += ms;
        controller.abort();
        throw signal.reason;
      },
    });
    expect(count).toBe(1);
    expect(written).toEqual(['frame0']);
  });

  it('an abort during a refresh writes nothing more; a refresh that fails on its own is thrown', async () => {
    const controller = new AbortController();
    const base = { clock: { now: () => T0 }, everyMs: 5_000, render: String, write: () => {}, sleep: async () => {} };
    await expect(
      watchLoop({
        ...base,
        signal: controller.signal,
        refresh: async () => {
          controller.abort();
          throw new Error('interrupted');
        },
      }),
    ).resolves.toBe(0);
    await expect(watchLoop({ ...base, signal: new AbortController().signal, refresh: async () => Promise.reject(new Error('boom')) })).rejects.toThrow('boom');
  });
});
