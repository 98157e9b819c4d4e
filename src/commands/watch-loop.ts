/**
 * The thin loop of `--watch`: refresh, render, write, sleep until the next refresh is due, again. Everything it
 * acts through is injected (the clock, the sleep, the writer), so a test runs it with no real waiting. An abort
 * (SIGINT, SIGTERM) ends it cleanly: a refresh under way is still written, and then the loop returns; it never
 * stops a write half-way.
 */
export interface WatchTick {
  /** 0 for the first refresh. */
  index: number;
  /** When this refresh started, and when the next is due (epoch ms). */
  refreshedAtMs: number;
  nextAtMs: number;
}

export interface WatchLoopOptions<R> {
  /** Fetches and computes one refresh (the API client takes the same signal, so an abort cuts its waits short). */
  refresh: (tick: { index: number; atMs: number }) => Promise<R>;
  /** The text this refresh writes: a full-screen frame, or the rows to append. */
  render: (result: R, tick: WatchTick) => string;
  write: (text: string) => Promise<void> | void;
  /** Resolves after `ms`; rejects when the signal aborts (the Clock's sleep). */
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
  signal: AbortSignal;
  everyMs: number;
  clock: { now(): number };
}

/** Runs until the signal aborts; returns how many refreshes were written. A failed refresh (not aborted) throws. */
export async function watchLoop<R>(o: WatchLoopOptions<R>): Promise<number> {
  let index = 0;
  while (!o.signal.aborted) {
    const refreshedAtMs = o.clock.now();
    let result: R;
    try {
      result = await o.refresh({ index, atMs: refreshedAtMs });
    } catch (error) {
      // Interrupted while fetching: nothing to write, and not a failure.
      if (o.signal.aborted) return index;
      throw error;
    }
    // Due `everyMs` after this refresh started: the time the refresh took is not added to the interval.
    const nextAtMs = refreshedAtMs + o.everyMs;
    await o.write(o.render(result, { index, refreshedAtMs, nextAtMs }));
    index++;
    if (o.signal.aborted) break;
    try {
      await o.sleep(Math.max(0, nextAtMs - o.clock.now()), o.signal);
    } catch (error) {
      if (o.signal.aborted) break;
      throw error;
    }
  }
  return index;
}
