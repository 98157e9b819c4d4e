/**
 * Secrets are registered the moment they are known (client secret at config time, each access token as it is
 * issued) and scrubbed from every message, log line and error text built afterwards.
 */
const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  // Very short values would blank out ordinary words; real secrets and tokens are long.
  if (value && value.length >= 6) secrets.add(value);
}

const PATTERNS: Array<[RegExp, string]> = [
  // A database URL inside free text (a driver's message): everything from `user:` to the last `@` before a space.
  [/(\b[a-z][a-z0-9+.-]*:\/\/[^\s/?#@:'"]*:)[^\s'"]*@/gi, '$1***@'],
  [/(authorization["']?\s*[:=]\s*["']?)(bearer|basic)\s+[^\s"',}]+/gi, '$1$2 [REDACTED]'],
  [/((?:client_secret|access_token|refresh_token)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1[REDACTED]'],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/**
 * A database URL with its password shown as `***`, valid URL or not: everything between `scheme://user:` and the
 * LAST `@` (a password may hold `@`, `/`, `?` or `#`, which a URL parser would split elsewhere), and any
 * `password=` parameter. An `@` later in the path or query makes it hide more than the password, never less.
 */
export function redactDbUrl(text: string): string {
  const span = dbUrlPasswordSpan(text);
  const out = span ? `${text.slice(0, span.start)}***${text.slice(span.end)}` : text;
  return out.replace(/([?&]password=)[^&#]*/gi, '$1***');
}

/** Where the password of `scheme://user:password@host…` lies in `text` (start, end exclusive), if there is one. */
export function dbUrlPasswordSpan(text: string): { start: number; end: number } | undefined {
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(text);
  if (!scheme) return undefined;
  const at = text.lastIndexOf('@');
  const colon = text.indexOf(':', scheme[0].length);
  return colon !== -1 && colon < at ? { start: colon + 1, end: at } : undefined;
}

/** For tests only. */
export function clearSecrets(): void {
  secrets.clear();
}
