/**
 * Items 1 and 2 (issue 15): `--input` CPU and wall time against a bare line-by-line JSON.parse floor, peak RSS at
 * two input sizes (memory must not follow input size), and a check that the byte scanner's output is
 * byte-identical to the JSON.parse path's on the whole file.
 */
import { createReadStream, createWriteStream, existsSync, statSync } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { check, measure, summarize } from '../lib/measure.mjs';
import { concatenate, generateNdjson, warmCache } from '../lib/data.mjs';
import { bytes, mb, ratio, secs, table } from '../lib/table.mjs';

const CLI = 'bin/gcx-metrics.js';
const TASKSET = '/usr/bin/taskset';
const FIRST_DAY = Date.UTC(2026, 9, 1);

/**
 * The same records, each with a first field whose key is spelled with an escape (`"\u0078": 0`): the scanner
 * falls back to JSON.parse + walkRecord on every one, so this file's report is the reference path's report.
 */
async function writeFallbackVariant(source, path, log) {
  if (existsSync(path)) return;
  log(`writing ${path}: every record forced through JSON.parse`);
  const out = createWriteStream(path, { highWaterMark: 1 << 22 });
  for await (const line of createInterface({ input: createReadStream(source, { highWaterMark: 1 << 22 }), crlfDelay: Infinity })) {
    if (line.length === 0) continue;
    if (!out.write(`{"\\u0078":0,${line.slice(1)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}

export async function offline({ dir, quick, log, env }) {
  const days = quick ? 1 : 10; // 10 days of the 1,000-agent org ≈ 1.1 GB
  const copies = 5;
  const reps = quick ? 3 : 5;
  const plain = join(dir, 'month.ndjson');
  const gz = `${plain}.gz`;
  const big = join(dir, `month-x${copies}.ndjson`);
  const reference = join(dir, 'month.fallback.ndjson');

  log(`generating ${days} day(s) of the 1,000-agent org as NDJSON and gzip in ${dir}`);
  const { bytes: size } = await generateNdjson(plain, gz, FIRST_DAY, days, log);
  const bigSize = await concatenate(plain, copies, big, log);
  await writeFallbackVariant(plain, reference, log);
  const gzSize = statSync(gz).size;
  for (const f of [plain, gz]) await warmCache(f);

  const node = (script, ...args) => measure(process.execPath, [script, ...args], { env });
  const cli = (command, input, out = 'ignore') =>
    measure(process.execPath, [CLI, command, '--input', input, '--format', 'csv', '--quiet'], { env, stdout: out });
  // The CPU target is for one core: pinned there (taskset), Node sees one CPU and the CLI reads on one thread.
  const oneCore = existsSync(TASKSET)
    ? (command) => measure(TASKSET, ['-c', '0', process.execPath, CLI, command, '--input', plain, '--format', 'csv', '--quiet'], { env })
    : undefined;
  // Interleaved rounds (floor, gunzip, each CLI run, then again): a busy moment on a shared machine then hits
  // every case alike instead of skewing one of them.
  const cases = [
    ['floor', 'floor: readline + JSON.parse', () => node('bench/floor-parse.mjs', plain)],
    ['gunzip', 'zlib gunzip alone', () => node('bench/floor-gunzip.mjs', gz)],
    ['service-level', 'service-level --input NDJSON', () => cli('service-level', plain)],
    ['service-level.gz', 'service-level --input gzip', () => cli('service-level', gz)],
    ['occupancy', 'occupancy --input NDJSON', () => cli('occupancy', plain)],
    ['occupancy.gz', 'occupancy --input gzip', () => cli('occupancy', gz)],
    ...(oneCore
      ? [
          ['service-level.1', 'service-level --input NDJSON on one core', () => oneCore('service-level')],
          ['occupancy.1', 'occupancy --input NDJSON on one core', () => oneCore('occupancy')],
        ]
      : []),
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
    'service-level': { plain: pick('service-level'), gz: pick('service-level.gz'), ...(oneCore ? { one: pick('service-level.1') } : {}) },
    occupancy: { plain: pick('occupancy'), gz: pick('occupancy.gz'), ...(oneCore ? { one: pick('occupancy.1') } : {}) },
  };

  log(`byte-identical output: scanner vs JSON.parse path, NDJSON vs gzip vs ${copies}× the file`);
  const identical = [];
  for (const command of ['service-level', 'occupancy']) {
    const outputs = {};
    for (const [name, input] of [['scanner', plain], ['JSON.parse path', reference], ['gzip', gz], [`${copies}× (duplicates skipped)`, big]]) {
      const r = check(await cli(command, input, 'pipe'), `${command} ${name}`);
      outputs[name] = { text: r.stdout, rss: r.peakRssMB, wall: r.wallMs, cpu: r.cpuMs };
    }
    const base = outputs.scanner.text;
    const same = Object.entries(outputs).filter(([name]) => name !== 'scanner').map(([name, o]) => `${name}: ${o.text === base ? 'identical' : 'DIFFERENT'}`);
    identical.push([command, `${base.split('\n').length - 2} rows`, ...same]);
    runs[command].big = outputs[`${copies}× (duplicates skipped)`];
    runs[command].reference = outputs['JSON.parse path'];
  }

  const gzFloorMs = floor.wallMs + gunzip.wallMs;
  const gzFloorCpuMs = floor.medianCpuMs + gunzip.medianCpuMs;
  const row = (label, floorWall, floorCpu, key) => {
    const cells = [label, `${secs(floorWall)} (${secs(floorCpu)})`];
    for (const command of ['service-level', 'occupancy']) {
      const r = runs[command][key];
      cells.push(`${secs(r.wallMs)} (${secs(r.medianCpuMs)})`, `${ratio(r.wallMs, floorWall)} (${ratio(r.medianCpuMs, floorCpu)})`);
    }
    return [...cells, 'CPU ≤ 0.60×; wall on 2 cores ≤ 0.40×'];
  };
  const throughput = table(
    ['input', 'floor wall (CPU)', 'service-level', 'ratio wall (CPU)', 'occupancy', 'ratio wall (CPU)', 'target (issue 15)'],
    [
      row(`NDJSON ${bytes(size)}`, floor.wallMs, floor.medianCpuMs, 'plain'),
      ...(oneCore ? [row(`NDJSON ${bytes(size)}, one core (taskset -c 0)`, floor.wallMs, floor.medianCpuMs, 'one')] : []),
      row(`gzip ${bytes(gzSize)}: floor + gunzip ${secs(gunzip.wallMs)}`, gzFloorMs, gzFloorCpuMs, 'gz'),
    ],
  );
  const reference1 = ['service-level', 'occupancy'].map((c) => `${c} ${secs(runs[c].reference.wall)} (${secs(runs[c].reference.cpu)})`).join(', ');
  const memory = table(
    ['input', 'floor script', 'service-level', 'occupancy', 'target'],
    [
      // Issue 29's row: the worker-thread path (two workers, each its own heap) peaked at 213 MB on 2026-11-25.
      [`NDJSON ${bytes(size)}${size >= 256 * 2 ** 20 ? ' (worker threads)' : ''}`, mb(floor.maxRssMB), mb(runs['service-level'].plain.maxRssMB), mb(runs.occupancy.plain.maxRssMB),
        `≤ 150 MB (issue 29; baseline 213 MB: ${ratio(Math.max(runs['service-level'].plain.maxRssMB, runs.occupancy.plain.maxRssMB), 213)})`],
      ...(oneCore ? [[`NDJSON ${bytes(size)}, one core`, '', mb(runs['service-level'].one.maxRssMB), mb(runs.occupancy.one.maxRssMB), '≤ 100 MB']] : []),
      [`gzip ${bytes(gzSize)}`, '', mb(runs['service-level'].gz.maxRssMB), mb(runs.occupancy.gz.maxRssMB), '≤ 100 MB'],
      [`NDJSON ${bytes(bigSize)} (${copies} copies)`, '', mb(runs['service-level'].big.rss), mb(runs.occupancy.big.rss), '≤ 100 MB, flat'],
    ],
  );
  return [
    `### 1. Offline throughput (median of ${reps} interleaved runs; wall time, CPU user+sys in brackets; page cache warm; CSV to /dev/null; ` +
      `NDJSON of 256 MB or more is scanned by ${availableParallelism()} worker threads when a 100 ms sample of the CPUs finds a core idle, ` +
      `else on one thread, as gzip always is)`,
    throughput,
    '',
    `All wall times (ms): floor ${fmtAll(floor)}; gunzip ${fmtAll(gunzip)}; ` +
      Object.entries(runs).map(([c, r]) => `${c} ${fmtAll(r.plain)} / gz ${fmtAll(r.gz)}`).join('; '),
    '',
    `The same file through the JSON.parse path (every record's first key spelled with an escape, so the scanner falls back): ${reference1}.`,
    '',
    '### 1b. Output byte-identical (CSV of the whole file)',
    // gzip is read on one thread, the NDJSON by worker threads: "vs gzip" is the worker path against the single-threaded one.
    table(['report', 'size', 'vs JSON.parse path', 'vs gzip (one thread)', `vs ${copies}× the file`], identical),
    '',
    '### 2. Peak RSS (max over the runs above; GNU time %M)',
    memory,
    '',
    `Wall time on the big file: service-level ${secs(runs['service-level'].big.wall)}, occupancy ${secs(runs.occupancy.big.wall)}.`,
  ].join('\n');
}

const fmtAll = (r) => r.all.map((v) => Math.round(v)).join(', ');
