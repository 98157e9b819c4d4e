import { digest } from './sim-ids.js';

export type TokenCheck =
  | { ok: true; tokenId: string }
  | { ok: false; code: 'authentication.required' | 'bad.credentials'; message: string; tokenId?: string };

/**
 * Client-credentials tokens: random-looking, deterministic in (seed, issue order), expiring on the simulator's
 * clock. `tokenId` (t1, t2, ...) is the short non-secret name the request log uses instead of the token.
 */
export function createTokenStore(opts: { seed: number; ttlSeconds: number; now: () => number }) {
  const tokens = new Map<string, { tokenId: string; expiresAtMs: number; revoked: boolean }>();
  let issued = 0;

  return {
    issue(): { accessToken: string; tokenId: string; expiresIn: number } {
      issued += 1;
      const accessToken = digest(opts.seed, 'token', issued).toString('base64url');
      const tokenId = `t${issued}`;
      tokens.set(accessToken, { tokenId, expiresAtMs: opts.now() + opts.ttlSeconds * 1000, revoked: false });
      return { accessToken, tokenId, expiresIn: opts.ttlSeconds };
    },

    /** Checks an Authorization header value. */
    check(authorization: string | undefined): TokenCheck {
      const match = /^bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
      if (!match) {
        return {
          ok: false,
          code: 'authentication.required',
          message: 'No authentication bearer token specified in authorization header.',
        };
      }
      const token = tokens.get(match[1]!);
      if (!token || token.revoked || opts.now() >= token.expiresAtMs) {
        return { ok: false, code: 'bad.credentials', message: 'Invalid login credentials.', tokenId: token?.tokenId };
      }
      return { ok: true, tokenId: token.tokenId };
    },

    /** The `expire` fault: the token stops working at once, as if its lifetime had run out. */
    revoke(tokenId: string): void {
      for (const token of tokens.values()) if (token.tokenId === tokenId) token.revoked = true;
    },
  };
}
export type TokenStore = ReturnType<typeof createTokenStore>;
