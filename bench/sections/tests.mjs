/**
 * Issue 29, test-suite row: the wall time of `npm test` (typecheck, build, every test file with its own
 * throw-away PostgreSQL), as the README tells a contributor to run it. Only meaningful on an otherwise idle
 * machine: the suite itself runs two files at a time.
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { ratio, secs, table } from '../lib/table.mjs';

const BASELINE_MS = 390_000; // ≈ 380–400 s on an idle 2-core machine (issue 29, 2026-11-25)
const TARGET_MS = 240_000;

export async function tests({ log }) {
  log('npm test (typecheck, build, the whole suite)');
  const t0 = performance.now();
  // The caller's environment: npm needs its HOME and PATH, the suite its own defaults (no credentials are read).
  const { code, output: raw } = await run('npm', ['test'], { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' });
  // Vitest colours its summary even into a pipe: the codes go before it is read.
  const output = raw.replace(/\x1b\[[0-9;]*m/g, '');
  const wallMs = performance.now() - t0;
  if (code !== 0) throw new Error(`npm test exited ${code}:\n${output.slice(-2000)}`);
  // Vitest's summary: " Test Files  124 passed (124)" and "      Tests  1312 passed (1312)".
  const files = /Test Files\s+(.+)/.exec(output)?.[1]?.trim() ?? '?';
  const count = /\n\s+Tests\s+(.+)/.exec(output)?.[1]?.trim() ?? '?';
  const duration = /Duration\s+([\d.]+\s*m?s)/.exec(output)?.[1] ?? '?';
  return [
    '### `npm test` wall time (typecheck + build + vitest, two files at a time)',
    table(['run', 'test files', 'tests', 'vitest duration', 'wall', 'baseline', 'ratio', 'target'], [
      ['npm test', files, count, duration, secs(wallMs), `${secs(BASELINE_MS)} (≈ 380–400 s)`, ratio(wallMs, BASELINE_MS), `≤ ${secs(TARGET_MS)}`],
    ]),
  ].join('\n');
}

function run(cmd, args, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
