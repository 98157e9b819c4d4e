/**
 * What the reports should say, worked out independently of src/metrics: straight from the simulator's own details
 * records and routing-status spans (generateDay), bucketed by emit time the way the contract defines it.
 */
import { generateDay, type SimConversation, type SimDay, type SimOrg, type StatusSpan } from '../../src/sim/index.js';
import { MAX_OPEN_DAYS } from '../../src/sim/data/long-conversations.js';

const DAY = 86_400_000;

/** Bucket starts (ascending) and the end of the last bucket. */
export interface Grid {
  starts: number[];
  endMs: number;
}

export function uniformGrid(startMs: number, endMs: number, stepMs: number): Grid {
  const starts: number[] = [];
  for (let t = startMs; t < endMs; t += stepMs) starts.push(t);
  return { starts, endMs };
}

/** The grid the CLI printed: every distinct [interval_start, interval_end), which must tile without gaps. */
export function gridOfRows(rows: ReadonlyArray<Record<string, string>>): Grid {
  const ends = new Map<number, number>();
  for (const r of rows) ends.set(Date.parse(r.interval_start as string), Date.parse(r.interval_end as string));
  const starts = [...ends.keys()].sort((a, b) => a - b);
  starts.forEach((s, i) => {
    const next = starts[i + 1];
    if (next !== undefined && ends.get(s) !== next) throw new Error(`bucket ${new Date(s).toISOString()} does not end where the next starts`);
  });
  return { starts, endMs: ends.get(starts[starts.length - 1] as number) ?? 0 };
}

/** Start of the bucket holding t, or undefined outside the grid. */
export function bucketStart(grid: Grid, t: number): number | undefined {
  if (t < (grid.starts[0] ?? Infinity) || t >= grid.endMs) return undefined;
  let lo = 0;
  let hi = grid.starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((grid.starts[mid] as number) <= t) lo = mid;
    else hi = mid - 1;
  }
  return grid.starts[lo];
}

const dayCache = new Map<string, SimDay>();
function day(org: SimOrg, dayStartMs: number): SimDay {
  const key = `${org.seed}:${org.agents.length}:${org.queues.length}:${dayStartMs}`;
  let d = dayCache.get(key);
  if (!d) dayCache.set(key, (d = generateDay(org, dayStartMs)));
  return d;
}

/**
 * Conversations can emit metrics days after they start: the simulator's emails and messages wait in queue for up to
 * six days. A week of start days before the window holds every one that can reach it.
 */
const LOOKBACK_DAYS = 7;

/** Every UTC day from LOOKBACK_DAYS before startMs up to endMs: all conversations that can emit metrics inside. */
function daysAround(org: SimOrg, startMs: number, endMs: number): SimDay[] {
  const out: SimDay[] = [];
  for (let d = Math.floor(startMs / DAY) * DAY - LOOKBACK_DAYS * DAY; d < endMs; d += DAY) out.push(day(org, d));
  return out;
}

export interface Observation {
  name: string;
  value: number;
  at: number;
  purpose: string;
  userId: string | undefined;
  media: string;
  queueId: string | undefined;
}

type Json = Record<string, unknown>;
export function* observationsOf(conversations: Iterable<SimConversation>): Generator<Observation> {
  for (const c of conversations) {
    for (const p of c.participants as Json[]) {
      for (const s of (p.sessions ?? []) as Json[]) {
        const queueId = ((s.segments ?? []) as Json[]).find((g) => typeof g.queueId === 'string')?.queueId as string | undefined;
        for (const m of (s.metrics ?? []) as Json[]) {
          yield {
            name: m.name as string,
            value: m.value as number,
            at: Date.parse(m.emitDate as string),
            purpose: p.purpose as string,
            userId: p.userId as string | undefined,
            media: s.mediaType as string,
            queueId,
          };
        }
      }
    }
  }
}

export interface AgentTruth {
  handled: number;
  handleMs: number;
  talkMs: number;
  heldMs: number;
  acwMs: number;
  onQueueMs: number;
  interactingMs: number;
  notRespondingMs: number;
}
const emptyAgent = (): AgentTruth => ({ handled: 0, handleMs: 0, talkMs: 0, heldMs: 0, acwMs: 0, onQueueMs: 0, interactingMs: 0, notRespondingMs: 0 });

