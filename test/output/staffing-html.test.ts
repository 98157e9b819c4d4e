import { describe, expect, it } from 'vitest';
import { STAFFING_COLUMNS } from '../../src/metrics/rows.js';
import { renderHtml } from '../../src/output/html/render-html.js';
import { staffingHtmlInput, staffingRows } from './staffing-rows.js';

const meta = {
  report: 'staffing' as const,
  window: { start: '2026-11-20T08:00:00+00:00', end: '2026-11-20T20:00:00+00:00' },
  timeZone: 'UTC',
  interval: '30m',
  source: 'aggregates, queue members, routing status',
};

describe('staffing HTML', () => {
  const evil = '<script>alert(1)</script>';
  const rows = staffingRows({ intervals: 24, queueName: evil });
  const page = [...renderHtml(staffingHtmlInput(STAFFING_COLUMNS, rows), meta)].join('');
  // Required per interval at 12 staffed: short where Erlang C needs 13 or more (offered ≥ ~77 at AHT 180 s).
  const short = rows.filter((r) => r.values.requiredAgents !== null && r.values.staffedAgents < r.values.requiredAgents).length;

  it('draws a staffed bar and an offered bar per interval, orange and marked ▼ where short', () => {
    expect(short).toBeGreaterThan(0);
    expect(short).toBeLessThan(24);
    expect(page.match(/<rect class="staffed/g)).toHaveLength(24);
    expect(page.match(/<rect class="staffed short"/g)).toHaveLength(short);
    expect(page.match(/class="short-mark"/g)).toHaveLength(short);
    expect(page.match(/<rect class="offered"/g)).toHaveLength(24);
    expect(page).toContain('<path class="required" d="M');
  });

  it('escapes queue names in headings, labels and the table', () => {
    expect(page).not.toContain(evil);
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; · voice');
    expect(page).toContain('<title>Queue staffing: required vs staffed agents');
  });

  it('the hover text says the printed numbers: required, staffed, gap', () => {
    const peak = rows[12]!;
    expect(peak.values.requiredAgents).toBe(14); // 100 offered × 180 s in 30 min: A = 10, the classic 14
    expect(page).toContain('required 14, staffed 12, gap -2 (short)');
  });
});
