/**
 * A throw-away PostgreSQL 15 cluster: initdb into a temp dir, started on a unix socket in that dir (no TCP port,
 * so parallel runs never collide), stopped and deleted by stop(). PostgreSQL refuses to run as root, so under root
 * the cluster belongs to the `postgres` (or `nobody`) user. Used by the tests' global setup and by the bench.
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const PG_BIN = process.env.GCX_TEST_PG_BIN ?? '/usr/lib/postgresql/15/bin';
export const PG_INSTALL_HINT = 'apt-get install postgresql-15';

/** Why there can be no cluster here ('' when the binaries are present). */
export function postgresMissing() {
  return existsSync(join(PG_BIN, 'initdb')) ? '' : `no ${join(PG_BIN, 'initdb')}; install it with \`${PG_INSTALL_HINT}\``;
}

/**
 * Starts a cluster. `durable: false` turns fsync off (the tests do not test durability, and a shared two-core
 * machine is slow enough); the bench keeps PostgreSQL's defaults so its figures are a real server's.
 */
export function startPgCluster({ durable }) {
  const dir = mkdtempSync(join(tmpdir(), 'gcx-pg-'));
  let runAs = [];
  if (process.getuid?.() === 0) {
    const user = userExists('postgres') ? 'postgres' : 'nobody';
    const id = (flag) => Number(execFileSync('id', [flag, user], { encoding: 'utf8' }).trim());
    chownSync(dir, id('-u'), id('-g'));
    runAs = ['runuser', '-u', user, '--'];
  }
  chmodSync(dir, 0o755);
  const data = join(dir, 'data');
  const run = (bin, args, stdio = ['ignore', 'ignore', 'pipe']) => {
    const [cmd, ...rest] = [...runAs, join(PG_BIN, bin), ...args];
    execFileSync(cmd, rest, { stdio, cwd: dir });
  };
  run('initdb', ['-D', data, '-U', 'gcx', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  const fast = durable ? '' : ' -c fsync=off -c synchronous_commit=off -c full_page_writes=off';
  const serverOptions = `-k ${dir} -c listen_addresses= -c max_connections=60${fast}`;
  run('pg_ctl', ['-D', data, '-o', serverOptions, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start']);
  return {
    url: `postgresql://gcx@localhost/postgres?host=${encodeURIComponent(dir)}`,
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop'], 'ignore');
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}

function userExists(name) {
  try {
    execFileSync('id', ['-u', name], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