/**
 * Per `${bucketStart}|${userId}`: tHandle/tTalkComplete/tHeldComplete/tAcw by emit time, and routing-status time by
 * overlap (NOT_RESPONDING apart from on-queue time).
 */
export function occupancyTruth(org: SimOrg, grid: Grid, userIds?: ReadonlySet<string>): Map<string, AgentTruth> {
  const out = new Map<string, AgentTruth>();
  const cell = (b: number, u: string) => {
    const k = `${b}|${u}`;
    let c = out.get(k);
    if (!c) out.set(k, (c = emptyAgent()));
    return c;
  };
  const startMs = grid.starts[0] as number;
  const days = daysAround(org, startMs, grid.endMs);
  for (const o of observationsOf(days.flatMap((d) => d.conversations))) {
    if (o.userId === undefined || (userIds && !userIds.has(o.userId))) continue;
    const b = bucketStart(grid, o.at);
    if (b === undefined) continue;
    const c = cell(b, o.userId);
    if (o.name === 'tHandle') {
      c.handled++;
      c.handleMs += o.value;
    } else if (o.name === 'tTalkComplete') c.talkMs += o.value;
    else if (o.name === 'tHeldComplete') c.heldMs += o.value;
    else if (o.name === 'tAcw') c.acwMs += o.value;
  }
  const spans: StatusSpan[] = days.flatMap((d) => d.statusSpans);
  for (const s of spans) {
    if (s.status === 'OFF_QUEUE') continue;
    if (userIds && !userIds.has(s.userId)) continue;
    grid.starts.forEach((b, i) => {
      const e = grid.starts[i + 1] ?? grid.endMs;
      const overlap = Math.min(e, s.endMs) - Math.max(b, s.startMs);
      if (overlap <= 0) return;
      const c = cell(b, s.userId);
      if (s.status === 'NOT_RESPONDING') {
        c.notRespondingMs += overlap;
        return;
      }
      c.onQueueMs += overlap;
      if (s.status === 'INTERACTING') c.interactingMs += overlap;
    });
  }
  return out;
}

export interface QueueTruth {
  offered: number;
  answered: number;
  within: number;
  answeredMs: number;
  abandoned: number;
  abandonedShort: number;
  flowout: number;
  handled: number;
  handleMs: number;
}

/**
 * Per `${bucketStart}|${queueId}|${media}`: the service-level counts by emit time (keys with tHandle alone too).
 * `atMs`: the simulator's "now" when it is not the real one: only metrics emitted before it exist yet.
 */
export function serviceLevelTruth(
  org: SimOrg,
  grid: Grid,
  o: { thresholdMs: number | ((queueId: string, media: string) => number); shortAbandonMs: number; atMs?: number },
): Map<string, QueueTruth> {
  const thresholdOf = typeof o.thresholdMs === 'number' ? ((ms: number) => () => ms)(o.thresholdMs) : o.thresholdMs;
  const out = new Map<string, QueueTruth>();
  const startMs = grid.starts[0] as number;
  for (const ob of observationsOf(daysAround(org, startMs, grid.endMs).flatMap((d) => d.conversations))) {
    if (!['nOffered', 'tAnswered', 'tAbandon', 'tFlowOut', 'tHandle'].includes(ob.name) || ob.queueId === undefined) continue;
    if (o.atMs !== undefined && ob.at >= o.atMs) continue;
    const b = bucketStart(grid, ob.at);
    if (b === undefined) continue;
    const k = `${b}|${ob.queueId}|${ob.media}`;
    let c = out.get(k);
    if (!c) out.set(k, (c = { offered: 0, answered: 0, within: 0, answeredMs: 0, abandoned: 0, abandonedShort: 0, flowout: 0, handled: 0, handleMs: 0 }));
    if (ob.name === 'nOffered') c.offered++;
    else if (ob.name === 'tAnswered') {
      c.answered++;
      c.answeredMs += ob.value;
      if (ob.value <= thresholdOf(ob.queueId, ob.media)) c.within++;
    } else if (ob.name === 'tAbandon') {
      c.abandoned++;
      if (o.shortAbandonMs > 0 && ob.value <= o.shortAbandonMs) c.abandonedShort++;
    } else if (ob.name === 'tHandle') {
      c.handled++;
      c.handleMs += ob.value;
    } else c.flowout++;
  }
  return out;
}
