import { statSync, type Stats } from 'node:fs';
import { UsageError } from '../errors.js';

/**
 * A SQLite `--db` path must be a regular file (a symlink to one is followed) or not exist yet. Anything else is
 * refused before SQLite opens it: SQLite would put a `-journal` or `-wal` beside a device (`/dev/null-journal` as
 * root), read a FIFO as a broken database, or fail on a directory with a message about "disk I/O".
 */
export function checkSqlitePath(path: string): void {
  let entry: Stats | undefined;
  try {
    entry = statSync(path, { throwIfNoEntry: false });
  } catch {
    // ENOTDIR, EACCES, ELOOP…: SQLite's open reports those in its own words.
    return;
  }
  if (!entry || entry.isFile()) return;
  throw new UsageError(`--db ${path}: is a ${kindOf(entry)}, not a file; give a SQLite database file (an existing one, or a new path to create)`);
}

function kindOf(entry: Stats): string {
  if (entry.isDirectory()) return 'directory';
  if (entry.isCharacterDevice()) return 'character device';
  if (entry.isBlockDevice()) return 'block device';
  if (entry.isFIFO()) return 'FIFO';
  if (entry.isSocket()) return 'socket';
  return 'special file';
}
