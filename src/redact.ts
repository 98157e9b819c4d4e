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
  [/(authorization["']?\s*[:=]\s*["']?)(bearer|basic)\s+[^\s"',}]+/gi, '$1$2 [REDACTED]'],
  [/((?:client_secret|access_token|refresh_token)["']?\s*[:=]\s*["']?)[^\s"'&,}]+/gi, '$1[REDACTED]'],
];

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) out = out.split(secret).join('[REDACTED]');
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}

/** For tests only. */
export function clearSecrets(): void {
  secrets.clear();
}
