/**
 * Runs the CLI against an in-process simulator behind a byte-counting proxy, and sums up what it cost: requests by
 * kind, 429s, bytes received, wall time, the CLI's peak RSS, and the simulator's own time serving.
 */
import { once } from 'node:events';
import { Worker } from 'node:worker_threads';
import { measure } from './measure.mjs';

/** Starts the simulator (options as for startSim) behind the proxy, in a worker thread. */
export async function startSimBehindProxy(options) {
  // A week of the 1,000-agent org is gigabytes of objects in the simulator's day cache; with the default heap
  // limit it spends half its time in GC (a 7-day aggregates query: 40 s instead of 20 s). The bench keeps 8 days
  // of 1,000 agents, as the simulator did on 2026-11-25 (issue 29's baseline): its default of 4 would regenerate
  // days within one 7-day chunk.
  const worker = new Worker(new URL('./sim-worker.mjs', import.meta.url), {
    workerData: { dayCacheAgentDays: 8_000, ...options },
    resourceLimits: { maxOldGenerationSizeMb: 16_384 },
  });
  const next = async (type) => {
    for (;;) {
      const [m] = await once(worker, 'message');
      if (m.type === type) return m;
    }
  };
  const ready = await next('ready');
  return {
    env: (base) => ({
      ...base,
      GENESYS_CLOUD_API_URL: ready.url,
      GENESYS_CLOUD_CLIENT_ID: ready.clientId,
      GENESYS_CLOUD_CLIENT_SECRET: ready.clientSecret,
    }),
    /** Every request the simulator has logged so far, and the proxy's counters. */
    stats: async () => {
      worker.postMessage({ type: 'stats' });
      return next('stats');
    },
    close: async () => {
      worker.postMessage({ type: 'close' });
      await next('closed');
      await worker.terminate();
    },
  };
}

const KINDS = [
  ['token', (p) => p === '/oauth/token'],
  ['aggregates', (p) => p.endsWith('/aggregates/query')],
  ['details query', (p) => p.endsWith('/details/query')],
  ['job submit/status', (p) => /\/details\/jobs(\/[^/]+)?$/.test(p) && !p.endsWith('/availability')],
  ['job results', (p) => /\/details\/jobs\/[^/]+\/results$/.test(p)],
  ['availability', (p) => p.endsWith('/jobs/availability')],
  ['names', (p) => p.startsWith('/api/v2/users') || p.startsWith('/api/v2/routing/queues') || p.startsWith('/api/v2/groups')],
];

export function kindOf(path, method) {
  return KINDS.find(([, test]) => test(path, method))?.[0] ?? 'other';
}

/** One CLI run; returns its measurement and what the simulator saw during it. */
export async function runAgainstSim(s, args, { env }) {
  const before = await s.stats();
  const run = await measure(process.execPath, ['bin/gcx-metrics.js', ...args], { env: s.env(env) });
  const after = await s.stats();
  const seen = after.requests.slice(before.requests.length);
  const api = seen.filter((r) => r.path.startsWith('/api/v2/'));
  const byKind = {};
  for (const r of seen) byKind[kindOf(r.path, r.method)] = (byKind[kindOf(r.path, r.method)] ?? 0) + 1;
  const t = seen.map((r) => Date.parse(r.at));
  return {
    ...run,
    requests: seen.length,
    apiRequests: api.length,
    byKind,
    rateLimited: seen.filter((r) => r.status === 429).length,
    failed: seen.filter((r) => r.status >= 500 || r.status === 0).length,
    bytesReceived: after.proxy.bytesReceived - before.proxy.bytesReceived,
    connections: after.proxy.connections - before.proxy.connections,
    simBusyMs: after.busyMs - before.busyMs,
    firstToLastMs: t.length ? Math.max(...t) - Math.min(...t) : 0,
    log: seen,
  };
}
