import { createApiClient, type ApiClient } from '../api/http.js';
import { RETRY_DEFAULTS } from '../api/retry-policy.js';
import { fetchClientCredentialsToken } from '../auth/client-credentials.js';
import { createTokenProvider } from '../auth/token-provider.js';
import type { Config } from '../config/resolve.js';
import type { Deps } from '../deps.js';
import type { Logger } from '../log.js';
import type { Progress } from '../output/progress.js';

/** The API client of one run: its token source and its retry budgets are shared by every request of the run. */
export function apiClient(config: Config, requestTimeoutMs: number, logger: Logger, progress: Progress, deps: Deps): ApiClient {
  const onPause = (note: string) => progress.note(note);
  const { clientId, clientSecret, loginUrl } = config;
  const policy = { ...RETRY_DEFAULTS, requestTimeoutMs };
  const rateLimitBudget = { waitedMs: 0 };
  const tokens = createTokenProvider({
    fetchToken: () =>
      fetchClientCredentialsToken({
        loginUrl,
        clientId: clientId!,
        clientSecret: clientSecret!,
        timeoutMs: requestTimeoutMs,
        clock: deps.clock,
        logger,
        signal: deps.signal,
        rateLimitBudget,
        onPause,
      }),
    clock: deps.clock,
  });
  return createApiClient({ apiUrl: config.apiUrl, tokens, clock: deps.clock, logger, signal: deps.signal, policy, rateLimitBudget, onPause });
}
