/**
 * Item 4: a run that needs about 600 requests against the simulator's 300/minute limit (per token, fixed 60 s
 * windows): a 1-day `service-level --source details` (the synchronous query, pages of 100), with the org sized so
 * the two UTC days it reads hold about 60,000 conversations. Counts 429s and compares the wall time with the floor.
 */
import { createOrg, generateDay } from '../../dist/sim.js';
import { check } from '../lib/measure.mjs';
import { DAY_MS, ORG, isoDay, settledDay } from '../lib/data.mjs';
import { runAgainstSim, startSimBehindProxy } from '../lib/sim-run.mjs';
import { ratio, secs, table } from '../lib/table.mjs';

const LATENCY_MS = 50;
const PAGE = 100;

/** Agents so that the days [first, first + 2 days) hold about `pages` pages of conversations. */
function agentsFor(pages, firstDayMs) {
  const count = (agents) => {
    const org = createOrg({ ...ORG, agents });
    return generateDay(org, firstDayMs).conversations.length + generateDay(org, firstDayMs + DAY_MS).conversations.length;
  };
  const probe = 200;
  let agents = Math.round((probe * pages * PAGE) / count(probe));
  // Conversations grow about linearly with agents; one correction step lands within a few pages.
  agents = Math.round((agents * pages * PAGE) / count(agents));
  return agents;
}

export async function pacing({ quick, log, env }) {
  const limit = quick ? 60 : 300;
  const wanted = 2 * limit - 2; // pages; + the empty last page + one name look-up = 2 × limit requests
  const day = settledDay();
  const agents = agentsFor(wanted, day - DAY_MS);
  log(`pacing: ${agents} agents, ~${wanted} pages of ${PAGE}, limit ${limit}/min, ${LATENCY_MS} ms latency (takes ≥ 1-2 min)`);
  const s = await startSimBehindProxy({ ...ORG, agents, latencyMs: LATENCY_MS, rateLimitPerMinute: limit });
  let r;
  try {
    const args = ['service-level', '--from', isoDay(day), '--to', isoDay(day), '--tz', 'UTC', '--source', 'details', '--format', 'csv', '--quiet'];
    r = check(await runAgainstSim(s, args, { env }), 'pacing run');
  } finally {
    await s.close();
  }
  const n = r.apiRequests;
  const rateFloorMs = (n / limit) * 60_000;
  const windowFloorMs = 60_000 * Math.floor((n - 1) / limit);
  // Requests per window of the limiter (it opens at the token's first API request).
  const api = r.log.filter((e) => e.path.startsWith('/api/v2/'));
  const t0 = Date.parse(api[0].at);
  const perWindow = [];
  for (const e of api) perWindow[Math.floor((Date.parse(e.at) - t0) / 60_000)] = (perWindow[Math.floor((Date.parse(e.at) - t0) / 60_000)] ?? 0) + 1;
  return [
    `### 4. Rate-limit pacing (${agents} agents, 1-day details report, limit ${limit}/min per token, ${LATENCY_MS} ms latency)`,
    table(
      ['API requests', '429s', 'wall', `floor ${n}/${limit} min`, 'wall ÷ floor', 'fixed-window floor', 'requests per 60 s window'],
      [[n, r.rateLimited, secs(r.wallMs), secs(rateFloorMs), ratio(r.wallMs, rateFloorMs), secs(windowFloorMs), perWindow.map((x) => x ?? 0).join(' / ')]],
    ),
    '',
    `Target: ≤ a handful of 429s, wall within 10% of the ${secs(rateFloorMs)} floor. The simulator's windows are fixed ` +
      `(they open at the token's first request), so the last window's requests can start ${secs(windowFloorMs)} in: ` +
      'finishing below the N/limit floor is possible and is not a violation of the limit.',
  ].join('\n');
}
