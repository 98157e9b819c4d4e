// Takes the README's pictures of the two HTML reports: runs the built CLI on the demo org for a fixed day, opens
// each page in Debian's chromium (playwright-core, network blocked) at a laptop's 1,400 px and a narrow 800 px
// window, and saves the top of the page down to the end of its first chart as a small PNG; staffing and the
// wallboard at one width.
//   npm run build && node scripts/readme-screenshots.mjs
//   → docs/img/{occupancy,service-level}-{800,1400}.png, docs/img/staffing.png, docs/img/wallboard.png
//     (the README shows them; test/e2e/readme.test.ts checks them)
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

const DAY = ['--demo', '--from', '2026-11-20', '--to', '2026-11-20', '--tz', 'America/New_York', '--quiet'];
const REPORTS = [
  { name: 'occupancy', args: ['occupancy', ...DAY], clip: 'svg.heatmap' },
  { name: 'service-level', args: ['service-level', ...DAY, '--queue', '785e97bd-d8dc-4db8-b0ba-7d967d81bf5a,a4e4d5bc-d7cc-402d-b757-9f0de75a4c3b', '--media', 'voice', '--threshold', 'queue'], clip: 'svg.sl' },
  { name: 'staffing', args: ['staffing', ...DAY, '--queue', '785e97bd-d8dc-4db8-b0ba-7d967d81bf5a'], clip: 'svg.staffing', widths: [1100] },
  // The demo org this minute (the simulator's live state follows the clock, so this picture changes with the hour).
  { name: 'wallboard', args: ['now', '--demo', '--quiet'], clip: 'main', widths: [1100] },
];
export const WIDTHS = [800, 1400];

const dir = mkdtempSync(join(tmpdir(), 'gcx-shots-'));
const context = await chromium.launchPersistentContext(join(dir, 'profile'), {
  executablePath: '/usr/bin/chromium',
  headless: true,
  offline: true,
  viewport: { width: 1400, height: 900 },
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  for (const report of REPORTS) {
    const file = join(dir, `${report.name}.html`);
    execFileSync(process.execPath, ['bin/gcx-metrics.js', ...report.args, '--output', file], { stdio: 'inherit' });
    for (const width of report.widths ?? WIDTHS) {
      const page = await context.newPage();
      await page.setViewportSize({ width, height: 900 });
      await page.route('**/*', (route) => (route.request().url().startsWith('file:') ? route.continue() : route.abort()));
      await page.goto(`file://${file}`);
      // From the top of the page to the end of the first chart: the header, the legend and one chart.
      const chart = await page.locator(report.clip).first().boundingBox();
      const out = resolve('docs/img', report.widths ? `${report.name}.png` : `${report.name}-${width}.png`);
      await page.screenshot({ path: out, clip: { x: 0, y: 0, width, height: Math.ceil(chart.y + chart.height + 12) } });
      console.log(`${out}: ${Math.round(statSync(out).size / 1024)} KB`);
      await page.close();
    }
  }
} finally {
  await context.close();
  rmSync(dir, { recursive: true, force: true });
}
