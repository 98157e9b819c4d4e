/**
 * The README runs as written for someone who cloned the repository: its commands use `npx gcx-metrics` (the clone's
 * own CLI, nothing global), the quick start's and every block marked `<!-- runnable -->` run in a shell from a fresh
 * directory inside the clone, and every dependency with an install script has an explicit allowScripts decision.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const README = readFileSync(join(REPO, 'README.md'), 'utf8');

interface Block {
  lang: string;
  body: string;
  runnable: boolean;
  section: string;
}

/** Fenced blocks with their language, their `## ` section and whether an `<!-- runnable -->` line precedes them. */
export function fencedBlocks(md: string): Block[] {
  const blocks: Block[] = [];
  const lines = md.split('\n');
  let section = '';
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith('## ')) section = line.slice(3).trim();
    const open = /^```(\S*)/.exec(line);
    if (!open) continue;
    const end = lines.indexOf('```', i + 1);
    blocks.push({ lang: open[1]!, body: lines.slice(i + 1, end).join('\n'), runnable: lines[i - 1]?.trim() === '<!-- runnable -->', section });
    i = end;
  }
  return blocks;
}

/**
 * A block as a script: comments dropped, and `npm …` steps left out (installing and the test suite are what this
 * suite runs inside of; `npm ci` on a fresh copy is checked by hand, see the commit that added allowScripts).
 */
export function scriptOf(body: string): string {
  return body
    .split('\n')
    .map((l) => l.replace(/\s+#\s.*$/, ''))
    .map((l) => l.split(' && ').filter((step) => !/^\s*npm\s/.test(step)).join(' && '))
    .filter((l) => l.trim() !== '')
    .join('\n');
}

const shell = fencedBlocks(README).filter((b) => b.lang === 'sh' || b.lang === 'console' || b.lang === 'cron' || b.lang === '');
const toRun = fencedBlocks(README).filter((b) => b.lang === 'sh' && (b.runnable || b.section === 'Quick start') && scriptOf(b.body) !== '');

describe('README commands', () => {
  it('every gcx-metrics command in a shell, console or cron block is run through npx (a clone has no bare gcx-metrics)', () => {
    const bare: string[] = [];
    for (const b of shell) {
      for (const line of b.body.split('\n')) {
        // Commands, not the synopsis table (`gcx-metrics occupancy      [window] …`).
        if (/\[window\]|\[selection\]|\[output\]|\[--db TARGET\]|\[--port N\]|\[command\]/.test(line)) continue;
        if (/(?<![\w/.-])(?<!npx )gcx-metrics (occupancy|service-level|now|staffing|list|sync|sim)\b/.test(line)) bare.push(line.trim());
        if (line.includes('node_modules/.bin/gcx-metrics')) bare.push(line.trim());
      }
    }
    expect(bare).toEqual([]);
  });

  it('the quick start and the runnable blocks are found (the test below cannot pass by running nothing)', () => {
    const scripts = toRun.map((b) => scriptOf(b.body));
    expect(scripts).toContain('npx gcx-metrics occupancy --demo --since 24h');
    expect(scripts.some((s) => s.startsWith('eval "$(npx gcx-metrics sim --export --port 0)"'))).toBe(true);
    expect(scripts.some((s) => s.startsWith('npx gcx-metrics sync --demo'))).toBe(true);
  });
});

describe('README blocks run as written', () => {
  mkdirSync(join(REPO, 'test-artifacts'), { recursive: true });
  const cwds: string[] = [];
  afterAll(() => {
    for (const d of cwds) rmSync(d, { recursive: true, force: true });
  });

  /** bash in a fresh directory inside the clone; PATH holds node and npx but no global gcx-metrics; npm never asks the registry. */
  const run = (script: string) =>
    new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const cwd = mkdtempSync(join(REPO, 'test-artifacts', 'readme-'));
      cwds.push(cwd);
      const env = {
        PATH: `${dirname(process.execPath)}:/usr/bin:/bin`,
        HOME: process.env.HOME ?? cwd,
        TZ: 'UTC',
        npm_config_offline: 'true',
        npm_config_update_notifier: 'false',
      };
      const child = spawn('bash', ['--norc', '--noprofile', '-e', '-c', script], { cwd, env });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      const timer = setTimeout(() => child.kill('SIGKILL'), 100_000);
      child.on('close', (code) => {
        clearTimeout(timer);
        resolve({ code, stdout, stderr });
      });
    });

  it.each(toRun.map((b) => [scriptOf(b.body).split('\n')[0]!, scriptOf(b.body)]))('%s', async (_first, script) => {
    const r = await run(script);
    expect(r.stderr).not.toMatch(/command not found|npm (error|ERR)/);
    expect(r.code, r.stderr).toBe(0);
    // Every block ends in a report or a kill after one: some CSV reached stdout.
    expect(r.stdout).toMatch(/^interval_start,interval_end,/m);
  }, 120_000);
});

describe('install scripts (npm 11 allowScripts)', () => {
  it('every locked package with an install script has an explicit allow or deny', () => {
    const pkg = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> };
    const lock = JSON.parse(readFileSync(join(REPO, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const withScripts = Object.entries(lock.packages)
      .filter(([, p]) => p.hasInstallScript)
      .map(([path]) => path.replace(/^.*node_modules\//, ''));
    expect(withScripts.length).toBeGreaterThan(0);
    for (const name of withScripts) expect(Object.keys(pkg.allowScripts ?? {}), name).toContain(name);
    expect(pkg.allowScripts).toEqual({ 'better-sqlite3': true, esbuild: false });
  });
});

describe('README pictures', () => {
  it('every picture it shows exists, made by scripts/readme-screenshots.mjs at the width its name says (800 and 1,400 px; staffing and the wallboard at 1,100)', () => {
    const images = [...README.matchAll(/!\[[^\]]*\]\((docs\/img\/[^)]+\.png)\)/g)].map((m) => m[1]!);
    expect(images.sort()).toEqual([
      'docs/img/occupancy-1400.png',
      'docs/img/occupancy-800.png',
      'docs/img/service-level-1400.png',
      'docs/img/service-level-800.png',
      'docs/img/staffing.png',
      'docs/img/wallboard.png',
    ]);
    const script = readFileSync(join(REPO, 'scripts/readme-screenshots.mjs'), 'utf8');
    expect(script).toContain('WIDTHS = [800, 1400]');
    for (const image of images) {
      const png = readFileSync(join(REPO, image));
      // PNG: the IHDR chunk's width is the big-endian word at byte 16.
      expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(Number(/-(\d+)\.png$/.exec(image)?.[1] ?? 1100));
    }
  });
});

describe('README samples', () => {
  it('are what their commands print now (scripts/readme-samples.mjs), and a drifted one is found', async () => {
    // @ts-expect-error: a plain .mjs script without types
    const { regenerate } = (await import('../../scripts/readme-samples.mjs')) as { regenerate: (text: string) => { text: string; changed: string[] } };
    const marked = README.split('\n').filter((l) => l.startsWith('<!-- sample: ')).length;
    expect(marked).toBeGreaterThanOrEqual(5);
    // Drift one sample on purpose: exactly that one is reported, every other sample matches.
    const drifted = README.replace('Aiden Johnson ', 'Aiden Johnsen ');
    expect(drifted).not.toBe(README);
    const { text, changed } = regenerate(drifted);
    expect(changed).toEqual([expect.stringMatching(/^line \d+: occupancy --demo --agent$/)]);
    expect(text).toBe(README);
  }, 120_000);
});
