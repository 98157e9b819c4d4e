import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import type { Deps } from '../../src/deps.js';

export const API = 'https://api.gcx.test';

/** Deps for calling a command in-process: a fixed clock, instant sleeps, captured stdout/stderr, an empty cwd. */
export function testDeps(nowIso: string, env: Record<string, string> = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.setEncoding('utf8').on('data', (d: string) => (out += d));
  stderr.setEncoding('utf8').on('data', (d: string) => (err += d));
  const deps: Deps = {
    env: {
      GENESYS_CLOUD_API_URL: API,
      GENESYS_CLOUD_CLIENT_ID: 'test-client',
      GENESYS_CLOUD_CLIENT_SECRET: 'test-secret-value',
      ...env,
    },
    cwd: mkdtempSync(join(tmpdir(), 'gcx-cmd-')),
    stdin: Readable.from([]),
    stdout,
    stderr,
    clock: { now: () => Date.parse(nowIso), sleep: async () => {} },
    signal: new AbortController().signal,
    systemTimeZone: 'UTC',
  };
  return { deps, stdout: () => out, stderr: () => err };
}

export const json = { 'Content-Type': 'application/json' };
export const token = { access_token: 'placeholder-token', token_type: 'bearer', expires_in: 86_400 };
