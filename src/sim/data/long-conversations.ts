/**
 * Emails and messages that stay open for days: each starts on its UTC day, waits in its queue for 20-70 hours (a
 * backlog over nights and weekends), and is answered and handled by a member agent on a later day, inside one of that
 * agent's on-queue windows. They are planned on their own small stream per start day, without walking any agent's
 * day, so that:
 * - the start day renders their records (details list a conversation on the day it started);
 * - the answer day reserves the agent's time (the walk keeps the agent INTERACTING then) without generating the
 *   start day;
 * - aggregates over a later window find them by looking back at most MAX_OPEN_DAYS start days, cheaply.
 */
import { QUEUE_PROFILES } from './catalog.js';
import { buildRecord, type BuildContext } from './build-record.js';
import { handlingShape } from './durations.js';
import { isoInDay } from './iso-in-day.js';
import type { ConvPlan, Handling } from './plan.js';
import { createRng } from './rng.js';
import { agentProfile, LocalClock, onQueueWindows } from './shifts.js';
import type { SimConversation, SimMedia, SimOrg } from './types.js';

const S = 1000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** No long conversation is answered later than this many days after its start day. */
export const MAX_OPEN_DAYS = 5;
/**
 * Every long conversation has ended before this many days after its start day's midnight: answered before
 * MAX_OPEN_DAYS + 1 days (planLong), handled inside one on-queue window, well under a day.
 */
export const LONG_LIFETIME_DAYS = MAX_OPEN_DAYS + 2;

export interface LongItem {
  startDay: number;
  /** Order within the start day's plan. */
  index: number;
  queue: number;
  media: SimMedia;
  /** Conversation start (IVR/flow lead) and queue entry. */
  start: number;
  entry: number;
  agent: number;
  alertStart: number;
  answer: number;
  parts: number[];
  talkEnd: number;
  wrapEnd: number;
}

interface OrgMemo {
  clock: LocalClock;
  agentIndex: Map<string, number>;
  plans: Map<number, LongItem[]>;
  reserved: Map<number, LongItem[]>;
  records: Map<number, SimConversation[]>;
}
const memos = new WeakMap<SimOrg, OrgMemo>();
const MEMO_DAYS = 64;

function memoOf(org: SimOrg): OrgMemo {
  let m = memos.get(org);
  if (!m) {
    m = { clock: new LocalClock(org.timeZone), agentIndex: new Map(org.agents.map((a, i) => [a.id, i])), plans: new Map(), reserved: new Map(), records: new Map() };
    memos.set(org, m);
  }
  return m;
}

function remember<T>(map: Map<number, T>, key: number, make: () => T): T {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    if (map.size >= MEMO_DAYS) map.delete(map.keys().next().value!);
    map.set(key, v);
  }
  return v;
}

/** Every long conversation planned to start on the UTC day `dayStart`, before conflicts are resolved. */
function planLong(org: SimOrg, dayStart: number): LongItem[] {
  const memo = memoOf(org);
  return remember(memo.plans, dayStart, () => {
    const rng = createRng(org.seed, 41, dayStart / DAY);
    const items: LongItem[] = [];
    org.queues.forEach((q, qi) => {
      const profile = QUEUE_PROFILES[qi % QUEUE_PROFILES.length]!;
      const medias = (['email', 'message'] as const).filter((m) => (profile.media[m] ?? 0) > 0);
      const members = org.queueMemberIds[q.id] ?? [];
      if (medias.length === 0 || members.length === 0) return;
      const n = rng.int(0, 2);
      for (let k = 0; k < n; k++) {
        const media = rng.pick(medias);
        const entry = dayStart + rng.int(1 * HOUR, 23 * HOUR);
        const start = entry - rng.int(20, 400);
        // At least into the next day: this is the backlog, not the same-day traffic.
        const due = Math.max(entry + Math.round(rng.uniform(20, 70) * HOUR), dayStart + DAY + HOUR);
        const shape = handlingShape(rng, media);
        const work = shape.alert + shape.parts.reduce((a, b) => a + b, 0) + shape.acw;
        const first = rng.int(0, members.length - 1);
        const slot = findSlot(org, memo, members, first, due, work + 60 * S);
        if (!slot || slot.alertStart - dayStart >= (MAX_OPEN_DAYS + 1) * DAY) continue;
        const answer = slot.alertStart + shape.alert;
        const talkEnd = answer + shape.parts.reduce((a, b) => a + b, 0);
        items.push({
          startDay: dayStart, index: items.length, queue: qi, media, start, entry, agent: slot.agent,
          alertStart: slot.alertStart, answer, parts: shape.parts, talkEnd, wrapEnd: talkEnd + shape.acw,
        });
      }
    });
    return items;
  });
}

