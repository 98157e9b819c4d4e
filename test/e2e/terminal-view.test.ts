/**
 * The table as a supervisor sees it in a real terminal: the built CLI under tmux at 80×24 and 200×50, the screen
 * captured with its scrollback. Skipped with one line where tmux is not installed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { cellWidth } from '../../src/output/cell-width.js';
import { BIN } from './cli.js';

const hasTmux = spawnSync('tmux', ['-V']).status === 0;
const SOCKET = `gcx-test-${process.pid}`;
const tmux = (...args: string[]) => execFileSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
afterAll(() => {
  if (hasTmux) spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
});

/** Runs the CLI in a fresh tmux window of the given size and returns every line it left on the screen and above it. */
function onScreen(width: number, height: number, args: string[]): string[] {
  const name = `w${width}x${height}`;
  const command = `TZ=UTC NO_COLOR=1 "${process.execPath}" "${BIN}" ${args.map((a) => `'${a}'`).join(' ')}; tmux -L ${SOCKET} wait-for -S ${name}`;
  tmux('new-session', '-d', '-s', name, '-x', String(width), '-y', String(height), 'bash', '--norc', '--noprofile', '-c', `${command}; sleep 30`);
  tmux('set-option', '-t', name, 'history-limit', '5000');
  execFileSync('timeout', ['60', 'tmux', '-L', SOCKET, 'wait-for', name]);
  const text = tmux('capture-pane', '-p', '-S', '-', '-t', name);
  tmux('kill-session', '-t', name);
  return text.replace(/\n+$/, '').split('\n');
}

const HOURS = ['occupancy', '--demo', '--from', '2026-11-20T14:00', '--to', '2026-11-20T16:00', '--tz', 'UTC'];

describe.skipIf(!hasTmux)('the terminal table under tmux', () => {
  it('80×24: fits the width, keeps names, volume and both occupancies (Genesys\'s first), hides idle rows with a note, repeats the header', () => {
    const lines = onScreen(80, 24, HOURS);
    expect(Math.max(...lines.map(cellWidth))).toBeLessThanOrEqual(80);
    const h = lines.findIndex((l) => l.startsWith('interval_start'));
    const top = lines.slice(h - 1, h + 1).join('\n');
    for (const c of ['agent_name', 'handled', 'routing_', 'occupancy_']) expect(top).toContain(c);
    expect(top.indexOf('routing_')).toBeLessThan(top.lastIndexOf('occupancy_'));
    // More rows than fit on 24 lines: the rule under the header appears again further down.
    const rules = lines.filter((l) => /^-{10,}  -/.test(l));
    expect(rules.length).toBeGreaterThan(1);
    expect(lines.some((l) => /^\d+ of \d+ rows where nothing happened hidden; --all shows every row$/.test(l))).toBe(true);
    expect(lines.join('\n')).not.toMatch(/ 0:00:00 +0:00:00 +0:00:00 +0:00:00/);
  }, 90_000);

  it('200×50: every metric column of occupancy fits, durations headed with their unit; the id, least important, is the one left out', () => {
    const lines = onScreen(200, 50, [...HOURS, '--agent', 'Aiden Gonzalez']);
    const h = lines.findIndex((l) => l.startsWith('interval_start'));
    // Two header lines: long names split after an `_`, a duration's unit under its name.
    expect(lines[h - 1]).toMatch(/^ +interval_ +routing_ +occupancy_ +handle +talk +hold +acw +on_queue +interacting +not_responding$/);
    expect(lines[h]).toMatch(/^interval_start +end +agent_name +occupancy_pct +pct +handled +\(h:mm:ss\) +\(h:mm:ss\) +\(h:mm:ss\) +\(h:mm:ss\) +\(h:mm:ss\) +\(h:mm:ss\) +\(h:mm:ss\)$/);
    expect(lines.filter((l) => l.startsWith('2026-11-20'))).toHaveLength(4);
  }, 90_000);
});
