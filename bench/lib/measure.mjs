/**
 * Runs a command as a child process and measures its wall time, CPU time and peak RSS. Peak RSS and CPU come
 * from GNU time (`/usr/bin/time -f '%M %U %S'`, the kernel's rusage of the child) when installed; otherwise peak
 * RSS comes from polling the child's VmHWM in /proc (a lower bound, exact at the last poll) and CPU is unknown.
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const GNU_TIME = '/usr/bin/time';
const hasGnuTime = existsSync(GNU_TIME);
let seq = 0;

/**
 * @param {string} cmd
 * @param {string[]} args
 * @param {{ env?: Record<string,string>, stdout?: string, cwd?: string, rss?: boolean }} [opts] stdout: 'ignore'
 *   (default) or 'pipe'; rss: false spawns the command directly (no peak RSS), for start-up timings
 * @returns {Promise<{ wallMs: number, cpuMs: number, peakRssMB: number, code: number|null, stdout: string, stderr: string }>}
 */
export async function measure(cmd, args, opts = {}) {
  const rssFile = join(tmpdir(), `gcx-bench-rss-${process.pid}-${++seq}`);
  const gnuTime = hasGnuTime && opts.rss !== false;
  const [file, argv] = gnuTime ? [GNU_TIME, ['-f', '%M %U %S', '-o', rssFile, cmd, ...args]] : [cmd, args];
  const started = performance.now();
  const child = spawn(file, argv, {
    env: opts.env ?? process.env,
    cwd: opts.cwd,
    stdio: ['ignore', opts.stdout === 'pipe' ? 'pipe' : 'ignore', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  let polledKB = 0;
  const poll = gnuTime || opts.rss === false ? undefined : setInterval(() => (polledKB = Math.max(polledKB, vmHwmKB(child.pid))), 50);
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (c) => resolve(c));
  });
  const wallMs = performance.now() - started;
  if (poll) clearInterval(poll);
  let peakKB = polledKB;
  let cpuMs = NaN;
  if (gnuTime) {
    const [kb, user, sys] = readFileSync(rssFile, 'utf8').trim().split('\n').pop().split(' ').map(Number);
    peakKB = kb;
    cpuMs = (user + sys) * 1000;
    rmSync(rssFile, { force: true });
  }
  return { wallMs, cpuMs, peakRssMB: peakKB / 1024, code, stdout, stderr };
}

function vmHwmKB(pid) {
  try {
    const m = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

/** The run with the median wall time, with every run's wall time, the median CPU time and the highest peak RSS. */
export function summarize(runs) {
  const sorted = [...runs].sort((a, b) => a.wallMs - b.wallMs);
  const median = sorted[Math.floor((sorted.length - 1) / 2)];
  const cpu = [...runs].map((r) => r.cpuMs).sort((a, b) => a - b);
  return {
    ...median,
    all: runs.map((r) => r.wallMs),
    medianCpuMs: cpu[Math.floor((cpu.length - 1) / 2)],
    maxRssMB: Math.max(...runs.map((r) => r.peakRssMB)),
  };
}

/** Fails loudly: a benchmark of a command that errored is no figure at all. */
export function check(run, what) {
  if (run.code !== 0) throw new Error(`${what} exited with ${run.code}: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  return run;
}
