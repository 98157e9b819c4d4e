/**
 * Caches the access token: one fetch in flight shared by every concurrent caller, refreshed shortly before it
 * expires, and dropped on a 401 only if it is still the token that was rejected (so N parallel 401s cause one
 * refresh, not N).
 */
import type { TokenSource } from '../api/http.js';
import type { Clock } from '../clock.js';

/** The token source the API client asks (declared by src/api, implemented here). */
export type TokenProvider = TokenSource;

export interface IssuedToken {
  accessToken: string;
  expiresInS: number;
}

export interface TokenProviderDeps {
  fetchToken: () => Promise<IssuedToken>;
  clock: Clock;
  /** Refresh this long before expiry; 60 s, or 10 % of the lifetime when that is shorter. */
  refreshBeforeExpiryMs?: number;
}

export function createTokenProvider(deps: TokenProviderDeps): TokenProvider {
  const { fetchToken, clock } = deps;
  let cached: { token: string; refreshAtMs: number } | undefined;
  let inFlight: Promise<string> | undefined;

  const fetchFresh = async (): Promise<string> => {
    // Measured from the request, not the response, so a slow login errs towards refreshing early.
    const startedAt = clock.now();
    const issued = await fetchToken();
    const lifetimeMs = issued.expiresInS * 1000;
    const margin = Math.min(deps.refreshBeforeExpiryMs ?? 60_000, lifetimeMs * 0.1);
    cached = { token: issued.accessToken, refreshAtMs: startedAt + lifetimeMs - margin };
    return issued.accessToken;
  };

  return {
    getToken() {
      if (cached && clock.now() < cached.refreshAtMs) return Promise.resolve(cached.token);
      if (!inFlight) {
        inFlight = fetchFresh().finally(() => {
          inFlight = undefined;
        });
      }
      return inFlight;
    },
    invalidate(token) {
      if (token === undefined || cached?.token === token) cached = undefined;
    },
  };
}
