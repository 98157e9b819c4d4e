import { writeFileSync } from 'node:fs';
import { renderHtml } from './src/output/html/render-html.js';
import { OCCUPANCY_COLUMNS, occupancyRows } from './test/output/report-rows.js';
const t = Date.now();
const html = [...renderHtml({ columns: OCCUPANCY_COLUMNS, rows: occupancyRows({ agents: 1000, intervals: 7 * 48 }) } as any, { report: 'occupancy', timeZone: 'America/New_York', interval: '30m', source: 'x' })].join('');
writeFileSync('/tmp/pictures-big.html', html);
console.log(html.length, Date.now() - t, 'ms');
const i = html.indexOf('<h2>Rows'); console.log('charts', i, 'table', html.length - i);
