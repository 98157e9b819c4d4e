/**
 * A throw-away PostgreSQL 15 cluster for the tests that need a real server: initdb into a temp dir, started on a
 * unix socket in that dir (no TCP port, so parallel runs never collide), stopped and deleted at the end.
 * PostgreSQL refuses to run as root, so under root the cluster belongs to the `postgres` (or `nobody`) user.
 * Outside CI a machine without the binaries skips the PostgreSQL tests with one line; under CI=true it fails.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

export const PG_BIN = process.env.GCX_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';
const INSTALL_HINT = 'apt-get install postgresql-15';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgresql://…?host=<socket dir>` of the test cluster, or '' when it is not available. */
    pgUrl: string;
    /** Why there is no cluster ('' when there is one). */
    pgSkip: string;
  }
}

let dir: string | undefined;
let runAs: string[] = [];

export function setup(project: TestProject): void {
  if (!existsSync(join(PG_BIN, 'initdb'))) {
    const missing = `no ${join(PG_BIN, 'initdb')}; install it with \`${INSTALL_HINT}\``;
    if (process.env.CI === 'true') throw new Error(`PostgreSQL tests cannot run under CI=true: ${missing}`);
    const why = `PostgreSQL tests skipped: ${missing}`;
    process.stderr.write(`${why}\n`);
    project.provide('pgUrl', '');
    project.provide('pgSkip', why);
    return;
  }
  dir = mkdtempSync(join(tmpdir(), 'gcx-pg-'));
  const data = join(dir, 'data');
  if (process.getuid?.() === 0) {
    const user = userExists('postgres') ? 'postgres' : 'nobody';
    const uid = Number(execFileSync('id', ['-u', user], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', user], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
    runAs = ['runuser', '-u', user, '--'];
  }
  chmodSync(dir, 0o755);
  const run = (bin: string, args: string[]) => {
    const [cmd, ...rest] = [...runAs, join(PG_BIN, bin), ...args];
    execFileSync(cmd!, rest, { stdio: ['ignore', 'ignore', 'pipe'], cwd: dir });
  };
  run('initdb', ['-D', data, '-U', 'gcx', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  // Durability is not under test here; fsync off keeps the cluster fast on a shared two-core machine.
  const serverOptions = `-k ${dir} -c listen_addresses= -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=60`;
  run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  project.provide('pgUrl', `postgresql://gcx@localhost/postgres?host=${encodeURIComponent(dir)}`);
  project.provide('pgSkip', '');
}

export function teardown(): void {
  if (!dir) return;
  try {
    const [cmd, ...rest] = [...runAs, join(PG_BIN, 'pg_ctl'), '-D', join(dir, 'data'), '-m', 'immediate', '-w', 'stop'];
    execFileSync(cmd!, rest, { stdio: 'ignore', cwd: dir });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function userExists(name: string): boolean {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
