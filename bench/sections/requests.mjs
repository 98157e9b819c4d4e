/**
 * Item 3: requests, bytes and wall time of a 30-day, 30-minute service-level report over every queue of the
 * 1,000-agent org, from aggregates and from details (async jobs), against the simulator with 50 ms latency.
 * Then the details plan of issue 15: requests for one day, CPU per MB received against the offline `--input` path
 * on the same day's records, and a window whose old synchronous plan would have passed the 1,000-page cap.
 */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { createOrg, generateDay, writeConversationsNdjson } from '../../dist/sim.js';
import { check, measure } from '../lib/measure.mjs';
import { ORG, DAY_MS, warmCache, isoDay, settledDay, utcDays } from '../lib/data.mjs';
import { runAgainstSim, startSimBehindProxy } from '../lib/sim-run.mjs';
import { bytes, mb, ratio, secs, table } from '../lib/table.mjs';

const LATENCY_MS = 50;
/** Issue 29: the simulator was busy 589 ms for each 1,000-conversation job-results page of this run. */
const SIM_PAGE_BASELINE_MS = 589;
const DAYS = 30;

export async function requests(ctx) {
  // Each part prints even when the other fails (a busy simulator can answer the 30-day run with a 408): the failure
  // is printed in its place.
  const parts = [];
  for (const part of [serviceLevelMemory, thirtyDays, detailsPlan]) {
    try {
      parts.push(await part(ctx));
    } catch (error) {
      parts.push(`### requests, ${part.name}: FAILED — ${error instanceof Error ? error.message : error}`);
      ctx.log(error instanceof Error && error.stack ? error.stack : String(error));
    }
  }
  return parts.join('\n\n');
}

async function thirtyDays({ quick, log, env }) {
  const org = quick ? { ...ORG, agents: 100 } : ORG;
  const window = [...utcDays(DAYS), '--interval', '30m'];
  const s = await startSimBehindProxy({ ...org, latencyMs: LATENCY_MS });
  const rows = [];
  const notes = [];
  try {
    for (const source of ['aggregates', 'details']) {
      log(`service-level --source ${source}, ${DAYS} days, ${org.agents} agents, ${LATENCY_MS} ms latency`);
      // The simulator takes far longer than the real API to answer a week of a 1,000-agent org (it generates the
      // days on demand, one request at a time), so the default 30 s request timeout would measure retries instead.
      const args = ['service-level', ...window, '--source', source, '--request-timeout', '600', '--format', 'csv', '--quiet'];
      const r = check(await runAgainstSim(s, args, { env }), `service-level --source ${source}`);
      const kinds = Object.entries(r.byKind).map(([k, n]) => `${k} ${n}`).join(', ');
      const target = source === 'aggregates' ? `≤ ${Math.ceil(DAYS / 7) + 1} + names` : 'pages of 1000';
      rows.push([`--source ${source}`, r.apiRequests, kinds, r.rateLimited, bytes(r.bytesReceived), secs(r.wallMs), secs(r.simBusyMs), mb(r.peakRssMB), target]);
      if (source === 'details') {
        const pages = r.byKind['job results'] ?? 0;
        notes.push(`details: ${pages} result pages in ${secs(r.wallMs)} = ${(r.wallMs / Math.max(1, pages)).toFixed(0)} ms a page ` +
          `(${LATENCY_MS} ms of it latency, ${(r.simBusyMs / Math.max(1, pages)).toFixed(0)} ms the simulator building the page); ` +
          `${r.connections} TCP connections; rate-limit floor for ${r.apiRequests} requests at 300/min: ${secs(60_000 * Math.floor((r.apiRequests - 1) / 300))}.`);
        if (org.agents === ORG.agents) {
          const perPage = r.simBusyMs / Math.max(1, pages);
          notes.push('', table(['simulator', 'now', 'baseline (2026-11-25)', 'ratio', 'target'], [
            ['busy per job-results page (days generated on demand included)', `${perPage.toFixed(0)} ms`, `${SIM_PAGE_BASELINE_MS} ms`,
              `${(SIM_PAGE_BASELINE_MS / perPage).toFixed(2)}× faster`, '≥ 5× faster'],
          ]), '');
        }
      }
    }
  } finally {
    await s.close();
  }
  return [
    `### 3. Requests for a ${DAYS}-day, 30-minute service-level report (${org.agents} agents, ${org.queues} queues, every queue; ${LATENCY_MS} ms injected latency)`,
    table(['source', 'API requests', 'by kind (incl. token)', '429s', 'bytes received', 'wall', 'sim busy', 'CLI peak RSS', 'target'], rows),
    '',
    ...notes,
    'sim busy = time the simulator thread was busy computing answers (generating days, filtering, JSON), on the same cores as the CLI. ' +
      'The CLI runs with --request-timeout 600 because the simulator, not the client, is slow to answer here.',
  ].join('\n');
}

