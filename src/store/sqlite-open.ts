import { readFileSync, statSync } from 'node:fs';
import Database from 'better-sqlite3';
import { DbError } from './db-error.js';

/** A sync waits this long for another writer's commit; the sync lock itself never waits (see acquireLock). */
const BUSY_TIMEOUT_MS = 5_000;

/**
 * The better-sqlite3 connection for a store. A sync opens (or creates) the file and switches it to WAL. A report
 * opens an existing file without the readonly flag, which matters: the last connection to close checkpoints and
 * removes the -wal and -shm, and a readonly one would leave them behind.
 *
 * A WAL database whose directory cannot be written (a read-only mount, another user's directory) cannot be read
 * that way: SQLite needs a -shm file beside it and cannot create one (SQLITE_CANTOPEN; https://www.sqlite.org/wal.html#readonly).
 * This better-sqlite3 build takes no URI filenames (SQLITE_USE_URI=0), so `?immutable=1` is not available; such a
 * database is read from a copy in memory instead, when no -wal file holds commits the main file lacks.
 */
export function openSqliteDatabase(path: string, mode: 'sync' | 'read'): Database.Database {
  if (mode === 'sync') {
    const db = new Database(path);
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    db.pragma('journal_mode = WAL');
    return db;
  }
  const db = new Database(path, { fileMustExist: true });
  try {
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    // The first read maps the -shm of a WAL database: the read-only directory case fails here.
    db.pragma('schema_version');
    return db;
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code !== 'SQLITE_CANTOPEN') throw error;
    return inMemoryCopy(path);
  }
}

/** Node reads a file into one Buffer of at most 2 GiB. */
const MAX_COPY_BYTES = 2 ** 31 - 1;

function inMemoryCopy(path: string): Database.Database {
  const wal = statSync(`${path}-wal`, { throwIfNoEntry: false });
  if (wal && wal.size > 0) {
    throw new DbError(`SQLite database ${path}: cannot be read: its directory is not writable (SQLite needs a -shm file beside it) and ${path}-wal holds commits the file does not have yet; read it once where its directory is writable`);
  }
  const size = statSync(path).size;
  if (size > MAX_COPY_BYTES) {
    throw new DbError(`SQLite database ${path}: cannot be read: its directory is not writable (SQLite needs a -shm file beside it), and at ${size} bytes it is over the 2 GiB that can be read into memory instead; read it where its directory is writable`);
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new DbError(`SQLite database ${path}: cannot be read: ${(error as Error).message}`);
  }
  // Bytes 18 and 19 of the header are 2 for WAL; an in-memory database cannot use WAL, so the copy says rollback
  // journal (1). Nothing else differs between the two formats; the file itself is untouched.
  if (bytes[18] === 2 && bytes[19] === 2) bytes[18] = bytes[19] = 1;
  return new Database(bytes, { readonly: true });
}
