import { constants } from 'node:os';
import { getSystemErrorMap } from 'node:util';

/**
 * An I/O error in words, with its code for searching: "no space left on device (ENOSPC)". The words come from
 * libuv, so they are what `cp` or `ls` would print for the same failure.
 */
export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException | undefined;
  const byCode = (constants.errno as Record<string, number | undefined>)[e?.code ?? ''];
  const errno = typeof e?.errno === 'number' ? e.errno : byCode !== undefined ? -byCode : NaN;
  const known = Number.isFinite(errno) ? getSystemErrorMap().get(errno) : undefined;
  if (known) return `${known[1]} (${known[0]})`;
  if (typeof e?.code === 'string') return e.code;
  return e instanceof Error ? e.message : String(err);
}
