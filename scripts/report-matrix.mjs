// Writes every report × format × source over one fixed window of the simulated org into OUTDIR, so two builds can
// be compared byte for byte (`diff -r before after`): refactors must not change a single output byte.
// Usage: npm run build && node scripts/report-matrix.mjs OUTDIR
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createOrg, writeConversationsNdjson } from '../dist/sim.js';

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: node scripts/report-matrix.mjs OUTDIR\n');
  process.exit(2);
}
const dir = resolve(out);
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
const bin = fileURLToPath(new URL('../bin/gcx-metrics.js', import.meta.url));
const env = { PATH: process.env.PATH ?? '', TZ: 'UTC', HOME: dir };

// A past window, so the simulator's answers do not depend on today's clock.
const from = '2026-11-18T08:00';
const to = '2026-11-19T10:00';
const tz = 'America/New_York';
const window = ['--from', from, '--to', to, '--tz', tz];

const input = join(dir, 'details.ndjson');
const lines = [];
await writeConversationsNdjson(createOrg({ seed: 7 }), Date.parse('2026-11-17T00:00:00Z'), Date.parse('2026-11-21T00:00:00Z'), (chunk) => {
  lines.push(chunk);
});
writeFileSync(input, lines.join(''));

function run(name, args) {
  const result = spawnSync(process.execPath, [bin, ...args], { env, cwd: dir, encoding: 'buffer', maxBuffer: 1 << 30 });
  writeFileSync(join(dir, `${name}.out`), result.stdout);
  writeFileSync(join(dir, `${name}.err`), result.stderr.toString().replace(/demo: reporting on the simulated org at \S+/, 'demo: <url>'));
  writeFileSync(join(dir, `${name}.code`), `${result.status}\n`);
}

const db = join(dir, 'history.sqlite');
run('sync', ['sync', '--demo', '--db', db, '--from', '2026-11-18', '--to', '2026-11-19', '--tz', tz, '--threshold', 'queue']);

const reports = {
  occupancy: [[]],
  'service-level': [[], ['--threshold', 'queue'], ['--threshold', '15', '--target', '80', '--by', 'media'], ['--formula', 'offered', '--short-abandon', '5']],
};
const intervals = [[], ['--interval', '1h'], ['--interval', 'total']];
for (const [report, variants] of Object.entries(reports)) {
  variants.forEach((variant, v) => {
    for (const [i, interval] of intervals.entries()) {
      for (const [source, args] of Object.entries({ api: ['--demo'], input: ['--input', input], db: ['--db', db] })) {
        // --db reads the stored goals: only the threshold it was synced with.
        if (source === 'db' && variant.length > 0 && variant[1] !== 'queue') continue;
        for (const format of ['csv', 'json', 'ndjson', 'table', 'html']) {
          run(`${report}.${v}.${i}.${source}.${format}`, [report, ...args, ...window, ...interval, ...variant, '--format', format]);
        }
        const parquet = join(dir, `${report}.${v}.${i}.${source}.parquet`);
        run(`${report}.${v}.${i}.${source}.parquet-run`, [report, ...args, ...window, ...interval, ...variant, '--output', parquet]);
      }
    }
  });
}
process.stdout.write(`wrote ${dir}\n`);
