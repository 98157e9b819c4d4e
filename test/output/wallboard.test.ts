import { describe, expect, it } from 'vitest';
import { escapeHtml } from '../../src/output/html/escape-html.js';
import { clockText, renderWallboard } from '../../src/output/html/wallboard.js';
import { HOSTILE, WALL_ROWS } from './now-rows.js';

const META = { observedAt: '2026-11-20T10:30:00-05:00', refreshSeconds: 30, timeZone: 'America/New_York' };
const page = renderWallboard(WALL_ROWS, META);
const count = (text: string, needle: string) => text.split(needle).length - 1;

describe('renderWallboard', () => {
  it('is one self-contained page that reloads itself every refresh', () => {
    expect(page.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(page).toContain('<meta http-equiv="refresh" content="30">');
    expect(page).toContain("default-src 'none'");
    // Without the hostile name, whose escaped text holds `src=` as text.
    expect(renderWallboard(WALL_ROWS.slice(0, 2), META)).not.toMatch(/<script|https?:|src=|url\(|@import|<link|<img/i);
    expect(page).not.toMatch(/<script|<img/i);
  });

  it('escapes API names: the hostile queue name is text, never markup', () => {
    expect(page).toContain(`<h2>${escapeHtml(HOSTILE)}</h2>`);
    expect(count(page, HOSTILE)).toBe(0);
  });

  it('one card per queue, a media line per row, agents once per queue', () => {
    expect(count(page, '<section class="queue')).toBe(2);
    expect(count(page, '<div class="media">')).toBe(3);
    expect(count(page, '<b class="idle">5</b> idle of <b class="on-queue">12</b> on queue · 1 not responding · 3 off queue')).toBe(1);
  });

  it('big numbers: waiting, longest wait as m:ss, SL against target coloured by met/missed, alerts shown', () => {
    expect(page).toContain('<div class="stat waiting"><span class="big">7</span>');
    expect(page).toContain('<div class="stat longest"><span class="big">2:05</span>');
    expect(page).toContain('<div class="stat sl missed"><span class="big">62.5%</span><span class="cap">SL today · target 80%</span>');
    expect(page).toContain('<div class="stat sl met"><span class="big">91.25%</span><span class="cap">SL today · target 70%</span>');
    expect(page).toContain('<div class="alerts">sl_below_target · waiting&gt;5</div>');
    expect(page).toContain('<section class="queue alert" data-queue-id="q1">');
    expect(page).toContain('<div class="label">no traffic</div>');
  });

  it('says so when no queue is selected', () => {
    expect(renderWallboard([], META)).toContain('No queues selected.');
  });
});

describe('clockText', () => {
  it('m:ss under an hour, hours and minutes from an hour, a dash for none', () => {
    expect([clockText(0), clockText(59), clockText(125), clockText(3599), clockText(3600), clockText(7384), clockText(null)]).toEqual([
      '0:00',
      '0:59',
      '2:05',
      '59:59',
      '1h 00m',
      '2h 03m',
      '–',
    ]);
  });

  it('days and hours from a day: an email waiting 54 h 24 min is 2d 6h', () => {
    expect([clockText(86_399), clockText(86_400), clockText(54 * 3600 + 24 * 60 + 9)]).toEqual(['23h 59m', '1d 0h', '2d 6h']);
  });
});