/** Issue 29: the 30-day aggregates report's CLI peak RSS before its responses were folded as they arrive. */
const SL_RSS_BASELINE_MB = 296;
const SL_RSS_TARGET_MB = 150;

/**
 * Issue 29: CLI peak RSS of the aggregates service-level report (30 minutes, every queue) at two window lengths,
 * 7 and 30 days, to show that memory follows the report (the accumulator), not the responses (streamed and folded).
 * `sizes` lets a quick check run it small.
 */
export async function serviceLevelMemory({ quick, log, env }, sizes = { agents: quick ? 100 : ORG.agents, days: [7, DAYS] }) {
  const org = { ...ORG, agents: sizes.agents };
  const lastDay = settledDay();
  const s = await startSimBehindProxy(org);
  const rows = [];
  try {
    for (const days of sizes.days) {
      log(`service-level --source aggregates, ${days} days, ${org.agents} agents: CLI peak RSS`);
      const window = [...utcDays(days, lastDay), '--interval', '30m'];
      const args = ['service-level', ...window, '--source', 'aggregates', '--request-timeout', '600', '--format', 'csv', '--quiet'];
      const r = check(await runAgainstSim(s, args, { env }), `service-level --source aggregates, ${days} days`);
      const baseline = days === DAYS && org.agents === ORG.agents ? `${SL_RSS_BASELINE_MB} MB (2026-11-25)` : '';
      rows.push([`${days} days`, r.apiRequests, bytes(r.bytesReceived), secs(r.wallMs), mb(r.peakRssMB), baseline,
        baseline ? ratio(r.peakRssMB, SL_RSS_BASELINE_MB) : '', `≤ ${SL_RSS_TARGET_MB} MB, flat`]);
    }
  } finally {
    await s.close();
  }
  return [
    `### 3a. Service-level memory: aggregates responses folded as they arrive (${org.agents} agents, ${org.queues} queues, every queue, 30 minutes)`,
    table(['window', 'API requests', 'bytes received', 'wall', 'CLI peak RSS', 'baseline', 'ratio', 'target'], rows),
  ].join('\n');
}

/** One UTC day of `org` as NDJSON (the simulator's own records, as an export would carry them); returns its size. */
async function writeDay(org, dayMs, path) {
  const out = createWriteStream(path, { highWaterMark: 1 << 22 });
  const { bytes: size } = await writeConversationsNdjson(org, dayMs, dayMs + DAY_MS, async (chunk) => {
    if (!out.write(chunk)) await once(out, 'drain');
  });
  out.end();
  await once(out, 'finish');
  return size;
}

