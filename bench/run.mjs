#!/usr/bin/env node
/**
 * `npm run bench` — builds what it needs and prints figures (markdown tables), never pass/fail.
 *   node bench/run.mjs [offline|requests|occupancy-requests|parquet|html|total|now-watch|pacing|coldstart|sync|tests|sl-memory|all]... [--quick] [--keep] [--dir DIR]
 * --quick: ~100 MB inputs, a 100-agent org for the request counts, a 60/minute limit for pacing.
 * --keep: keep the generated files (printed at the end). --dir DIR: work in DIR and keep it; files already
 * there are reused, so repeated runs skip generation.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { machine } from './lib/machine.mjs';

const SECTIONS = ['offline', 'requests', 'occupancy-requests', 'parquet', 'html', 'total', 'now-watch', 'pacing', 'coldstart', 'sync', 'tests'];
/** Parts of a section, runnable alone but not part of `all`: sl-memory is 3a of requests. */
const EXTRA = ['sl-memory'];

function parseArgs(argv) {
  const o = { sections: [], quick: false, keep: false, dir: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') o.quick = true;
    else if (a === '--keep') o.keep = true;
    else if (a === '--dir') o.dir = argv[++i];
    else if (a === 'all') o.sections.push(...SECTIONS);
    else if (SECTIONS.includes(a) || EXTRA.includes(a)) o.sections.push(a);
    else {
      process.stderr.write(`bench: unknown argument "${a}"; expected ${[...SECTIONS, ...EXTRA].join('|')}|all, --quick, --keep, --dir DIR\n`);
      process.exit(2);
    }
  }
  if (o.sections.length === 0) o.sections.push(...SECTIONS);
  o.sections = [...new Set(o.sections)];
  return o;
}

const o = parseArgs(process.argv.slice(2));
process.chdir(new URL('..', import.meta.url).pathname);
const dir = o.dir ?? mkdtempSync(join(tmpdir(), 'gcx-bench-'));
mkdirSync(dir, { recursive: true });
const keep = o.keep || o.dir !== undefined;
const started = Date.now();
const log = (m) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${m}\n`);
// The CLI sees only what it needs: no credentials or .env from the caller's environment.
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', TZ: 'UTC', HOME: dir };
const ctx = { dir, quick: o.quick, log, env };

const load = () => loadavg()[0].toFixed(2);
const m = machine();
const out = [
  `## gcx-metrics bench${o.quick ? ' (--quick)' : ''}: ${new Date().toISOString()}`,
  '',
  `Command: \`node bench/run.mjs ${process.argv.slice(2).join(' ')}\`  `,
  `Machine: ${m.cpu}; ${m.memory}; ${m.os}; Node ${m.node}; /tmp: ${m.disk}`,
  '',
];
process.stdout.write(out.join('\n'));
let failed = false;
try {
  for (const name of o.sections) {
    const mod = await import(`./sections/${name}.mjs`);
    try {
      const before = load();
      const t0 = Date.now();
      // A section exports its runner under its name in camelCase (occupancy-requests → occupancyRequests).
      const text = await mod[name.replace(/-(\w)/g, (_, c) => c.toUpperCase())](ctx);
      // Other work on the machine shows up here: a 1-minute load above nproc means the figures are inflated.
      process.stdout.write(`\n${text}\n\n_${name}: ${((Date.now() - t0) / 1000).toFixed(0)} s; load average (1 min) before ${before}, after ${load()}_\n`);
    } catch (error) {
      failed = true;
      process.stdout.write(`\n### ${name}: FAILED — ${error instanceof Error ? error.message : error}\n`);
      log(error instanceof Error && error.stack ? error.stack : String(error));
    }
  }
} finally {
  if (keep) log(`kept the generated files in ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
process.exitCode = failed ? 1 : 0;
