/**
 * A 403 message that names the permission to grant. Genesys says e.g. "Unable to perform the requested action.
 * You are missing the following permission(s): [analytics:conversationAggregate:view]" (code missing.permissions),
 * or "You must have at least one of the following permissions assigned: …" (code missing.any.permissions).
 */
import type { ErrorBody } from './schemas.js';

const PERMISSION = /\b[A-Za-z]+:[A-Za-z*]+:[A-Za-z*]+\b/g;

export function missingPermissions(body: ErrorBody): string[] {
  const texts = [body.message, body.messageWithParams, ...Object.values(body.messageParams ?? {}).map(String)];
  const found = new Set<string>();
  for (const text of texts) for (const m of (text ?? '').matchAll(PERMISSION)) found.add(m[0]);
  return [...found];
}

/** `label` is "METHOD /path"; `ctx` is " (contextId …)" or "". */
export function forbiddenMessage(label: string, body: ErrorBody, ctx: string): string {
  const code = body.code ?? 'forbidden';
  const perms = missingPermissions(body);
  if (perms.length === 0) {
    const said = body.message ? `: ${body.message}` : '';
    return `${label} failed: 403 ${code}${said}; the OAuth client's roles lack a permission this request needs${ctx}`;
  }
  const what =
    code === 'missing.any.permissions' && perms.length > 1
      ? `missing one of the permissions ${perms.join(', ')}`
      : `missing permission${perms.length > 1 ? 's' : ''} ${perms.join(', ')}`;
  return `${label} failed: 403 ${code}: ${what}; grant it to a role of the OAuth client${ctx}`;
}
