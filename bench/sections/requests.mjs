/**
 * Item 3: requests, bytes and wall time of a 30-day, 30-minute service-level report over every queue of the
 * 1,000-agent org, from aggregates and from details (async jobs), against the simulator with 50 ms latency.
 */
import { check } from '../lib/measure.mjs';
import { ORG, DAY_MS } from '../lib/data.mjs';
import { runAgainstSim, startSimBehindProxy } from '../lib/sim-run.mjs';
import { bytes, mb, secs, table } from '../lib/table.mjs';

const LATENCY_MS = 50;
const DAYS = 30;
const isoDay = (ms) => new Date(ms).toISOString().slice(0, 10);

export async function requests({ quick, log, env }) {
  const org = quick ? { ...ORG, agents: 100 } : ORG;
  // 30 whole UTC days ending two days ago: finished, and inside the datalake (jobs lag 2 h behind now).
  const lastDay = Math.floor(Date.now() / DAY_MS) * DAY_MS - 2 * DAY_MS;
  const window = ['--from', isoDay(lastDay - (DAYS - 1) * DAY_MS), '--to', isoDay(lastDay), '--tz', 'UTC', '--interval', '30m'];
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