/** The first member (from `first` on) with an on-queue window that holds `need` ms from `due` on, that day or the next. */
function findSlot(org: SimOrg, memo: OrgMemo, members: string[], first: number, due: number, need: number): { agent: number; alertStart: number } | null {
  const dueDay = Math.floor(due / DAY) * DAY;
  for (let d = 0; d < 2; d++) {
    const dayStart = dueDay + d * DAY;
    for (let i = 0; i < members.length; i++) {
      const agent = memo.agentIndex.get(members[(first + i) % members.length]!);
      if (agent === undefined) continue;
      const windows = onQueueWindows(org.seed, agent, agentProfile(org.seed, agent, org.agents.length), memo.clock, dayStart);
      for (const w of windows) {
        const from = Math.max(w.s, due) + 30 * S;
        if (w.e - from >= need) return { agent, alertStart: from };
      }
    }
  }
  return null;
}

/**
 * The long conversations answered on the UTC day `dayStart`, each agent's items disjoint (a later-planned item that
 * would overlap an earlier one for the same agent is dropped, everywhere alike).
 */
export function longWorkAnsweredOn(org: SimOrg, dayStart: number): LongItem[] {
  const memo = memoOf(org);
  return remember(memo.reserved, dayStart, () => {
    const kept: LongItem[] = [];
    for (let d = dayStart - MAX_OPEN_DAYS * DAY; d < dayStart; d += DAY) {
      for (const it of planLong(org, d)) {
        if (it.alertStart < dayStart || it.alertStart >= dayStart + DAY) continue;
        if (kept.some((k) => k.agent === it.agent && it.alertStart < k.wrapEnd && k.alertStart < it.wrapEnd)) continue;
        kept.push(it);
      }
    }
    return kept.sort((a, b) => a.alertStart - b.alertStart);
  });
}

/** Details records of the long conversations that start on the UTC day `dayStart`, complete (ended) records. */
export function longConversationsStartingOn(org: SimOrg, dayStart: number, extras: { divisionId: string; wrapUpCodeIds: string[] }): SimConversation[] {
  const memo = memoOf(org);
  return remember(memo.records, dayStart, () => {
    const ctx: BuildContext = {
      rng: createRng(org.seed, 42, dayStart / DAY),
      queues: org.queues,
      agents: org.agents,
      divisionId: extras.divisionId,
      wrapUpCodeIds: extras.wrapUpCodeIds,
      iso: isoInDay(dayStart),
    };
    const out: SimConversation[] = [];
    for (const it of planLong(org, dayStart)) {
      const answeredOn = Math.floor(it.alertStart / DAY) * DAY;
      if (!longWorkAnsweredOn(org, answeredOn).includes(it)) continue;
      out.push(buildRecord(ctx, toPlan(it)));
    }
    return out;
  });
}

function toPlan(it: LongItem): ConvPlan {
  const handling: Handling = {
    agent: it.agent, queue: it.queue, media: it.media, alertStart: it.alertStart, answer: it.answer, parts: it.parts,
    talkEnd: it.talkEnd, wrapEnd: it.wrapEnd, transferTo: -1, entry: it.entry, claimed: true, prev: null, next: null,
    flowFrom: null, missed: null,
  };
  return {
    media: it.media, start: it.start, customerEnd: it.talkEnd, end: it.wrapEnd,
    legs: [{ kind: 'answered', queue: it.queue, media: it.media, entry: it.entry, handling }],
  };
}
