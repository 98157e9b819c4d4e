import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DOTENV_MAX_BYTES, loadDotenv } from '../../src/config/load-dotenv.js';
import { UsageError } from '../../src/errors.js';

function failing(code: string) {
  return () => {
    throw Object.assign(new Error(code), { code });
  };
}

describe('loadDotenv', () => {
  it('parses <cwd>/.env with dotenv rules', () => {
    const seen: string[] = [];
    const result = loadDotenv('/srv/app', (file) => {
      seen.push(file);
      return '# comment\nGENESYS_CLOUD_REGION=eu-west-1\nGCX_TZ="Europe/Dublin"\nexport EMPTY=\n';
    });
    expect(seen).toEqual(['/srv/app/.env']);
    expect(result).toEqual({ GENESYS_CLOUD_REGION: 'eu-west-1', GCX_TZ: 'Europe/Dublin', EMPTY: '' });
  });

  it('a missing file is an empty record', () => {
    expect(loadDotenv('/nowhere', failing('ENOENT'))).toEqual({});
  });

  it('an unreadable file is a usage error that names it', () => {
    expect(() => loadDotenv('/srv/app', failing('EACCES'))).toThrow(UsageError);
    expect(() => loadDotenv('/srv/app', failing('EACCES'))).toThrow('.env: cannot read /srv/app/.env (EACCES)');
  });
});

/**
 * Real files in a temp dir of this test's own: a FIFO there, and a symlink to /dev/zero (only ever opened, and
 * refused before any read).
 */
describe('loadDotenv on what is not a small regular file', () => {
  let dir: string;
  const children: ChildProcess[] = [];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'gcx-dotenv-'));
  });
  afterEach(() => {
    for (const child of children.splice(0)) if (child.exitCode === null) child.kill();
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a FIFO at once (exit 2), even with a writer waiting, instead of blocking until it closes', () => {
    const fifo = join(dir, '.env');
    expect(spawnSync('mkfifo', [fifo]).status).toBe(0);
    // A writer, so that a blocking read would end (and the test fail) rather than hang the test run.
    children.push(spawn('sh', ['-c', 'printf "GCX_TZ=UTC\\n" > "$0"', fifo], { stdio: 'ignore' }));
    const error = (() => {
      try {
        return loadDotenv(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).message).toBe(
      `.env: ${fifo} is a named pipe (FIFO), not a regular file; make .env a plain file of NAME=value lines, or remove it`,
    );
  });

  it('refuses a symlink to /dev/zero as a device without reading it', () => {
    symlinkSync('/dev/zero', join(dir, '.env'));
    expect(() => loadDotenv(dir)).toThrow(`.env: ${join(dir, '.env')} is a device, not a regular file`);
  });

  it('refuses a .env over 1 MiB, naming its size and the limit', () => {
    writeFileSync(join(dir, '.env'), `GCX_TZ=UTC\n#${'x'.repeat(DOTENV_MAX_BYTES)}\n`);
    expect(DOTENV_MAX_BYTES).toBe(1_048_576);
    expect(() => loadDotenv(dir)).toThrow(`.env: ${join(dir, '.env')} is 1048589 bytes; the limit is 1048576`);
  });

  it('follows a symlink to a regular file and reads a file of exactly the limit', () => {
    const real = join(dir, 'real.env');
    writeFileSync(real, `GCX_TZ=UTC\n#${'x'.repeat(DOTENV_MAX_BYTES - 13)}\n`);
    symlinkSync(real, join(dir, '.env'));
    expect(loadDotenv(dir)).toEqual({ GCX_TZ: 'UTC' });
  });
});
