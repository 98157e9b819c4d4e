/**
 * Reading a response body: JSON or not, truncated or not, matching the schema or not, and the Genesys error body.
 * Messages name what was wrong and where, never the body itself (it could be large, or hold data).
 */
import type { z } from 'zod';
import { ErrorBody } from './schemas.js';

export type ParsedBody = { ok: true; value: unknown } | { ok: false; problem: string };

const mediaType = (contentType: string | undefined) => (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** JSON when the content type says so, or says nothing. */
export function looksJson(contentType: string | undefined): boolean {
  const type = mediaType(contentType);
  return type === '' || type.includes('json');
}

export function parseJsonBody(text: string, contentType: string | undefined): ParsedBody {
  const type = mediaType(contentType);
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, problem: 'returned an empty body, not JSON' };
  if (!looksJson(contentType) || trimmed.startsWith('<')) {
    return { ok: false, problem: `returned ${type || 'a non-JSON body'}, not JSON` };
  }
  try {
    return { ok: true, value: JSON.parse(trimmed) };
  } catch {
    return { ok: false, problem: 'returned a truncated or malformed JSON body' };
  }
}

/** `results[0].data[2].interval` */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out || '(root)';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  // JSON.parse reads 1e400 as Infinity, which z.number() refuses: "got number" would contradict "expected number".
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value > 0 ? '' : '-'}Infinity (a number beyond ±1.8e308)`;
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

function valueAt(root: unknown, path: ReadonlyArray<PropertyKey>): { found: boolean; value: unknown } {
  let cur: unknown = root;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || !(key in (cur as object))) return { found: false, value: undefined };
    cur = (cur as Record<PropertyKey, unknown>)[key];
  }
  return { found: true, value: cur };
}

/** "at results[0].data[2].interval: expected string, got number" for the first issue. */
export function describeSchemaMismatch(error: z.ZodError, data: unknown): string {
  const issue = error.issues[0];
  if (!issue) return 'does not match the API schema';
  const where = formatPath(issue.path);
  if (issue.code === 'invalid_type') {
    const actual = valueAt(data, issue.path);
    const got = actual.found ? kindOf(actual.value) : 'nothing';
    return `at ${where}: expected ${issue.expected}, got ${got}`;
  }
  return `at ${where}: ${issue.message}`;
}

/** The Genesys error body, when the text is one; anything else yields an empty object. */
export function readErrorBody(text: string): ErrorBody {
  try {
    const parsed = ErrorBody.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : {};
  } catch {
    return {};
  }
}
