/**
 * A PostgreSQL password never reaches a message, whatever characters it holds and whether or not the URL parses:
 * everything between `scheme://user:` and the last `@` is shown as `***`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { clearSecrets, redact, redactDbUrl } from '../../src/redact.js';
import { resolveDbTarget } from '../../src/store/target.js';

afterEach(() => clearSecrets());

function usageErrorOf(text: string): UsageError {
  try {
    resolveDbTarget(text, {}, '/');
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return error as UsageError;
  }
  throw new Error(`${text} was accepted`);
}

describe('database URL redaction', () => {
  it('hides a password holding @ up to the last @, in the label of a URL that parses', () => {
    const target = resolveDbTarget('postgresql://u:Secret@pw99word@host/db', {}, '/');
    expect(target.label).toBe('postgresql://u:***@host/db');
    if (target.kind !== 'postgres') throw new Error('not a PostgreSQL target');
    expect(redact(`could not connect to ${target.url}`)).not.toContain('pw99word');
  });

  it.each(['/', '#', '?'])('exits 2 without the password when it holds %s and the URL does not parse', (ch) => {
    const error = usageErrorOf(`postgresql://u:my${ch}Secretpw99@host/db`);
    expect(error.exitCode).toBe(2);
    expect(error.message).toBe(
      `--db: "postgresql://u:***@host/db" is not a valid URL; percent-encode / ? # @ % in the password (e.g. %2F); ` +
        'use sqlite:<path>, a file path, or postgres://user@host/db (postgresql:// too)',
    );
  });

  it('exits 2 (not an internal error) naming the part when the password has a bad % escape, without showing it', () => {
    const error = usageErrorOf('postgresql://u:bad%zzSecret@host/db');
    expect(error.message).toBe('--db: "postgresql://u:***@host/db": the password has a % not followed by two hex digits; write a literal % as %25');
  });

  it('exits 2 for a bad % escape in the database name too (pg would throw "URI malformed")', () => {
    expect(usageErrorOf('postgresql://u@host/db%e0').message).toMatch(/the database name has a % not followed/);
  });

  it('reads GCX_DB the same way and names it', () => {
    expect(() => resolveDbTarget(undefined, { GCX_DB: 'postgres://u:a#bcdefgh@h/d' }, '/')).toThrow('GCX_DB: "postgres://u:***@h/d" is not a valid URL');
  });

  it('hides a database URL password inside free text, even one too short to register as a secret', () => {
    expect(redact('connect postgresql://u:p@w@db.example/x failed')).toBe('connect postgresql://u:***@db.example/x failed');
    expect(redactDbUrl('postgres://u:a/b?c#d@h:5432/db?password=zz')).toBe('postgres://u:***@h:5432/db?password=***');
    expect(redactDbUrl('postgres://u@h/db')).toBe('postgres://u@h/db');
    expect(redactDbUrl('postgres://h:5432/db')).toBe('postgres://h:5432/db');
  });
});
