/**
 * Text a server chose (an error `message`, a `contextId`, a job's `errorMessage`) reaches stderr only through
 * terminalLine: an escape sequence in it prints as `?` instead of retitling the window or clearing the screen.
 */
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main.js';
import { createLogger } from '../../src/log.js';
import { terminalLine, terminalLines } from '../../src/output/terminal-line.js';
import { useNockGuard } from '../nock-guard.js';
import { API, json, testDeps, token } from '../commands/support.js';

useNockGuard();

const TITLE = '\x1b]0;owned\x07';
const CLEAR = '\x1b[2J\x1b[H';

describe('terminalLine', () => {
  it('turns escape sequences, other controls and bidi overrides into ?, line breaks into spaces', () => {
    expect(terminalLine(`bad ${TITLE}request${CLEAR}\r\nnext \u202eevil`)).toBe('bad ?]0;owned?request?[2J?[H  next ?evil');
    expect(terminalLines('Error: x\x1b[31m\n    at f (a.js:1:1)')).toBe('Error: x?[31m\n    at f (a.js:1:1)');
  });

  it('is what every logger line goes through', () => {
    const lines: string[] = [];
    createLogger('verbose', (l) => lines.push(l)).warn(`queue ${TITLE} skipped`);
    expect(lines).toEqual(['warning: queue ?]0;owned? skipped\n']);
  });
});

describe('an API error with escape sequences', () => {
  it('prints on stderr without them (exit 4 kept)', async () => {
    const t = testDeps('2026-11-21T12:00:00Z');
    nock(API).post('/oauth/token').reply(200, token, json);
    nock(API)
      .get('/api/v2/routing/queues')
      .query(true)
      .reply(400, { status: 400, code: 'bad.request', message: `no ${TITLE}such${CLEAR} page`, contextId: `ctx${TITLE}` }, json);
    const code = await run(['list', 'queues', '--format', 'csv'], t.deps);
    expect(t.stderr()).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f]/);
    expect(t.stderr()).toContain('bad.request: no ?]0;owned?such?[2J?[H page (contextId ctx?]0;owned?)');
    expect(code).toBe(4);
  });
});
