/**
 * Items 1 and 2: `--input` throughput against a bare line-by-line JSON.parse floor, and peak RSS at two input
 * sizes (memory must not follow input size).
 */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { check, measure, summarize } from '../lib/measure.mjs';
import { concatenate, generateNdjson, warmCache } from '../lib/data.mjs';
import { bytes, mb, ratio, secs, table } from '../lib/table.mjs';

const CLI = 'bin/gcx-metrics.js';
const FIRST_DAY = Date.UTC(2026, 9, 1);

export async function offline({ dir, quick, log, env }) {
  const days = quick ? 1 : 10; // 10 days of the 1,000-agent org ≈ 1.1 GB
  const copies = 5;
  const reps = quick ? 3 : 5;
  const plain = join(dir, 'month.ndjson');
  const gz = `${plain}.gz`;
  const big = join(dir, `month-x${copies}.ndjson`);

  log(`generating ${days} day(s) of the 1,000-agent org as NDJSON and gzip in ${dir}`);
  const { bytes: size } = await generateNdjson(plain, gz, FIRST_DAY, days, log);
  const bigSize = await concatenate(plain, copies, big, log);
  const gzSize = statSync(gz).size;
  for (const f of [plain, gz, big]) await warmCache(f);

  const node = (script, ...args) => measure(process.execPath, [script, ...args], { env });
  const cli = (command, input) =>
    measure(process.execPath, [CLI, command, '--input', input, '--format', 'csv', '--quiet'], { env });
  // Interleaved rounds (floor, gunzip, each CLI run, then again): a busy moment on a shared machine then hits
  // every case alike instead of skewing one of them.
  const cases = [
    ['floor', 'floor: readline + JSON.parse', () => node('bench/floor-parse.mjs', plain)],
    ['gunzip', 'zlib gunzip alone', () => node('bench/floor-gunzip.mjs', gz)],
    ['service-level', 'service-level --input NDJSON', () => cli('service-level', plain)],
    ['service-level.gz', 'service-level --input gzip', () => cli('service-level', gz)],
    ['occupancy', 'occupancy --input NDJSON', () => cli('occupancy', plain)],
    ['occupancy.gz', 'occupancy --input gzip', () => cli('occupancy', gz)],
  ];
  const results = new Map(cases.map(([key]) => [key, []]));
  for (let round = 1; round <= reps; round++) {
    log(`round ${round} of ${reps}: ${cases.map(([, what]) => what).join(', ')}`);
    for (const [key, what, fn] of cases) results.get(key).push(check(await fn(), what));
  }
  const pick = (key) => summarize(results.get(key));
  const floor = pick('floor');
  const gunzip = pick('gunzip');
  const runs = {
    'service-level': { plain: pick('service-level'), gz: pick('service-level.gz') },
    occupancy: { plain: pick('occupancy'), gz: pick('occupancy.gz') },
  };
  log(`peak RSS on ${bytes(bigSize)} (${copies}× the file)`);
  const bigRuns = {};
  for (const command of ['service-level', 'occupancy']) bigRuns[command] = check(await cli(command, big), `${command} big`);

  const gzFloorMs = floor.wallMs + gunzip.wallMs;
  const gzFloorCpuMs = floor.medianCpuMs + gunzip.medianCpuMs;
  const row = (label, floorWall, floorCpu, key) => {
    const cells = [label, `${secs(floorWall)} (${secs(floorCpu)})`];
    for (const command of ['service-level', 'occupancy']) {
      const r = runs[command][key];
      cells.push(`${secs(r.wallMs)} (${secs(r.medianCpuMs)})`, `${ratio(r.wallMs, floorWall)} (${ratio(r.medianCpuMs, floorCpu)})`);
    }
    return [...cells, '≤ 1.30×'];
  };
  const throughput = table(
    ['input', 'floor wall (CPU)', 'service-level', 'ratio wall (CPU)', 'occupancy', 'ratio wall (CPU)', 'target'],
    [
      row(`NDJSON ${bytes(size)}`, floor.wallMs, floor.medianCpuMs, 'plain'),
      row(`gzip ${bytes(gzSize)}: floor + gunzip ${secs(gunzip.wallMs)}`, gzFloorMs, gzFloorCpuMs, 'gz'),
    ],
  );
  const memory = table(
    ['input', 'floor script', 'service-level', 'occupancy', 'target'],
    [
      [`NDJSON ${bytes(size)}`, mb(floor.maxRssMB), mb(runs['service-level'].plain.maxRssMB), mb(runs.occupancy.plain.maxRssMB), '< 200 MB'],
      [`gzip ${bytes(gzSize)}`, '', mb(runs['service-level'].gz.maxRssMB), mb(runs.occupancy.gz.maxRssMB), '< 200 MB'],
      [`NDJSON ${bytes(bigSize)}`, '', mb(bigRuns['service-level'].peakRssMB), mb(bigRuns.occupancy.peakRssMB), '< 200 MB'],
    ],
  );
  const bigThroughput = `${bytes(bigSize)}: service-level ${secs(bigRuns['service-level'].wallMs)}, occupancy ${secs(bigRuns.occupancy.wallMs)}`;
  return [
    `### 1. Offline throughput (median of ${reps} interleaved runs; wall time, CPU user+sys in brackets; page cache warm; CSV to /dev/null)`,
    throughput,
    '',
    `All wall times (ms): floor ${fmtAll(floor)}; gunzip ${fmtAll(gunzip)}; ` +
      Object.entries(runs).map(([c, r]) => `${c} ${fmtAll(r.plain)} / gz ${fmtAll(r.gz)}`).join('; '),
    '',
    '### 2. Peak RSS (max over the runs above; GNU time %M)',
    memory,
    '',
    `Wall time on the big file: ${bigThroughput}.`,
  ].join('\n');
}

const fmtAll = (r) => r.all.map((v) => Math.round(v)).join(', ');