/** Issue 15's baseline: the old plan sent 741 synchronous pages (+ the token) for one UTC day of this org. */
const OLD_ONE_DAY_REQUESTS = 742;
const PAGE_CAP = 1000;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function detailsPlan({ dir, quick, log, env }) {
  const org = quick ? { ...ORG, agents: 100 } : ORG;
  // A whole UTC day two days back: inside the datalake (which lags 2 h behind now), as the baseline's day was.
  const day = settledDay();
  const oneDay = utcDays(1, day);
  const rows = [];
  const notes = [];
  const sl = (args) => ['service-level', ...args, '--source', 'details', '--request-timeout', '600', '--format', 'csv', '--quiet'];
  const kinds = (r) => Object.entries(r.byKind).map(([k, n]) => `${k} ${n}`).join(', ');

  const s = await startSimBehindProxy({ ...org, latencyMs: LATENCY_MS });
  const detailsRuns = [];
  try {
    log(`details plan: 1 UTC day (${isoDay(day)}), ${org.agents} agents`);
    for (let i = 0; i < 2; i++) {
      detailsRuns.push(check(await runAgainstSim(s, sl(oneDay), { env }), 'service-level --source details, 1 day'));
    }
    const [first] = detailsRuns;
    rows.push([`1 UTC day (${isoDay(day)}), inside the datalake`, first.apiRequests, kinds(first), `${OLD_ONE_DAY_REQUESTS} (the old plan, issue 15)`, ratio(first.apiRequests, OLD_ONE_DAY_REQUESTS), '≤ 50', secs(first.wallMs)]);
    log('details plan: the last 24 hours (the datalake ends 2 h ago)');
    const last = check(await runAgainstSim(s, sl(['--since', '24h', '--tz', 'UTC']), { env }), 'service-level --source details --since 24h');
    rows.push(['--since 24h: the last 2 h from synchronous pages', last.apiRequests, kinds(last), '', '', '(not a target)', secs(last.wallMs)]);
  } finally {
    await s.close();
  }

  // CPU per MB: the same day's records through --input (one NDJSON file, as an export would give them).
  log('details plan: the same day as NDJSON for the --input path');
  const file = join(dir, `details-day-${org.agents}-${isoDay(day)}.ndjson`);
  const fileBytes = await writeDay(createOrg(org), day, file);
  await warmCache(file);
  const offline = [];
  for (let i = 0; i < 3; i++) {
    offline.push(check(await measure(process.execPath, ['bin/gcx-metrics.js', 'service-level', '--input', file, ...oneDay, '--format', 'csv', '--quiet'], { env }), '--input'));
  }
  const detailsCpuPerMB = median(detailsRuns.map((r) => r.cpuMs / (r.bytesReceived / 1e6)));
  const offlineCpuPerMB = median(offline.map((r) => r.cpuMs / (fileBytes / 1e6)));
  const cpuRows = [
    ['--source details (1 day, API)', bytes(median(detailsRuns.map((r) => r.bytesReceived))), secs(median(detailsRuns.map((r) => r.cpuMs))), `${detailsCpuPerMB.toFixed(1)} ms`, ratio(detailsCpuPerMB, offlineCpuPerMB), '≤ 1.50× (was ≈ 3×)'],
    ['--input NDJSON (the same day)', bytes(fileBytes), secs(median(offline.map((r) => r.cpuMs))), `${offlineCpuPerMB.toFixed(1)} ms`, '1.00× (baseline)', ''],
  ];

  // The 1,000-page cap: a window whose old plan (one synchronous chunk from the day before) reads 3 UTC days, on
  // a simulator whose datalake ends before the window, so the new plan must read it all synchronously as well.
  const capDays = 2;
  const capFrom = day - (capDays - 1) * DAY_MS;
  log(`details plan: ${capDays} days with the datalake behind them (no job), counting the old plan's pages`);
  const generated = createOrg(org);
  const perDay = [];
  for (let d = capFrom - DAY_MS; d < capFrom + capDays * DAY_MS; d += DAY_MS) perDay.push(generateDay(generated, d).conversations.length);
  const oldPages = Math.ceil(perDay.reduce((a, b) => a + b, 0) / 100) + 1;
  const cap = await startSimBehindProxy({ ...org, dataLagMs: Date.now() - (capFrom - 3 * DAY_MS), rateLimitPerMinute: 1_000_000 });
  try {
    const r = check(await runAgainstSim(cap, sl(['--from', isoDay(capFrom), '--to', isoDay(day), '--tz', 'UTC']), { env }), `service-level --source details, ${capDays} days, no datalake`);
    const pages = r.byKind['details query'] ?? 0;
    const largestDay = Math.max(...perDay);
    rows.push([
      `${capDays} UTC days, datalake behind them (all synchronous)`,
      r.apiRequests,
      kinds(r),
      `old plan: one query of ${oldPages} pages${oldPages > PAGE_CAP ? ` (> ${PAGE_CAP}: refused)` : ''}`,
      `largest query ≤ ${Math.ceil(largestDay / 100) + 1} pages`,
      `never > ${PAGE_CAP} pages a query`,
      secs(r.wallMs),
    ]);
    notes.push(`Cap row: ${pages} synchronous pages in all; each query covers one start day, so its pages are bounded by that day's ` +
      `conversations (${perDay.join(', ')} in the ${perDay.length} days the old chunk covered).`);
  } finally {
    await cap.close();
  }

  return [
    `### 3b. The details plan (issue 15): job before the datalake's availability date, synchronous pages after it (${org.agents} agents)`,
    table(['case', 'API requests', 'by kind (incl. token)', 'baseline', 'ratio', 'target', 'wall'], rows),
    '',
    ...notes,
    '',
    `CPU per MB received, details path vs the offline \`--input\` path on the same day's records (CPU = user+sys of the CLI; medians of ${detailsRuns.length} and ${offline.length} runs):`,
    table(['path', 'bytes', 'CPU', 'CPU per MB', 'ratio', 'target'], cpuRows),
  ].join('\n');
}
