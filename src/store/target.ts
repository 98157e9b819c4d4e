import { isAbsolute, resolve } from 'node:path';
import * as z from 'zod';
import { UsageError } from '../errors.js';
import { dbUrlPasswordSpan, redactDbUrl, registerSecret } from '../redact.js';
import { DEFAULT_DB } from './defaults.js';

/** Where the history lives: a SQLite file, or a PostgreSQL server. `label` is safe to print (no password). */
export type DbTarget =
  | { kind: 'sqlite'; path: string; label: string }
  | { kind: 'postgres'; url: string; label: string };


const ACCEPTED = 'use sqlite:<path>, a file path, or postgres://user@host/db (postgresql:// too)';

const TargetText = z
  .string()
  .refine((text) => text.trim() !== '', `--db: the value is empty; ${ACCEPTED}`)
  .transform((text) => text.trim());

/**
 * `--db` / `GCX_DB` (flag first), else gcx-metrics.sqlite in `cwd`, from the process environment only (tests and
 * callers without a resolved Config); commands use dbTarget with config.db, which reads `.env` too.
 */
export function resolveDbTarget(flag: string | undefined, env: Record<string, string | undefined>, cwd: string): DbTarget {
  registerSecret(env.PGPASSWORD);
  const chosen = flag !== undefined ? { value: flag, source: '--db' } : env.GCX_DB !== undefined ? { value: env.GCX_DB, source: 'GCX_DB' } : undefined;
  return dbTarget(chosen, cwd);
}

/**
 * The target config.db chose (src/config/resolve.ts), else gcx-metrics.sqlite in `cwd`. Any password in a URL is
 * registered as a secret at once, so it is scrubbed from every later message, and the label shows it as `***`.
 */
export function dbTarget(chosen: { value: string; source: string } | undefined, cwd: string): DbTarget {
  const source = chosen?.source ?? '--db';
  const parsed = TargetText.safeParse(chosen?.value ?? DEFAULT_DB);
  if (!parsed.success) throw new UsageError(parsed.error.issues[0]!.message.replace('--db', source));
  return parseTarget(parsed.data, source, cwd);
}

function parseTarget(text: string, source: string, cwd: string): DbTarget {
  if (/^postgres(ql)?:\/\//i.test(text)) return postgresTarget(text, source);
  if (/^sqlite:/i.test(text)) {
    const path = text.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (path === '') throw new UsageError(`${source}: "sqlite:" names no file; ${ACCEPTED}`);
    return sqliteTarget(path, cwd);
  }
  // A URL of any other scheme is a mistake, not a file name (c:\… stays a path: one letter is a drive).
  const scheme = /^([a-z][a-z0-9+.-]+):\/\//i.exec(text);
  if (scheme) throw new UsageError(`${source}: "${scheme[1]}://" databases are not supported; ${ACCEPTED}`);
  return sqliteTarget(text, cwd);
}

function sqliteTarget(path: string, cwd: string): DbTarget {
  const full = isAbsolute(path) ? path : resolve(cwd, path);
  return { kind: 'sqlite', path: full, label: full };
}

function postgresTarget(text: string, source: string): DbTarget {
  // The password as typed is a secret before anything can fail, so no message (ours or the driver's) carries it.
  const span = dbUrlPasswordSpan(text);
  if (span) registerSecret(text.slice(span.start, span.end));
  const label = redactDbUrl(text);
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(`${source}: "${label}" is not a valid URL; percent-encode / ? # @ % in the password (e.g. %2F); ${ACCEPTED}`);
  }
  // pg decodes each part with decodeURIComponent, which throws "URI malformed" on a % without two hex digits.
  const decoded = (part: string, value: string) => {
    try {
      return decodeURIComponent(value);
    } catch {
      throw new UsageError(`${source}: "${label}": the ${part} has a % not followed by two hex digits; write a literal % as %25`);
    }
  };
  const password = decoded('password', url.password);
  decoded('user name', url.username);
  decoded('host', url.hostname);
  decoded('database name', url.pathname);
  registerSecret(password);
  registerSecret(url.searchParams.get('password') ?? undefined);
  return { kind: 'postgres', url: text, label };
}

export { redactDbUrl };
