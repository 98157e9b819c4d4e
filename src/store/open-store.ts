import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { UsageError } from '../errors.js';
import { hostname } from 'node:os';
import { DbError } from './db-error.js';
import { checkSqlitePath } from './sqlite-path.js';
import type { LockHolder, Store, StoreOptions } from './store.js';
import type { DbTarget } from './target.js';

/** This process, as a lock holder. */
export function thisProcess(nowMs: number): LockHolder {
  return { pid: process.pid, host: hostname(), startedMs: nowMs };
}

/**
 * Opens the store a target names. `read` never creates anything: a SQLite file that does not exist is an error
 * (exit 6) rather than an empty database that would report nothing.
 */
export async function openStore(
  target: DbTarget,
  mode: 'sync' | 'read',
  env: Record<string, string | undefined>,
  holder: LockHolder,
  options: StoreOptions = {},
): Promise<Store> {
  // Each backend (pg, the better-sqlite3 addon) loads only when a command opens that database: a file or API report
  // never pays for them at start-up.
  if (target.kind === 'postgres') {
    const { openPostgresStore } = await import('./postgres-store.js');
    return openPostgresStore({ url: target.url, label: target.label, env }, mode, holder, options);
  }
  checkSqlitePath(target.path);
  if (!existsSync(dirname(target.path))) {
    throw new UsageError(`--db ${target.path}: the directory ${dirname(target.path)} does not exist; create it or give another path`);
  }
  if (mode === 'read' && !existsSync(target.path)) {
    throw new DbError(`SQLite database ${target.path} does not exist; run gcx-metrics sync --db ${target.path} first`);
  }
  const { openSqliteStore } = await import('./sqlite-store.js');
  return openSqliteStore(target.path, mode, options);
}
