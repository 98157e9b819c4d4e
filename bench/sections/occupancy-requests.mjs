/**
 * Issue 15, occupancy row: API requests, bytes, wall time and CLI peak RSS of a 7-day, 30-minute occupancy report
 * of 1,000 selected agents (`--agent` with every agent of the simulated org), against the simulator.
 * Baseline, measured in the same run: the same 1,000 agents as ten reports of 100 agents each, which is exactly
 * what one report sent before (per batch of 100 ids: a conversations and a users aggregates query and a name
 * look-up). Their rows, merged in the report's order, must be byte-identical to the one report's output.
 * A small selection (20 agents) shows that it still gets server-side filtered queries.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOrg } from '../../dist/sim.js';
import { check } from '../lib/measure.mjs';
import { ORG, utcDays } from '../lib/data.mjs';
import { runAgainstSim, startSimBehindProxy } from '../lib/sim-run.mjs';
import { bytes, mb, secs, table } from '../lib/table.mjs';

const DAYS = 7;
const BATCH = 100;
const SMALL = 20;

/** CSV data rows sorted as the report sorts them: interval_start, agent_name, agent_id (code-unit order). */
function mergedRows(texts) {
  const header = texts[0].slice(0, texts[0].indexOf('\n') + 1);
  const rows = texts.flatMap((t) => t.slice(t.indexOf('\n') + 1).split('\n').filter(Boolean));
  // Simulated names hold no comma or quote, so splitting on commas reads the key columns.
  const key = (row) => {
    const c = row.split(',');
    return [c[0], c[3], c[2]];
  };
  const cmp = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
  const keyed = rows.map((row) => ({ row, k: key(row) }));
  keyed.sort((a, b) => cmp(a.k[0], b.k[0]) || cmp(a.k[1], b.k[1]) || cmp(a.k[2], b.k[2]));
  return header + keyed.map((r) => `${r.row}\n`).join('');
}

const sum = (runs, field) => runs.reduce((n, r) => n + r[field], 0);
const kinds = (byKind) => Object.entries(byKind).filter(([k]) => k !== 'token').map(([k, n]) => `${k} ${n}`).join(', ');

export async function occupancyRequests({ quick, log, env, dir }) {
  const org = quick ? { ...ORG, agents: 300 } : ORG;
  const ids = createOrg(org).agents.map((a) => a.id);
  // Seven whole UTC days ending two days ago: one ≤ 7-day chunk, every conversation finished.
  const window = [...utcDays(DAYS), '--interval', '30m'];
  const report = (agents, out) => [
    'occupancy', ...window, '--agent', agents.join(','), '--request-timeout', '600', '--format', 'csv', '--output', out, '--quiet',
  ];
  const s = await startSimBehindProxy(org);
  try {
    // Warm the simulator's day cache so that neither side pays for generating the week.
    log(`occupancy: warming the simulator (${DAYS} days, ${org.agents} agents)`);
    check(await runAgainstSim(s, report(ids.slice(0, 1), join(dir, 'occ-warm.csv')), { env }), 'warm-up');

    log(`occupancy: one report of ${ids.length} agents`);
    const oneFile = join(dir, 'occ-all.csv');
    const one = check(await runAgainstSim(s, report(ids, oneFile), { env }), `occupancy of ${ids.length} agents`);

    const batches = [];
    for (let i = 0; i < ids.length; i += BATCH) batches.push(ids.slice(i, i + BATCH));
    log(`occupancy: the baseline, ${batches.length} reports of ≤ ${BATCH} agents`);
    const parts = [];
    for (const [i, batch] of batches.entries()) {
      const file = join(dir, `occ-part-${i}.csv`);
      parts.push({ ...check(await runAgainstSim(s, report(batch, file), { env }), `occupancy of batch ${i}`), file });
    }
    const baselineKinds = {};
    for (const p of parts) for (const [k, n] of Object.entries(p.byKind)) baselineKinds[k] = (baselineKinds[k] ?? 0) + n;
    const identical = readFileSync(oneFile, 'utf8') === mergedRows(parts.map((p) => readFileSync(p.file, 'utf8')));

    log(`occupancy: a small selection (${SMALL} agents)`);
    const small = check(await runAgainstSim(s, report(ids.slice(0, SMALL), join(dir, 'occ-small.csv')), { env }), 'small selection');

    const rows = [
      [`baseline: ${batches.length} × ${BATCH} agents (the old plan)`, sum(parts, 'apiRequests'), kinds(baselineKinds), bytes(sum(parts, 'bytesReceived')),
        secs(sum(parts, 'wallMs')), mb(Math.max(...parts.map((p) => p.peakRssMB))), '30'],
      [`one report of ${ids.length} agents`, one.apiRequests, kinds(one.byKind), bytes(one.bytesReceived), secs(one.wallMs), mb(one.peakRssMB), '≤ 12, ≤ 200 MB'],
      [`${SMALL} agents`, small.apiRequests, kinds(small.byKind), bytes(small.bytesReceived), secs(small.wallMs), mb(small.peakRssMB), 'filtered'],
    ];
    return [
      `### Occupancy requests: ${DAYS} days, 30-minute intervals, ${ids.length} selected agents (--agent)`,
      table(['run', 'API requests', 'by kind', 'bytes received', 'wall', 'CLI peak RSS', 'target'], rows),
      '',
      `Output of the one report against the ${batches.length} baseline reports merged in report order: ${identical ? 'byte-identical' : '**DIFFERENT**'}.`,
      'API requests exclude the token request; the baseline wall is the sum of its runs (each with its own start-up).',
    ].join('\n');
  } finally {
    await s.close();
  }
}
