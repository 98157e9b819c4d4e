/**
 * Issue 29, HTML row: a week of the 1,000-agent org as an HTML occupancy report (30 minutes, every agent) — the
 * CLI's peak RSS writing it, the page's size, and how long Debian's Chromium takes to open it (navigation to the
 * load event, then to the first paint after it), offline with every other request refused.
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { chromium } from 'playwright-core';
import { check } from '../lib/measure.mjs';
import { ORG, utcDays } from '../lib/data.mjs';
import { runAgainstSim, startSimBehindProxy } from '../lib/sim-run.mjs';
import { bytes, mb, secs, table } from '../lib/table.mjs';

const CHROMIUM = '/usr/bin/chromium';
const RSS_TARGET_MB = 250;
const OPEN_TARGET_MS = 3_000;
const OPENS = 3;
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export async function html({ quick, log, env, dir }) {
  const org = quick ? { ...ORG, agents: 100 } : ORG;
  const days = 7;
  const window = [...utcDays(days), '--interval', '30m'];
  const rows = [];
  const s = await startSimBehindProxy(org);
  const pages = [];
  try {
    for (const report of ['occupancy', 'service-level']) {
      const out = join(dir, `${report}-${org.agents}-${days}d.html`);
      log(`${report} --format html, ${days} days, ${org.agents} agents`);
      const args = [report, ...window, '--request-timeout', '600', '--format', 'html', '--output', out, '--quiet'];
      const r = check(await runAgainstSim(s, args, { env }), `${report} --format html`);
      pages.push({ report, out, r });
    }
  } finally {
    await s.close();
  }
  if (!existsSync(CHROMIUM)) log(`opening skipped: no ${CHROMIUM}`);
  for (const { report, out, r } of pages) {
    const opened = existsSync(CHROMIUM) ? await openTimes(out, dir) : undefined;
    rows.push([
      `${report}, ${days} days`,
      bytes(statSync(out).size),
      secs(r.wallMs),
      mb(r.peakRssMB),
      `≤ ${RSS_TARGET_MB} MB`,
      opened ? secs(median(opened.load)) : 'not run',
      opened ? secs(median(opened.painted)) : 'not run',
      `≤ ${secs(OPEN_TARGET_MS)}`,
    ]);
  }
  return [
    `### HTML report of a ${org.agents}-agent week (30 minutes, every agent / queue; Chromium headless, median of ${OPENS} opens)`,
    table(['report', 'page', 'CLI wall', 'CLI peak RSS', 'target', 'open: load event', 'open: painted', 'target'], rows),
    '',
    'Baseline: not measured before this round (issue 29). "load event" is page.goto to the load event of a file:// URL in a fresh tab; ' +
      '"painted" adds two animation frames after it, so layout and the first paint of the whole page are in.',
  ].join('\n');
}

async function openTimes(file, dir) {
  const context = await chromium.launchPersistentContext(join(dir, 'chromium-profile'), {
    executablePath: CHROMIUM,
    headless: true,
    offline: true,
    viewport: { width: 1400, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const url = `file://${file}`;
  const load = [];
  const painted = [];
  try {
    for (let i = 0; i < OPENS; i++) {
      const page = await context.newPage();
      await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));
      const t0 = performance.now();
      await page.goto(url, { waitUntil: 'load', timeout: 120_000 });
      load.push(performance.now() - t0);
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
      painted.push(performance.now() - t0);
      await page.close();
    }
  } finally {
    await context.close();
  }
  return { load, painted };
}
