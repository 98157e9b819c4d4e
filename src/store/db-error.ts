import { GcxError } from '../errors.js';

/**
 * Exit 6: another sync holds the database, it cannot be reached, or it refused the write. The message says which
 * and names the database with any password removed; nothing was changed.
 */
export class DbError extends GcxError {
  override readonly exitCode = 6;
}
