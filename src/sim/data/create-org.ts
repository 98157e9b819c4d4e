/** The seeded org: agents, queues with service-level targets, groups, memberships. Same seed, same org. */
import { FIRST_NAMES, GROUP_NAMES, LAST_NAMES, QUEUE_PROFILES, WRAP_UP_CODES, queueMediaSettings } from './catalog.js';
import { createRng, weightedIndex, type Rng } from './rng.js';
import type { SimAgent, SimGroup, SimOrg, SimQueue } from './types.js';

/** Stream tags: each kind of draw has its own stream, so adding agents does not reshuffle queue ids. */
const TAG = { agents: 11, queues: 12, groups: 13, members: 14, misc: 15, unjoined: 16 } as const;

export interface CreateOrgOptions {
  seed: number;
  agents?: number;
  queues?: number;
  timeZone?: string;
  /** The org's short-abandon threshold, seconds (default 10). */
  shortAbandonSeconds?: number;
  /** Up to this many extra members per queue that are not joined (default 0: every member is joined). */
  unjoinedPerQueue?: number;
}

export function createOrg(opts: CreateOrgOptions): SimOrg {
  const { seed } = opts;
  const nAgents = opts.agents ?? 40;
  const nQueues = opts.queues ?? 6;
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  if (!(Number.isInteger(nAgents) && nAgents >= 1)) throw new RangeError(`agents must be a positive integer, got ${nAgents}`);
  if (!(Number.isInteger(nQueues) && nQueues >= 1)) throw new RangeError(`queues must be a positive integer, got ${nQueues}`);

  const agents = makeAgents(createRng(seed, TAG.agents), nAgents);
  const queues = makeQueues(createRng(seed, TAG.queues), nQueues);
  const queueMemberIds = assignMembers(createRng(seed, TAG.members), agents, queues);
  const groupRng = createRng(seed, TAG.groups);
  const groups: SimGroup[] = GROUP_NAMES.map((name) => ({ id: groupRng.uuid(), name, memberIds: [] }));
  // Tier 1 holds about 70% of the agents.
  for (const a of agents) (groupRng.chance(0.7) ? groups[0] : groups[1])?.memberIds.push(a.id);
  const misc = createRng(seed, TAG.misc);
  const shortAbandonSeconds = opts.shortAbandonSeconds ?? 10;
  if (!(Number.isFinite(shortAbandonSeconds) && shortAbandonSeconds >= 0)) {
    throw new RangeError(`shortAbandonSeconds must be a non-negative number, got ${shortAbandonSeconds}`);
  }
  const unjoined = opts.unjoinedPerQueue ?? 0;
  return {
    seed,
    timeZone: opts.timeZone ?? 'America/New_York',
    agents,
    queues,
    groups,
    queueMemberIds,
    ...(unjoined > 0 && { queueUnjoinedIds: assignUnjoined(createRng(seed, TAG.unjoined), agents, queues, queueMemberIds, unjoined) }),
    shortAbandonMs: Math.round(shortAbandonSeconds * 1000),
    divisionId: misc.uuid(),
    wrapUpCodes: WRAP_UP_CODES.map((name) => ({ id: misc.uuid(), name })),
  };
}

function makeAgents(rng: Rng, n: number): SimAgent[] {
  const used = new Set<string>();
  const agents: SimAgent[] = [];
  for (let i = 0; i < n; i++) {
    let name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    for (let tries = 0; used.has(name) && tries < 20; tries++) name = `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
    // Past the few thousand distinct pairs, disambiguate the way directories do.
    for (let k = 2; used.has(name); k++) name = `${name.replace(/ \d+$/, '')} ${k}`;
    used.add(name);
    const local = name.toLowerCase().replace(/'/g, '').replace(/ /g, '.');
    agents.push({ id: rng.uuid(), name, email: `${local}@gcx-sim.example.com` });
  }
  return agents;
}

function makeQueues(rng: Rng, n: number): SimQueue[] {
  const queues: SimQueue[] = [];
  for (let i = 0; i < n; i++) {
    const p = QUEUE_PROFILES[i % QUEUE_PROFILES.length] as (typeof QUEUE_PROFILES)[number];
    const round = Math.floor(i / QUEUE_PROFILES.length);
    queues.push({ id: rng.uuid(), name: round === 0 ? p.name : `${p.name} ${round + 1}`, mediaSettings: queueMediaSettings(p) });
  }
  return queues;
}

/** Each agent joins 1-3 queues, favouring busy ones; every queue gets at least one member when agents allow. */
function assignMembers(rng: Rng, agents: SimAgent[], queues: SimQueue[]): Record<string, string[]> {
  const members: Record<string, string[]> = {};
  for (const q of queues) members[q.id] = [];
  const weights = queues.map((_, i) => QUEUE_PROFILES[i % QUEUE_PROFILES.length]?.weight ?? 1);
  agents.forEach((a, ai) => {
    const r = rng.float();
    const k = Math.min(queues.length, r < 0.5 ? 1 : r < 0.85 ? 2 : 3);
    const chosen = new Set<number>();
    // Round-robin first pick guarantees coverage; the rest are weighted draws.
    if (ai < queues.length) chosen.add(ai);
    while (chosen.size < k) chosen.add(weightedIndex(rng, weights));
    for (const qi of [...chosen].sort((x, y) => x - y)) members[(queues[qi] as SimQueue).id]?.push(a.id);
  });
  return members;
}


/** Agents added to a queue but not joined to it: 0..max per queue, drawn from the non-members. */
function assignUnjoined(rng: Rng, agents: SimAgent[], queues: SimQueue[], joined: Record<string, string[]>, max: number): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const q of queues) {
    const members = new Set(joined[q.id] ?? []);
    const others = agents.filter((a) => !members.has(a.id));
    const n = Math.min(others.length, rng.int(0, max));
    const picked = new Set<string>();
    while (picked.size < n) picked.add(rng.pick(others).id);
    out[q.id] = [...picked];
  }
  return out;
}
