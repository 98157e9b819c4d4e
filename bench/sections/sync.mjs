/**
 * `gcx-metrics sync` of the 1,000-agent org over 7 days into SQLite and PostgreSQL (GCX_BENCH_PG_URL, else a
 * throw-away cluster with PostgreSQL's default durability when the binaries are here): wall time, database size,
 * then a week's occupancy read back from the database (no API) as CSV and as Parquet. The API part runs against
 * the simulator, so the sync time is mostly the simulator generating days.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { check, measure } from '../lib/measure.mjs';
import { ORG, DAY_MS } from '../lib/data.mjs';
import { runAgainstSim, startSimBehindProxy } from '../lib/sim-run.mjs';
import { bytes, mb, secs, table } from '../lib/table.mjs';
import pg from 'pg';
import { postgresMissing, startPgCluster } from '../../scripts/pg-cluster.mjs';

const DAYS = 7;
const iso = (ms) => new Date(ms).toISOString().slice(0, 19) + 'Z';

export async function sync({ quick, log, env, dir }) {
  const org = quick ? { ...ORG, agents: 100 } : ORG;
  // Seven whole UTC days ending at today's midnight: the first run's --backfill 7d up to --to.
  const endMs = Math.floor(Date.now() / DAY_MS) * DAY_MS;
  const window = ['--tz', 'UTC', '--interval', '30m', '--to', iso(endMs)];
  const sqlitePath = join(dir, 'sync-bench.sqlite');
  // A first sync needs an empty database: --dir keeps files between runs.
  for (const suffix of ['', '-wal', '-shm']) rmSync(sqlitePath + suffix, { force: true });
  const targets = [['SQLite', sqlitePath]];
  const cluster = process.env.GCX_BENCH_PG_URL || postgresMissing() ? undefined : startPgCluster({ durable: true });
  const pgUrl = process.env.GCX_BENCH_PG_URL || cluster?.url;
  if (pgUrl) targets.push(['PostgreSQL', pgUrl]);
  else log(`sync into PostgreSQL skipped: ${postgresMissing()}`);
  const s = await startSimBehindProxy(org);
  const rows = [];
  try {
    for (const [name, db] of targets) {
      log(`sync into ${name}: ${DAYS} days, ${org.agents} agents`);
      const args = ['sync', '--db', db, '--backfill', `${DAYS}d`, ...window, '--request-timeout', '600', '--quiet'];
      const first = check(await runAgainstSim(s, args, { env }), `sync into ${name}`);
      log(`sync into ${name} again (restates the last 2 h)`);
      const again = check(await runAgainstSim(s, args, { env }), `second sync into ${name}`);
      const size = bytes(name === 'SQLite' ? statSync(db).size : await pgDatabaseSize(db));
      rows.push([name, first.apiRequests, secs(first.wallMs), secs(first.simBusyMs), mb(first.peakRssMB), secs(again.wallMs), size]);
    }
    const sqlite = targets[0][1];
    const readWindow = ['--db', sqlite, '--from', iso(endMs - DAYS * DAY_MS), '--to', iso(endMs), '--tz', 'UTC', '--quiet'];
    const reads = [];
    for (const [label, extra] of [
      ['occupancy --db, 30m, CSV', ['--format', 'csv', '--output', join(dir, 'week.csv')]],
      ['occupancy --db, 30m, Parquet', ['--format', 'parquet', '--output', join(dir, 'week.parquet')]],
      ['occupancy --db, 1d, CSV', ['--interval', '1d', '--format', 'csv', '--output', join(dir, 'week-1d.csv')]],
    ]) {
      log(label);
      const r = check(await measure(process.execPath, ['bin/gcx-metrics.js', 'occupancy', ...readWindow, ...extra], { env }), label);
      const out = extra[extra.length - 1];
      reads.push([label, secs(r.wallMs), mb(r.peakRssMB), bytes(statSync(out).size)]);
    }
    return [
      `### Sync: ${DAYS} days of a ${org.agents}-agent org (both reports, 30-minute intervals)`,
      table(['database', 'API requests', 'first sync', 'sim busy', 'peak RSS', 'second sync', 'database size'], rows),
      '',
      table(['read back (no API)', 'wall', 'peak RSS', 'file'], reads),
      '',
      'The first sync is dominated by the simulator generating a week of conversations (sim busy); the second restates the last 2 hours only.',
    ].join('\n');
  } finally {
    await s.close();
    cluster?.stop();
  }
}

async function pgDatabaseSize(url) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT pg_database_size(current_database()) AS n')).rows[0].n);
  } finally {
    await client.end();
  }
}
